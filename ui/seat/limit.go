package seat

import (
	"time"

	"ttx/ui/seat/internal/limit"
)

// Limiter is a token bucket: a person may submit Burst times at once and
// then once per Every (see package limit).
type Limiter = limit.Limiter

// NewLimiter allows burst submissions at once and one per every after.
func NewLimiter(every time.Duration, burst int) *Limiter { return limit.New(every, burst) }
