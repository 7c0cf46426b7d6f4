//go:build !unix && !windows

package journal

import "os"

// oNoFollow is 0 where opening cannot refuse a link.
const oNoFollow = 0

// tryLock does nothing where there is no file lock to take.
func tryLock(*os.File) error { return nil }
