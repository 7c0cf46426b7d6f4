package access

import (
	"context"
	"testing"
	"time"
)

// fakeClock is a wall clock the test moves by hand.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time       { return c.t }
func (c *fakeClock) add(d time.Duration)  { c.t = c.t.Add(d) }
func newFakeClock() *fakeClock            { return &fakeClock{t: time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)} }
func check(g *Guard, src string, ok bool) { g.done(src, ok, g.o.Now()) }

// TestGuardSlowsAGuessingSource: each wrong code doubles the wait before
// the source's next code is even checked, up to a minute; another source
// is not held up; a right code after one typo is let in at once.
func TestGuardSlowsAGuessingSource(t *testing.T) {
	c := newFakeClock()
	g := NewGuard(GuardOptions{Now: c.now})
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second,
		32 * time.Second, time.Minute, time.Minute}
	for i, w := range want {
		if d := g.admit("192.0.2.7", c.now()); d != 0 {
			t.Fatalf("guess %d: waits %v after the wait before it", i+1, d)
		}
		check(g, "192.0.2.7", false)
		if d := g.admit("192.0.2.7", c.now()); d != w {
			t.Errorf("after %d wrong codes the source waits %v; want %v", i+1, d, w)
		}
		if d := g.admit("192.0.2.7", c.now().Add(w-time.Millisecond)); d != time.Millisecond {
			t.Errorf("after %d wrong codes, 1 ms before the end: waits %v", i+1, d)
		}
		c.add(w)
	}
	// Guesses in the first hour: the waits add up, so few get checked.
	c2 := newFakeClock()
	g2 := NewGuard(GuardOptions{Now: c2.now})
	n := 0
	for end := c2.now().Add(time.Hour); c2.now().Before(end); {
		if d := g2.admit("192.0.2.8", c2.now()); d > 0 {
			c2.add(d)
			continue
		}
		n++
		check(g2, "192.0.2.8", false)
	}
	if n > 70 {
		t.Errorf("%d codes checked in an hour from one source; want at most 70", n)
	}
	if d := g.admit("198.51.100.1", c.now()); d != 0 {
		t.Errorf("another source waits %v", d)
	}
	check(g, "198.51.100.1", false)
	c.add(time.Second)
	if d := g.admit("198.51.100.1", c.now()); d != 0 {
		t.Errorf("after one typo and a second's retyping, the person waits %v", d)
	}
	check(g, "198.51.100.1", true)
	if d := g.admit("198.51.100.1", c.now()); d != 0 {
		t.Errorf("after a right code the source waits %v", d)
	}
	check(g, "198.51.100.1", false)
	// Quiet for ten minutes: the guessing source starts afresh.
	c.add(10 * time.Minute)
	g.admit("192.0.2.7", c.now())
	check(g, "192.0.2.7", false)
	if d := g.admit("192.0.2.7", c.now()); d != time.Second {
		t.Errorf("after ten quiet minutes a wrong code costs %v; want 1s", d)
	}
}

// TestGuardRightCodeWipesNothing: a source that holds one good code and
// sends it between its guesses is slowed as much as one that only
// guesses; before, each right code took a wrong one off the count, and
// such a source had about one guess a second checked.
func TestGuardRightCodeWipesNothing(t *testing.T) {
	c := newFakeClock()
	g := NewGuard(GuardOptions{Now: c.now})
	wrong := 0
	for end, right := c.now().Add(time.Hour), false; c.now().Before(end); right = !right {
		for {
			d := g.admit("192.0.2.9", c.now())
			if d == 0 {
				break
			}
			c.add(d)
		}
		check(g, "192.0.2.9", right)
		if !right {
			wrong++
		}
	}
	if wrong > 70 {
		t.Errorf("%d wrong codes checked in an hour between right ones; want at most 70", wrong)
	}
}

// TestGuardEasesARoom: a room behind one address whose people make a
// typo every few minutes never waits more than a few seconds.
func TestGuardEasesARoom(t *testing.T) {
	c := newFakeClock()
	g := NewGuard(GuardOptions{Now: c.now})
	for i := range 40 {
		if d := g.admit("203.0.113.5", c.now()); d > 4*time.Second {
			t.Fatalf("typo %d: the room waits %v", i+1, d)
		} else {
			c.add(d)
			g.admit("203.0.113.5", c.now())
		}
		check(g, "203.0.113.5", false)
		c.add(3 * time.Minute)
	}
}

// TestGuardOneCheckAtATimePerSource: many connections from one source
// do not get many codes checked at once.
func TestGuardOneCheckAtATimePerSource(t *testing.T) {
	c := newFakeClock()
	g := NewGuard(GuardOptions{Now: c.now})
	if d := g.admit("192.0.2.7", c.now()); d != 0 {
		t.Fatal(d)
	}
	for i := 0; i < 99; i++ {
		if d := g.admit("192.0.2.7", c.now()); d == 0 {
			t.Fatalf("connection %d checked while another's code from the same source is being checked", i+2)
		}
	}
}

// TestGuardLimitsAllSources: a guesser with many addresses gets Rate codes
// a second checked, not more.
func TestGuardLimitsAllSources(t *testing.T) {
	c := newFakeClock()
	g := NewGuard(GuardOptions{Now: c.now, Rate: 10, Burst: 10, MaxSources: 50})
	checked := 0
	for i := 0; i < 10_000; i++ {
		src := "203.0.113." + string(rune('0'+i%10)) + string(rune('0'+i/10%10)) + string(rune('0'+i/100%10))
		if g.admit(src, c.now()) == 0 {
			checked++
			check(g, src, false)
		}
		c.add(time.Millisecond) // 10 s in all
	}
	if checked > 10+10*10+1 {
		t.Errorf("%d codes checked in 10 s from many sources; want at most %d", checked, 10+10*10+1)
	}
	if len(g.sources) > 50 {
		t.Errorf("%d sources remembered; want at most 50", len(g.sources))
	}
}

// TestGuardWait: Wait returns when the source may try, and at once when
// the context ends.
func TestGuardWait(t *testing.T) {
	g := NewGuard(GuardOptions{First: 20 * time.Millisecond})
	if err := g.Wait(context.Background(), "192.0.2.7"); err != nil {
		t.Fatal(err)
	}
	g.Done("192.0.2.7", false)
	start := time.Now()
	if err := g.Wait(context.Background(), "192.0.2.7"); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 15*time.Millisecond {
		t.Errorf("the second guess was checked after %v; want about 20ms", d)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := g.Wait(ctx, "192.0.2.7"); err == nil {
		t.Error("Wait while another check runs, with an ended context: no error")
	}
	g.Done("192.0.2.7", true)
}

func TestSource(t *testing.T) {
	for in, want := range map[string]string{
		"192.0.2.7:50122":           "192.0.2.7",
		"[2001:db8:1:2:3:4:5:6]:22": "2001:db8:1:2::/64",
		"[::ffff:192.0.2.7]:22":     "192.0.2.7",
		"pipe":                      "pipe",
	} {
		if got := Source(in); got != want {
			t.Errorf("Source(%q) = %q; want %q", in, got, want)
		}
	}
}
