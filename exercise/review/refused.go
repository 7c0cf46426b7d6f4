package review

import (
	"fmt"
	"strings"
	"time"

	"ttx/exercise/review/internal/conduct"
)

// RefusedSource is one address's refused attempts to join, added up over
// its access.refused lines (each may count many attempts).
type RefusedSource = conduct.Source

// RefusedSummary is the report's one line on refused attempts to join:
// the total, then each source with its count and when (UTC), or "" when
// nobody was refused.
func (r *Report) RefusedSummary() string {
	if r.Refused == 0 {
		return ""
	}
	parts := make([]string, 0, len(r.RefusedBy))
	for _, s := range r.RefusedBy {
		when := s.First.UTC().Format("15:04")
		if s.Last.Sub(s.First) >= time.Minute {
			when += "–" + s.Last.UTC().Format("15:04")
		}
		parts = append(parts, fmt.Sprintf("%d from %s at %s", s.Attempts, s.Source, when))
	}
	return fmt.Sprintf("%d: %s", r.Refused, strings.Join(parts, "; "))
}
