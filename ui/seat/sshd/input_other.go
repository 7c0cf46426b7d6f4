//go:build !linux && !darwin && !freebsd && !dragonfly && !netbsd && !openbsd && !solaris

package sshd

import (
	"io"

	"github.com/charmbracelet/ssh"
)

// seatReader is where a seat's program reads what its person types.
func seatReader(sess ssh.Session) io.Reader { return sess }
