package event

import (
	"iter"
	"time"

	"ttx/exercise/event/internal/injects"
	"ttx/exercise/internal/wire"
)

// Prepared is what the fold takes from an event alone (its type and author
// escaped, a decision's or request's entry), worked out on the core that
// parsed the line (Prepare): the fold, in order on one core, only takes it.
type Prepared struct {
	ok, said bool
	typ, by  string
	en       Entry
	err      error
}

// Prepare works out p from e as the fold would (names: shared, or nil).
func Prepare(e *Event, p *Prepared, names *wire.Names) {
	p.ok, p.typ, p.by, p.said = true, esc(e.Type), esc(e.By), false
	if p.typ == DecisionRecorded || p.typ == RequestRecorded {
		ev := *e
		ev.Type, ev.By, p.said = p.typ, p.by, true
		p.en, p.err = saidEntry(ev, names)
	}
}

// FoldPrepared is Fold of events each with what Prepare made of it (or nil);
// with decision set, the decisions go to it, not into the state.
func FoldPrepared(s *State, events iter.Seq2[Event, *Prepared], decision func(Entry)) {
	f := &folding{owned: injects.NewOwned(), names: &wire.Names{}, decision: decision}
	defer func() { s.folding = nil }()
	for e, p := range events {
		s.folding, f.pre = f, p // Fork finds the folding here
		s.step(e, f)
	}
}

// saidEntry decodes a decision's or request's entry from e (escaped).
func saidEntry(e Event, names *wire.Names) (Entry, error) {
	var d Said
	if !decodeSaid(e.Data, &d, names) {
		var err error
		if d, err = decodeSaidSlow(e); err != nil {
			return Entry{}, err
		}
	}
	en := entry(e)
	en.Team, en.Who, en.Text, en.Inject, en.Action = esc(d.Team), esc(d.Who), esc(d.Text), esc(d.Inject), d.Kind == "action"
	en.Rationale, en.Stage, en.To = esc(d.Rationale), esc(d.Stage), esc(d.To)
	if d.SaidT != nil {
		en.SaidT = time.Duration(*d.SaidT) * time.Millisecond
	}
	return en, nil
}

// decodeSaidSlow is saidEntry's way for an unusual payload, apart so that
// saidEntry's Said stays off the heap (the one given to Decode escapes).
//
//go:noinline
func decodeSaidSlow(e Event) (Said, error) {
	var d Said
	err := e.Decode(&d)
	return d, err
}
