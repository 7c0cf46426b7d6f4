package seat

import (
	"testing"
	"time"
)

func TestLimiterAllowsABurstThenOneAtATime(t *testing.T) {
	l := NewLimiter(2*time.Second, 3)
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	for i := range 3 {
		if wait := l.Take(now); wait != 0 {
			t.Fatalf("submission %d of the burst waited %v", i+1, wait)
		}
	}
	if wait := l.Take(now); wait != 2*time.Second {
		t.Errorf("the fourth at once must wait 2s, waits %v", wait)
	}
	if wait := l.Take(now.Add(time.Second)); wait != time.Second {
		t.Errorf("a second later must wait 1s more, waits %v", wait)
	}
	if wait := l.Take(now.Add(2 * time.Second)); wait != 0 {
		t.Errorf("after 2s one more is allowed, waits %v", wait)
	}
}
