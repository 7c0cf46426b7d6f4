//go:build !unix

package console

import "time"

// cpuTime is not measured here.
func cpuTime() time.Duration { return 0 }
