//go:build !unix

package journal

import "os"

// oNoFollow is 0 where opening cannot refuse a link.
const oNoFollow = 0

// fileLock is a no-op where flock is not available.
type fileLock struct{}

func lockFile(*os.File, string) (*fileLock, error) { return &fileLock{}, nil }

func (*fileLock) release() {}
