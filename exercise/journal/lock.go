package journal

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// fileLock is an exclusive lock on a session file. The lock is taken on
// the open session file itself (flock on unix, LockFileEx on Windows), so
// it belongs to the file, not to the name it was opened by: a second
// console that reaches the same file through a symbolic link, a hard link,
// or a relative or absolute path is refused all the same. A FILE.lock
// beside the file's real path names the holding process, for the message
// a second console prints; it is information only and never trusted as
// the lock.
type fileLock struct {
	info *os.File // the FILE.lock ttx created (nil if it could not)
	path string   // its name
}

// errLocked is what tryLock returns when another writer holds the lock.
var errLocked = errors.New("locked")

// lockFile takes the lock on f, the session file opened at path, or says
// which process holds it.
func lockFile(f *os.File, path string) (*fileLock, error) {
	info := infoPath(path)
	if err := tryLock(f); err != nil {
		if errors.Is(err, errLocked) {
			return nil, fmt.Errorf("%s is already open for writing by %s; close that console first (two writers would corrupt the record)", path, holder(info))
		}
		return nil, fmt.Errorf("lock the session file: %w", err)
	}
	l := &fileLock{path: info}
	// Whatever FILE.lock is there now is stale (its writer died) or was
	// put there by someone else: it is removed, never written through (a
	// link there would point the write at another file), and a new one
	// created. Without it the lock holds just the same.
	_ = os.Remove(info)
	if lf, err := os.OpenFile(info, os.O_WRONLY|os.O_CREATE|os.O_EXCL|oNoFollow, 0o600); err == nil {
		host, _ := os.Hostname()
		_, _ = lf.WriteString("ttx pid " + strconv.Itoa(os.Getpid()) + " on " + printable(host) + "\n")
		l.info = lf
	}
	return l, nil
}

// holder reads who holds the lock from FILE.lock, without following a
// link, keeping printable text only.
func holder(info string) string {
	lf, err := os.OpenFile(info, os.O_RDONLY|oNoFollow, 0)
	if err != nil {
		return "another process"
	}
	defer lf.Close()
	buf := make([]byte, 200)
	n, _ := lf.Read(buf)
	if h := printable(string(buf[:n])); h != "" {
		return h
	}
	return "another process"
}

// release removes the FILE.lock this writer created; the lock itself goes
// with the session file when it is closed. It is called before that close,
// so that it never removes the note of the next writer.
func (l *fileLock) release() {
	if l == nil || l.info == nil {
		return
	}
	if a, err := l.info.Stat(); err == nil {
		if b, err := os.Lstat(l.path); err == nil && os.SameFile(a, b) {
			os.Remove(l.path)
		}
	}
	l.info.Close()
	l.info = nil
}

// infoPath is the FILE.lock that names a session file's writer: beside the
// file's real path, so that a console that reached it through a symbolic
// link reads the same note.
func infoPath(path string) string {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	return path + ".lock"
}

// printable keeps the printable ASCII of s, trimmed: what a note read
// from disk may put on a terminal.
func printable(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if r < ' ' || r > '~' {
			return -1
		}
		return r
	}, s))
}

// Lock takes the lock a Writer holds on its session file, on f, opened
// at path, for a writer of its own (a cluster node writes its file from
// the Raft log): a console that tries to resume the file meanwhile is
// refused, naming this process. It returns the function that releases
// the note beside the file; the lock goes with f when f is closed.
func Lock(f *os.File, path string) (release func(), err error) {
	l, err := lockFile(f, path)
	if err != nil {
		return nil, err
	}
	return l.release, nil
}
