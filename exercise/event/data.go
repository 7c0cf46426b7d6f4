package event

import (
	"encoding/json"

	"ttx/exercise/scenario"
)

// Opened is the payload of session.opened: a full copy of the scenario, so
// that the file can be reviewed on its own.
type Opened struct {
	Scenario json.RawMessage `json:"scenario"`
	// Source is where the scenario came from (a bundled name or a path).
	Source string `json:"source,omitempty"`
	// Auto is true when injects are released automatically as they fall due.
	Auto bool `json:"auto,omitempty"`
	// Tool names the program and version that wrote the file.
	Tool string `json:"tool,omitempty"`
}

// Closed is the payload of session.closed.
type Closed struct {
	// Events is the number of events before this one.
	Events int64 `json:"events"`
}

// Resumed is the payload of session.resumed, written when a session file
// is reopened after the console stopped without closing it.
type Resumed struct {
	// TornBytes is the size of a torn last line moved aside, if any.
	TornBytes int64 `json:"torn_bytes,omitempty"`
	// TornFile is where the torn line was moved.
	TornFile string `json:"torn_file,omitempty"`
	// TornOffset is the byte offset where the torn line started, and
	// TornSHA256 the SHA-256 (hex) of its bytes.
	TornOffset int64  `json:"torn_offset,omitempty"`
	TornSHA256 string `json:"torn_sha256,omitempty"`
	// TailFile is where lines after the last chained line that were no
	// events (blank lines, garbage) were moved when the facilitator asked
	// for it (--set-aside-tail); TailOffset is the byte offset where they
	// started, TailBytes their size, TailSHA256 the SHA-256 (hex) of their
	// bytes, TailLines the line numbers they had, first and last.
	TailFile   string `json:"tail_file,omitempty"`
	TailOffset int64  `json:"tail_offset,omitempty"`
	TailBytes  int64  `json:"tail_bytes,omitempty"`
	TailSHA256 string `json:"tail_sha256,omitempty"`
	TailLines  [2]int `json:"tail_lines,omitzero"`
}

// ClockChange is the payload of clock.started, clock.paused, clock.speed
// and clock.jumped. T of the event is the exercise time when it happened.
type ClockChange struct {
	// Speed is the new speed (started, speed).
	Speed float64 `json:"speed,omitempty"`
	// To is the new exercise time in milliseconds (jumped).
	To int64 `json:"to,omitempty"`
}

// InjectChange is the payload of the inject.* events.
type InjectChange struct {
	Inject string `json:"inject"`
	// Auto is true when the console released the inject as it fell due.
	Auto bool `json:"auto,omitempty"`
	// DelayMS is the delay added, in milliseconds (delayed).
	DelayMS int64 `json:"delay_ms,omitempty"`
	// Reason is free text (skipped, held).
	Reason string `json:"reason,omitempty"`
}

// BranchChoice is the payload of branch.chosen.
type BranchChoice struct {
	Branch string `json:"branch"`
	Option string `json:"option"`
}

// Said is the payload of decision.recorded and request.recorded: what a
// team decided or asked, who said it, and the inject it answers.
type Said struct {
	Team   string `json:"team"`
	Who    string `json:"who,omitempty"`
	Text   string `json:"text"`
	Inject string `json:"inject,omitempty"`
	// Kind tells a decision from an action ("action"); empty is a decision.
	Kind string `json:"kind,omitempty"`
	// Rationale is the reason given for the decision, as a JESIP decision
	// log records it.
	Rationale string `json:"rationale,omitempty"`
	// Stage is the stage of the JESIP Joint Decision Model the decision
	// belongs to: one of Stages' ids, or empty.
	Stage string `json:"stage,omitempty"`
	// SaidT is the exercise time in milliseconds when it was said: when
	// the form was opened, before the words were typed. Absent in files
	// of earlier versions: said when saved (the event's t).
	SaidT *int64 `json:"said_t,omitempty"`
	// To is the simulated organisation a request for information is
	// addressed to (an id from the scenario's simulated:); empty: the
	// control cell.
	To string `json:"to,omitempty"`
}

// Correction is the payload of decision.amended and decision.struck: a
// decision, action, request, note or observation entered wrongly is
// corrected or struck through by a new event that points at it, and the
// original stays in the file, as a paper log's single line and initials.
// Who corrected it is the event's by.
type Correction struct {
	// Seq is the seq of the event that recorded the entry corrected.
	Seq int64 `json:"seq"`
	// Text is the corrected words (amended).
	Text string `json:"text,omitempty"`
	// Rationale and Stage are the corrected reason and Joint Decision
	// Model stage of a decision (amended; empty keeps the original's).
	Rationale string `json:"rationale,omitempty"`
	Stage     string `json:"stage,omitempty"`
	// Reason is why it was corrected or struck.
	Reason string `json:"reason"`
}

// Answer is the payload of request.answered.
type Answer struct {
	// Request is the seq of the request.recorded event.
	Request int64  `json:"request"`
	Text    string `json:"text"`
	// As is the simulated organisation answering (an id from the
	// scenario's simulated:); empty: the control cell.
	As string `json:"as,omitempty"`
}

