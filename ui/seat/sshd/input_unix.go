//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd || solaris

package sshd

import (
	"io"

	"github.com/charmbracelet/ssh"
)

// seatReader is where a seat's program reads what its person types: the
// session's terminal, as the bubbletea middleware would give it.
func seatReader(sess ssh.Session) io.Reader {
	if pty, _, ok := sess.Pty(); ok && !sess.EmulatedPty() && pty.Slave != nil {
		return pty.Slave
	}
	return sess
}
