// Package event is the model: the session journal's events (format v1),
// the State of an exercise, and the pure fold (Fold, and Apply for one
// event) that turns a list of events into the state at any instant. It does no
// I/O; the session file's fast line codec is package internal/wire,
// reached through Marshal, Unmarshal and Decode.
package event

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"ttx/exercise/internal/wire"
)

// Version is the journal format version written in every line's "v".
const Version = 1

// Event types. Readers keep unknown types and show them raw.
const (
	SessionOpened       = "session.opened"
	SessionClosed       = "session.closed"
	SessionResumed      = "session.resumed"
	ClockStarted        = "clock.started"
	ClockPaused         = "clock.paused"
	ClockSpeed          = "clock.speed"
	ClockJumped         = "clock.jumped"
	InjectReleased      = "inject.released"
	InjectSkipped       = "inject.skipped"
	InjectDelayed       = "inject.delayed"
	InjectHeld          = "inject.held"
	InjectUnheld        = "inject.unheld"
	BranchChosen        = "branch.chosen"
	DecisionRecorded    = "decision.recorded"
	RequestRecorded     = "request.recorded"
	RequestAnswered     = "request.answered"
	ObservationRecorded = "observation.recorded"
	ParticipantJoined   = "participant.joined"
	ParticipantLeft     = "participant.left"
	NoteRecorded        = "note.recorded"
	// Corrections: an entry amended or struck through, the original kept.
	DecisionAmended = "decision.amended"
	DecisionStruck  = "decision.struck"
	// Multi-seat: who may join, who did, who was refused, and the
	// facilitator's controls over the seats.
	RosterAdded = "roster.added"
	// RosterCodeIssued gives someone on the roster a new join code: the
	// one they had lets no one in after it.
	RosterCodeIssued = "roster.code_issued"
	AccessRefused    = "access.refused"
	InputPaused      = "input.paused"
	InputResumed     = "input.resumed"
	BroadcastSent    = "broadcast.sent"
	// The control cell: a request for information claimed by a controller
	// or SimCell member, and given back unanswered; a live inject written
	// during play (then released by its own inject.released); the lead
	// handed to another controller.
	RequestClaimed   = "request.claimed"
	RequestUnclaimed = "request.unclaimed"
	InjectCreated    = "inject.created"
	LeadHanded       = "lead.handed"
)

// Event is one line of the session file.
type Event struct {
	// V is the format version.
	V int
	// Seq counts from 0 with no gaps.
	Seq int64
	// At is the wall time (UTC, millisecond precision).
	At time.Time
	// T is the exercise time (millisecond precision).
	T time.Duration
	// Type is one of the event type constants, or a newer one.
	Type string
	// By names who caused it, as "role:name".
	By string
	// Data is the type-specific payload.
	Data json.RawMessage
	// Prev is the SHA-256 (hex) of the previous line's bytes, "" for seq 0.
	Prev string
}

// TimeFormat is the layout of "at": RFC 3339, UTC, milliseconds.
const TimeFormat = wire.TimeFormat

// Marshal returns the event as one JSON line, without the newline: the
// bytes encoding/json would write (HTML left unescaped), written by the
// journal's line codec. e.Data must be compact JSON, as New and Unmarshal
// produce it.
func Marshal(e Event) ([]byte, error) { return wire.Append(nil, wire.Line(e)), nil }

// Unmarshal parses one line (without its newline). A line in the layout
// ttx writes is read by the line codec, any other (in any field order or
// spacing) by encoding/json; both read it the same. An error says why the
// line is not an event.
func Unmarshal(line []byte) (Event, error) {
	if l, ok := wire.Parse(line, true, true, nil); ok {
		return Event(l), nil
	}
	l, err := wire.ParseJSON(line)
	return Event(l), err
}

// New builds an event of type typ with payload data, stamped with wall
// time at and exercise time t, both rounded to milliseconds. Seq and Prev
// are filled in by the journal.
func New(typ, by string, at time.Time, t time.Duration, data any) (Event, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // keep "<", ">" and "&" readable in the file
	if err := enc.Encode(data); err != nil {
		return Event{}, fmt.Errorf("encode %s: %w", typ, err)
	}
	return Event{V: Version, At: at.UTC().Truncate(time.Millisecond), T: t.Truncate(time.Millisecond),
		Type: typ, By: by, Data: bytes.TrimSuffix(buf.Bytes(), []byte("\n"))}, nil
}

// Decode unmarshals the event's payload into v. The commonest payloads
// are read by hand (folding a long session decodes millions), everything
// else, and anything unusual in those, by encoding/json.
func (e Event) Decode(v any) error {
	switch d := v.(type) {
	case *Said:
		if decodeSaid(e.Data, d, nil) {
			return nil
		}
		*d = Said{}
	case *InjectChange:
		if decodeInjectChange(e.Data, d) {
			return nil
		}
		*d = InjectChange{}
	}
	if err := json.Unmarshal(e.Data, v); err != nil {
		return fmt.Errorf("event %d (%s): bad data: %w", e.Seq, e.Type, err)
	}
	return nil
}