// RequestClaim is the payload of request.claimed and request.unclaimed:
// the request (its seq) taken by the event's by, or given back.
type RequestClaim struct {
	Request int64 `json:"request"`
}

// Created is the payload of inject.created: a live inject, written during
// play, with no scheduled time.
type Created struct {
	Inject scenario.Inject `json:"inject"`
	// As is the simulated organisation that sends it, if any.
	As string `json:"as,omitempty"`
}

// Handed is the payload of lead.handed.
type Handed struct {
	// To is the new lead, as "role:name".
	To string `json:"to"`
}

// Note is the payload of note.recorded.
type Note struct {
	Text   string `json:"text"`
	Inject string `json:"inject,omitempty"`
	// Team is a team the note is about (the controllers' log).
	Team string `json:"team,omitempty"`
}

// Observation is the payload of observation.recorded.
type Observation struct {
	Objective string `json:"objective"`
	// Rating is an HSEEP rating: P, S, M or U.
	Rating string `json:"rating,omitempty"`
	Text   string `json:"text"`
	Inject string `json:"inject,omitempty"`
	// Target and Task are the capability target and critical task of the
	// objective's Exercise Evaluation Guide the rating is for (optional).
	Target string `json:"target,omitempty"`
	Task   string `json:"task,omitempty"`
	// Finding says whether the evaluator records a strength ("strength")
	// or an area for improvement ("improvement"); empty: read from the
	// rating (P and S strengths, M and U areas for improvement).
	Finding string `json:"finding,omitempty"`
}

// Findings an observation may record.
const (
	Strength    = "strength"
	Improvement = "improvement"
)

// Participant is the payload of participant.joined and participant.left.
type Participant struct {
	Name string `json:"name"`
	Team string `json:"team,omitempty"`
	Role string `json:"role"`
	// Remote is the network address the seat connected from.
	Remote string `json:"remote,omitempty"`
	// How is how the person was recognised: "key" or "code".
	How string `json:"how,omitempty"`
}

// Refusal is the payload of access.refused: someone tried to join and was
// turned away.
type Refusal struct {
	// User is the SSH user name given (not an identity: anyone can type it).
	User   string `json:"user,omitempty"`
	Remote string `json:"remote,omitempty"`
	// Key is the SHA-256 fingerprint of the public key offered, if any.
	Key    string `json:"key,omitempty"`
	Reason string `json:"reason"`
	// Count is how many refused attempts from the same source, for the
	// same reason, this line stands for: a guessing source is journaled
	// once a window with a count, not once an attempt. Absent means one.
	Count int `json:"count,omitempty"`
	// Source is the address the attempts are counted under: the IP
	// address of Remote, without the port (an IPv6 address as its /64).
	Source string `json:"source,omitempty"`
	// First and Last are the wall times (RFC 3339, UTC, ms) of the first
	// and last attempt counted, when Count is more than one.
	First string `json:"first,omitempty"`
	Last  string `json:"last,omitempty"`
}

// Attempts is how many refused attempts the line stands for.
func (r Refusal) Attempts() int { return max(r.Count, 1) }

// RosterEntry is the payload of roster.added. The join code is stored only
// as a hash, like the roster in the session.opened copy.
type RosterEntry struct {
	Name string   `json:"name"`
	Team string   `json:"team,omitempty"`
	Role string   `json:"role"`
	Keys []string `json:"keys,omitempty"`
	// CodeHash is the join code as earlier versions stored it:
	// "sha256:" and the hex SHA-256 of the normalised code. Read, never
	// written now.
	CodeHash string `json:"code_sha256,omitempty"`
	// Code is the join code's salted argon2id hash in PHC form
	// ($argon2id$v=19$m=…,t=…,p=…$salt$hash), as joincode.Hash makes it.
	Code string `json:"code_hash,omitempty"`
	// Plays is, for a SimCell member, the simulated organisations they
	// answer as (scenario.Person.Plays).
	Plays []string `json:"plays,omitempty"`
}

// RosterCode is the payload of roster.code_issued: the person's new join
// code, stored as RosterEntry.Code is.
type RosterCode struct {
	Name string `json:"name"`
	Code string `json:"code_hash"`
}

// Broadcast is the payload of broadcast.sent: a message from the
// facilitator to every seat.
type Broadcast struct {
	Text string `json:"text"`
}

// Stage is one stage of the JESIP Joint Decision Model.
type Stage struct {
	// ID is what a decision.recorded event's stage holds.
	ID string
	// Label is the stage's name as JESIP gives it.
	Label string
}

// Stages are the five stages of the Joint Decision Model, in the order a
// decision goes round it.
var Stages = []Stage{
	{"information", "Gather information and intelligence"},
	{"assessment", "Assess risks and develop a working strategy"},
	{"powers", "Consider powers, policies and procedures"},
	{"options", "Identify options and contingencies"},
	{"action", "Take action and review what happened"},
}

// StageLabel is the label of the stage with that id, or the id itself
// for one this version does not know ("" for none).
func StageLabel(id string) string {
	for _, s := range Stages {
		if s.ID == id {
			return s.Label
		}
	}
	return id
}
