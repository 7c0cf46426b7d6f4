package clock

import (
	"fmt"
	"math"
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

func TestClockArithmetic(t *testing.T) {
	c := New(0)
	if c.Running() || c.At(t0.Add(time.Hour)) != 0 {
		t.Fatal("a new clock must be paused at T+0")
	}
	c = c.Start(t0)
	if got := c.At(t0.Add(90 * time.Second)); got != 90*time.Second {
		t.Errorf("1x after 90s = %v", got)
	}
	c = c.SetSpeed(t0.Add(60*time.Second), 60) // T+1m, now 60x
	if got := c.At(t0.Add(70 * time.Second)); got != time.Minute+10*time.Minute {
		t.Errorf("60x for 10s after T+1m = %v, want 11m", got)
	}
	c = c.Pause(t0.Add(70 * time.Second))
	if got := c.At(t0.Add(10 * time.Hour)); got != 11*time.Minute {
		t.Errorf("paused clock moved: %v", got)
	}
	c = c.Jump(t0.Add(80*time.Second), 30*time.Minute)
	if got := c.At(t0.Add(2 * time.Hour)); got != 30*time.Minute || c.Running() {
		t.Errorf("jump while paused: %v running=%v", got, c.Running())
	}
	c = c.Start(t0.Add(100 * time.Second))
	if got := c.At(t0.Add(101 * time.Second)); got != 31*time.Minute {
		t.Errorf("resume at 60x for 1s = %v, want 31m", got)
	}
	if got := c.Until(t0.Add(101*time.Second), 41*time.Minute); got != 10*time.Second {
		t.Errorf("until 10 exercise minutes at 60x = %v, want 10s", got)
	}
	if got := c.At(t0); got != 30*time.Minute {
		t.Errorf("wall time before anchor must not run time backwards: %v", got)
	}
	if s := c.Start(t0.Add(time.Hour)); s != c {
		t.Error("starting a running clock must change nothing")
	}
}

func TestSpeedSteps(t *testing.T) {
	if Faster(1) != 2 || Faster(30) != 60 || Faster(60) != 60 {
		t.Error("Faster steps wrong")
	}
	if Slower(60) != 30 || Slower(2) != 1 || Slower(1) != 1 {
		t.Error("Slower steps wrong")
	}
	if FormatSpeed(60) != "60x" || FormatSpeed(0.5) != "0.5x" {
		t.Error("FormatSpeed wrong")
	}
	if Format(3*time.Hour+2*time.Minute+5*time.Second+900*time.Millisecond) != "T+03:02:05" {
		t.Errorf("Format = %s", Format(3*time.Hour+2*time.Minute+5*time.Second))
	}
}

// TestFormatIsPrintf holds Format to the layout it had through fmt.
func TestFormatIsPrintf(t *testing.T) {
	ref := func(t time.Duration) string {
		sign := "+"
		if t < 0 {
			sign, t = "-", -t
		}
		t = t.Truncate(time.Second)
		return fmt.Sprintf("T%s%02d:%02d:%02d", sign, int(t/time.Hour), int(t/time.Minute)%60, int(t/time.Second)%60)
	}
	ds := []time.Duration{0, 999 * time.Millisecond, time.Second, 59 * time.Minute, 9*time.Hour + 59*time.Minute + 59*time.Second, 10 * time.Hour, 99 * time.Hour, 100 * time.Hour, 123456 * time.Hour, math.MaxInt64, math.MinInt64, math.MinInt64 + 1}
	for d := -3 * time.Hour; d < 30*time.Hour; d += 7*time.Second + 3*time.Millisecond {
		ds = append(ds, d)
	}
	for _, d := range ds {
		for _, d := range []time.Duration{d, -d} {
			if got, want := Format(d), ref(d); got != want {
				t.Fatalf("Format(%d) = %q, was %q", int64(d), got, want)
			}
		}
	}
}
