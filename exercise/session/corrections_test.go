package session

import (
	"errors"
	"strings"
	"testing"
	"time"

	"ttx/exercise/event"
)

// TestCorrectionsKeepTheOriginal: a decision amended and then struck
// through stays in the file and the state as it was typed; the
// corrections point at it, say who and why, and the state reads it as
// corrected.
func TestCorrectionsKeepTheOriginal(t *testing.T) {
	s, path := withRoster(t)
	dec := must(t, s, anaPC, RecordDecision{Team: "police", Who: "Ana", Text: "Close Bridge St", Rationale: "crowd at the cordon", Stage: "action"})
	must(t, s, anaPC, Amend{Seq: dec.Seq, Text: "Close Bridge St and Mill Lane", Reason: "Mill Lane left out"})
	st := s.State()
	now, struck := event.Corrected(*st.Recorded(dec.Seq), st.FixesOf(dec.Seq))
	if now.Text != "Close Bridge St and Mill Lane" || now.Rationale != "crowd at the cordon" || now.Stage != "action" || struck != nil {
		t.Errorf("amended entry reads %+v, struck %v", now, struck)
	}
	if got := st.Recorded(dec.Seq).Text; got != "Close Bridge St" {
		t.Errorf("the original now reads %q", got)
	}
	must(t, s, ana, Strike{Seq: dec.Seq, Reason: "entered for the wrong team"})
	if _, err := s.Do(anaPC, Amend{Seq: dec.Seq, Text: "again", Reason: "x"}); err == nil || !strings.Contains(err.Error(), "struck through") {
		t.Errorf("amending a struck entry: %v", err)
	}
	s.Close(ana)
	_, evs := readBack(t, path)
	var types []string
	for _, e := range evs {
		types = append(types, e.Type)
	}
	got := strings.Join(types, " ")
	if !strings.Contains(got, "decision.recorded decision.amended decision.struck") {
		t.Errorf("events: %s", got)
	}
	if !strings.Contains(string(evs[len(evs)-2].Data), `"reason":"entered for the wrong team"`) || evs[len(evs)-2].By != "facilitator:ana" {
		t.Errorf("the strike does not say who and why: %s by %s", evs[len(evs)-2].Data, evs[len(evs)-2].By)
	}
}

// TestOnlyTheirOwnEntries: a participant or evaluator corrects only what
// they entered; a facilitator corrects anything; an observer nothing; a
// correction needs a reason and a target that exists.
func TestOnlyTheirOwnEntries(t *testing.T) {
	s, _ := withRoster(t)
	byFac := must(t, s, ana, RecordDecision{Team: "police", Text: "Stand up gold"})
	mine := must(t, s, anaPC, RecordDecision{Team: "police", Text: "Cordon at 200 m"})
	note := must(t, s, samEv, RecordNote{Text: "slow to brief"})
	for _, tt := range []struct {
		name string
		a    Actor
		c    Command
		want string
	}{
		{"a participant, the facilitator's entry", anaPC, Strike{Seq: byFac.Seq, Reason: "x"}, "only what you entered"},
		{"an evaluator, a participant's entry", samEv, Strike{Seq: mine.Seq, Reason: "x"}, "only what you entered"},
		{"an observer", Actor{Role: "observer", Name: "Obi"}, Strike{Seq: mine.Seq, Reason: "x"}, "does not correct"},
		{"no reason", anaPC, Strike{Seq: mine.Seq, Reason: "  "}, "say why"},
		{"nothing there", ana, Strike{Seq: 999, Reason: "x"}, "no entry 999"},
		{"not an entry", ana, Strike{Seq: 0, Reason: "x"}, "no entry 0"},
		{"unchanged", anaPC, Amend{Seq: mine.Seq, Text: "Cordon at 200 m", Reason: "x"}, "changes nothing"},
		{"a note's rationale", samEv, Amend{Seq: note.Seq, Text: "slow", Rationale: "r", Reason: "x"}, "only a decision"},
		{"a stage not of the model", anaPC, Amend{Seq: mine.Seq, Text: "Cordon", Stage: "guess", Reason: "x"}, "Joint Decision Model"},
	} {
		if _, err := s.Do(tt.a, tt.c); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
	must(t, s, anaPC, Amend{Seq: mine.Seq, Text: "Cordon at 400 m", Reason: "misheard"})
	must(t, s, samEv, Strike{Seq: note.Seq, Reason: "wrong exercise"})
	must(t, s, ana, Amend{Seq: mine.Seq, Text: "Cordon at 400 m, Bridge St", Reason: "added the street"})
	s.Do(ana, PauseInput{})
	if _, err := s.Do(anaPC, Strike{Seq: mine.Seq, Reason: "x"}); !errors.Is(err, ErrInputPaused) {
		t.Errorf("a correction while input is paused: %v", err)
	}
}

// TestSaidAtIsWhenTheFormOpened: a decision carries the exercise time
// when it was said; one said "after" it was saved (the clock set back
// while the form was open) is recorded as said when saved.
func TestSaidAtIsWhenTheFormOpened(t *testing.T) {
	s, _ := withRoster(t)
	must(t, s, ana, JumpClock{To: 20 * time.Minute})
	said := 12 * time.Minute
	e := must(t, s, anaPC, RecordDecision{Team: "police", Text: "Evacuate", SaidAt: &said})
	if !strings.Contains(string(e.Data), `"said_t":720000`) {
		t.Errorf("said_t missing: %s", e.Data)
	}
	st := s.State()
	if got := st.Recorded(e.Seq).SaidT; got != said {
		t.Errorf("state's said at %v", got)
	}
	late := time.Hour
	e = must(t, s, anaPC, RecordDecision{Team: "police", Text: "Hold", SaidAt: &late})
	st = s.State()
	if got := st.Recorded(e.Seq).SaidT; got != e.T {
		t.Errorf("said after saving: said at %v, saved %v", got, e.T)
	}
	e = must(t, s, anaPC, RecordRequest{Team: "police", Text: "How many inside?", SaidAt: &said})
	st = s.State()
	if got := st.Recorded(e.Seq).SaidT; got != said {
		t.Errorf("a request said at %v, want %v", got, said)
	}
	e = must(t, s, anaPC, RecordDecision{Team: "police", Text: "No form time"})
	st = s.State()
	if strings.Contains(string(e.Data), "said_t") || st.Recorded(e.Seq).SaidT != e.T {
		t.Errorf("without a said-at: %s", e.Data)
	}
}
