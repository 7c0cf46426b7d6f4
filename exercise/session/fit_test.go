package session

import (
	"errors"
	"strings"
	"testing"

	"ttx/exercise/text"
)

// TestTooLongIsRefusedNotCut: every free text a command carries that is
// longer than a record holds is refused whole, saying its length and the
// limit; nothing is journaled cut short. A text that fits is kept whole.
func TestTooLongIsRefusedNotCut(t *testing.T) {
	s, _, path := newSession(t, Options{})
	defer s.Abandon()
	long := strings.Repeat("Cordon the eastbound platform. ", 140) // 4340 characters
	name := strings.Repeat("Superintendent ", 6)                   // 89 once trimmed
	must(t, s, ana, RecordRequest{Team: "police", Text: "How many on the platform?"})
	req := s.State().Seq
	for _, c := range []Command{
		RecordDecision{Team: "police", Text: long},
		RecordDecision{Team: "police", Who: name, Text: "Cordon the platform."},
		RecordRequest{Team: "police", Text: long},
		AnswerRequest{Request: req, Text: long},
		RecordNote{Text: long},
		RecordObservation{Objective: "OBJ-1", Text: long},
		Broadcast{Text: long},
		Skip{Inject: "D-01", Reason: name},
		Hold{Inject: "D-02", Reason: name},
		AddPerson{Name: name, Role: "observer", Code: "K7QMB-ZWP9T-AAAAA"},
	} {
		before := s.State().Seq
		_, err := s.Do(ana, c)
		var tl *text.TooLongError
		if !errors.As(err, &tl) {
			t.Errorf("%T with a text too long: got %v, want it refused with its length", c, err)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, "this is ") || !strings.Contains(msg, "at most ") {
			t.Errorf("%T: the refusal does not say the length and the limit: %v", c, err)
		}
		if s.State().Seq != before {
			t.Errorf("%T with a text too long was journaled", c)
		}
	}
	fits := strings.Repeat("x", text.MaxText)
	must(t, s, ana, RecordDecision{Team: "police", Who: strings.Repeat("y", text.MaxName), Text: fits})
	_, evs := readBack(t, path)
	if got := evs[len(evs)-1].Data; !strings.Contains(string(got), `"`+fits+`"`) {
		t.Errorf("a decision of exactly %d characters was not kept whole", text.MaxText)
	}
}
