//go:build unix

package journal

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// fileLock is an exclusive lock on a session file, held through a
// FILE.lock beside it that names the holding process.
type fileLock struct {
	f    *os.File
	path string
}

// lockFile takes the lock for the session file at path, or says which
// process holds it.
func lockFile(path string) (*fileLock, error) {
	lp := path + ".lock"
	f, err := os.OpenFile(lp, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock the session file: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		data, _ := os.ReadFile(lp)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			holder := strings.TrimSpace(string(data))
			if holder == "" {
				holder = "another process"
			}
			return nil, fmt.Errorf("%s is already open for writing by %s; close that console first (two writers would corrupt the record)", path, holder)
		}
		return nil, fmt.Errorf("lock the session file: %w", err)
	}
	host, _ := os.Hostname()
	_ = f.Truncate(0)
	_, _ = f.WriteAt([]byte("ttx pid "+strconv.Itoa(os.Getpid())+" on "+host+"\n"), 0)
	return &fileLock{f: f, path: lp}, nil
}

func (l *fileLock) release() {
	if l == nil || l.f == nil {
		return
	}
	os.Remove(l.path)
	syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	l.f.Close()
	l.f = nil
}
