package cluster

import (
	"encoding/json"
	"fmt"
	"reflect"
	"time"

	"ttx/exercise/event"
	"ttx/exercise/session"
)

// Kinds of log entry.
const (
	kindOpen  = "open"  // journal session.opened, unless the session is open
	kindDo    = "do"    // a command, checked as a session checks it
	kindClose = "close" // journal session.closed
	kindTick  = "tick"  // release the injects that are due
)

// entry is one Raft log entry: what was asked, by whom, and the wall time
// where it was asked. Every node turns it into the same lines.
type entry struct {
	// ID names the request, so that a request sent again after a lost
	// answer (the leader died mid-way) is applied once.
	ID    string          `json:"id"`
	Kind  string          `json:"k"`
	Actor session.Actor   `json:"a"`
	Cmd   string          `json:"c,omitempty"`
	Data  json.RawMessage `json:"d,omitempty"`
	// At is the proposer's wall time, Unix milliseconds.
	At   int64     `json:"at"`
	Open *openData `json:"o,omitempty"`
}

type openData struct {
	Scenario json.RawMessage `json:"scenario"`
	Source   string          `json:"source"`
	Auto     bool            `json:"auto"`
	Tool     string          `json:"tool"`
}

// commandTypes are the commands a log entry may carry, by Go type name.
var commandTypes = map[string]reflect.Type{}

func init() {
	for _, c := range []session.Command{
		session.StartClock{}, session.PauseClock{}, session.SetSpeed{}, session.StepSpeed{}, session.JumpClock{},
		session.Release{}, session.Skip{}, session.Delay{}, session.Hold{}, session.Unhold{},
		session.ChooseBranch{}, session.RecordDecision{}, session.RecordRequest{}, session.AnswerRequest{},
		session.RecordNote{}, session.Join{}, session.Leave{}, session.RefuseAccess{}, session.AddPerson{}, session.NewJoinCode{},
		session.PauseInput{}, session.ResumeInput{}, session.Broadcast{}, session.RecordObservation{},
		session.RecordRefusal{}, session.Amend{}, session.Strike{}, session.HandLead{}, session.ClaimRequest{},
		session.UnclaimRequest{}, session.SendInject{},
	} {
		t := reflect.TypeOf(c)
		commandTypes[t.Name()] = t
	}
	Rules = rulesOf(commandTypes)
}

// encodeCommand returns the name and payload of c for a log entry.
func encodeCommand(c session.Command) (string, json.RawMessage, error) {
	t := reflect.TypeOf(c)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
		c = reflect.ValueOf(c).Elem().Interface().(session.Command)
	}
	if commandTypes[t.Name()] != t {
		return "", nil, fmt.Errorf("a cluster cannot carry the command %T yet", c)
	}
	data, err := json.Marshal(c)
	return t.Name(), data, err
}

// decodeCommand is encodeCommand's inverse.
func decodeCommand(name string, data json.RawMessage) (session.Command, error) {
	t, ok := commandTypes[name]
	if !ok {
		return nil, fmt.Errorf("unknown command %q (a node of a newer ttx proposed it?)", name)
	}
	v := reflect.New(t)
	if len(data) > 0 {
		if err := json.Unmarshal(data, v.Interface()); err != nil {
			return nil, fmt.Errorf("command %s: %w", name, err)
		}
	}
	return v.Elem().Interface().(session.Command), nil
}

// events turns the entry into the events it makes on st, with their
// seqs, and the state after them. The wall time is the proposer's, but
// never before the last event's, so that time in the file never runs
// back when the leader moves to a node whose clock is behind.
func (e *entry) events(st event.State) ([]event.Event, event.State, error) {
	at := time.UnixMilli(e.At).UTC()
	if at.Before(st.LastAt) {
		at = st.LastAt
	}
	var (
		ev  event.Event
		err error
	)
	switch e.Kind {
	case kindTick:
		if st.Scenario == nil {
			return nil, st, nil
		}
		evs, after := session.DueReleases(st, at)
		return evs, after, nil
	case kindOpen:
		if st.Scenario != nil {
			return nil, st, errOpen
		}
		if e.Open == nil {
			return nil, st, fmt.Errorf("an open entry without a scenario")
		}
		ev, err = event.New(event.SessionOpened, e.Actor.By(), at, 0,
			event.Opened{Scenario: e.Open.Scenario, Source: e.Open.Source, Auto: e.Open.Auto, Tool: e.Open.Tool})
	case kindClose:
		if st.Scenario == nil {
			return nil, st, errNotOpen
		}
		ev, err = session.CheckClose(&st, e.Actor, at)
	case kindDo:
		if st.Scenario == nil {
			return nil, st, errNotOpen
		}
		var c session.Command
		if c, err = decodeCommand(e.Cmd, e.Data); err == nil {
			ev, err = session.Check(&st, e.Actor, c, at)
		}
	default:
		err = fmt.Errorf("unknown log entry kind %q", e.Kind)
	}
	if err != nil {
		return nil, st, err
	}
	ev.Seq = st.Seq + 1
	st = event.Apply(st, ev)
	evs := []event.Event{ev}
	if rel, ok := session.Follows(&st, e.Actor, ev); ok {
		rel.Seq = st.Seq + 1
		st = event.Apply(st, rel)
		evs = append(evs, rel)
	}
	return evs, st, nil
}
