package session

import (
	"strings"
	"testing"
	"time"

	"ttx/exercise/event"
)

// TestDelayBringsAnInjectEarlierNeverBeforeT0: a negative delay brings an
// inject back earlier (a delay made by mistake is undone, an inject is
// moved up), the file keeps it across a resume, and a delay that would
// put the inject before T+0 is refused, saying how far it may go.
func TestDelayBringsAnInjectEarlierNeverBeforeT0(t *testing.T) {
	s, fn, path := newSession(t, Options{})
	i := s.State().Scenario.InjectIndex("D-06") // at 00:07
	must(t, s, ana, Delay{Inject: "D-06", By: 10 * time.Minute})
	must(t, s, ana, Delay{Inject: "D-06", By: -12 * time.Minute})
	st := s.State()
	if due, _ := st.DueAt(i); due != 5*time.Minute {
		t.Errorf("D-06 is due at %v after +10 and -12 min, want 5m", due)
	}
	if st.Status(i, 5*time.Minute) != event.Due || st.Status(i, 4*time.Minute) != event.Pending {
		t.Errorf("D-06 at 4m: %v, at 5m: %v", st.Status(i, 4*time.Minute), st.Status(i, 5*time.Minute))
	}
	_, err := s.Do(ana, Delay{Inject: "D-06", By: -6 * time.Minute})
	if err == nil || !strings.Contains(err.Error(), "before T+0") || !strings.Contains(err.Error(), "at most 5 min earlier") {
		t.Errorf("bringing D-06 6 min earlier than T+00:05: %v", err)
	}
	for _, by := range []time.Duration{0, 30 * time.Second, -30 * time.Second, 25 * time.Hour, -25 * time.Hour} {
		if _, err := s.Do(ana, Delay{Inject: "D-06", By: by}); err == nil {
			t.Errorf("a delay of %v was accepted", by)
		}
	}
	must(t, s, ana, Delay{Inject: "D-06", By: -5 * time.Minute}) // to T+0 exactly
	fn.Add(time.Second)
	if err := s.Abandon(); err != nil {
		t.Fatal(err)
	}
	r, _, err := Resume(path, ana, Options{Now: fn.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Abandon()
	if st := r.State(); func() bool { due, _ := st.DueAt(i); return due != 0 }() {
		t.Error("after resume D-06 is not due at T+0")
	}
}
