//go:build !linux

package event

// adviseHuge does nothing where the system has no madvise advice for
// huge pages.
func adviseHuge([]Entry) {}
