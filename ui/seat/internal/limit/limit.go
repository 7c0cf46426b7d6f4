// Package limit bounds how often one person submits from a seat.
package limit

import (
	"sync"
	"time"
)

// Limiter is a token bucket: a person may submit Burst times at once and
// then once per Every. It keeps one connection's flood from crowding out
// the others; the session shares its fsyncs among whoever is waiting.
type Limiter struct {
	mu     sync.Mutex
	every  time.Duration
	burst  float64
	tokens float64
	last   time.Time
}

// New allows burst submissions at once and one per every after.
func New(every time.Duration, burst int) *Limiter {
	return &Limiter{every: every, burst: float64(burst), tokens: float64(burst)}
}

// Take uses a token at now and returns 0, or returns how long to wait for
// the next one.
func (l *Limiter) Take(now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.last.IsZero() {
		l.tokens = min(l.burst, l.tokens+float64(now.Sub(l.last))/float64(l.every))
	}
	l.last = now
	if l.tokens >= 1 {
		l.tokens--
		return 0
	}
	return time.Duration((1 - l.tokens) * float64(l.every))
}
