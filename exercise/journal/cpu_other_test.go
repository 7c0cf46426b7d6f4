//go:build !unix

package journal

import "time"

// cpuTime is not measured here.
func cpuTime() time.Duration { return 0 }
