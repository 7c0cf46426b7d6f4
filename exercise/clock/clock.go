// Package clock is exercise time: a clock that runs or is paused, at a
// speed, from an offset. It is a plain value: every change takes the wall
// time at which it happens, so the clock can be rebuilt exactly from the
// session journal and tested without sleeping.
package clock

import (
	"fmt"
	"slices"
	"strconv"
	"time"
)

// Speeds are the clock speeds the console steps through with + and -.
var Speeds = []float64{1, 2, 5, 10, 30, 60}

// Clock is exercise time. The zero value is paused at T+0, speed 1.
type Clock struct {
	running bool
	speed   float64
	base    time.Duration // exercise time at anchor
	anchor  time.Time     // wall time of the last change while running
}

// New returns a paused clock at exercise time t.
func New(t time.Duration) Clock { return Clock{base: t, speed: 1} }

// Running reports whether the clock is running.
func (c Clock) Running() bool { return c.running }

// Speed returns the clock speed (exercise seconds per wall second).
func (c Clock) Speed() float64 {
	if c.speed == 0 {
		return 1
	}
	return c.speed
}

// At returns the exercise time at wall time now.
func (c Clock) At(now time.Time) time.Duration {
	if !c.running {
		return c.base
	}
	elapsed := now.Sub(c.anchor)
	if elapsed < 0 {
		elapsed = 0 // wall clock stepped back: never run exercise time backwards
	}
	return c.base + time.Duration(float64(elapsed)*c.Speed())
}

// Start starts the clock at wall time now. Starting a running clock
// changes nothing.
func (c Clock) Start(now time.Time) Clock {
	if c.running {
		return c
	}
	c.running, c.anchor = true, now
	return c
}

// Pause stops the clock at wall time now.
func (c Clock) Pause(now time.Time) Clock {
	c.base = c.At(now)
	c.running = false
	return c
}

// SetSpeed changes the speed at wall time now.
func (c Clock) SetSpeed(now time.Time, speed float64) Clock {
	c.base = c.At(now)
	c.anchor = now
	c.speed = speed
	return c
}

// Jump sets the exercise time to t at wall time now, keeping the clock
// running or paused as it was.
func (c Clock) Jump(now time.Time, t time.Duration) Clock {
	c.base, c.anchor = t, now
	return c
}

// Until returns the wall time that will pass before the exercise time
// reaches t, at the current speed; it is meaningless for a paused clock.
func (c Clock) Until(now time.Time, t time.Duration) time.Duration {
	return time.Duration(float64(t-c.At(now)) / c.Speed())
}

// Faster returns the next speed up from s in Speeds (or s at the top).
func Faster(s float64) float64 {
	for _, v := range Speeds {
		if v > s {
			return v
		}
	}
	return Speeds[len(Speeds)-1]
}

// Slower returns the next speed down from s in Speeds (or s at the bottom).
func Slower(s float64) float64 {
	for _, v := range slices.Backward(Speeds) {
		if v < s {
			return v
		}
	}
	return Speeds[0]
}

// FormatSpeed writes a speed as "1x", "60x" or "0.5x".
func FormatSpeed(s float64) string {
	if s == float64(int(s)) {
		return fmt.Sprintf("%dx", int(s))
	}
	return fmt.Sprintf("%gx", s)
}

// Format writes an exercise time as T+hh:mm:ss.
func Format(t time.Duration) string {
	sign := "+"
	if t < 0 {
		sign, t = "-", -t
	}
	t = t.Truncate(time.Second)
	if t < 0 { // the most negative duration, which has no opposite
		return fmt.Sprintf("T%s%02d:%02d:%02d", sign, int(t/time.Hour), int(t/time.Minute)%60, int(t/time.Second)%60)
	}
	// By hand rather than by fmt: a report writes two of these for each of
	// a million decisions.
	var b [32]byte
	buf := append(b[:0], 'T', sign[0])
	if h := int64(t / time.Hour); h < 10 {
		buf = append(buf, '0', byte('0'+h))
	} else {
		buf = strconv.AppendInt(buf, h, 10)
	}
	m, sec := int(t/time.Minute)%60, int(t/time.Second)%60
	buf = append(buf, ':', byte('0'+m/10), byte('0'+m%10), ':', byte('0'+sec/10), byte('0'+sec%10))
	return string(buf)
}
