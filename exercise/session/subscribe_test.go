package session

import (
	"testing"
	"time"
)

// TestUnsubscribeLetsTheReaderGo: stopping a subscription closes its
// channel, so a reader waiting on it is let go; stopping twice, and
// changes after it, are harmless; other subscriptions still get them.
func TestUnsubscribeLetsTheReaderGo(t *testing.T) {
	s, _, _ := newSession(t, Options{})
	ch, stop := s.Subscribe()
	other, stopOther := s.Subscribe()
	defer stopOther()
	gone := make(chan bool)
	go func() {
		for range ch {
		}
		gone <- true
	}()
	stop()
	select {
	case <-gone:
	case <-time.After(5 * time.Second):
		t.Fatal("a reader of a stopped subscription is still waiting")
	}
	stop()
	must(t, s, ana, StartClock{})
	select {
	case st := <-other:
		if !st.Clock.Running() {
			t.Error("the other subscription got a state without the clock started")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the other subscription got nothing")
	}
}
