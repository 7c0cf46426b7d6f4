package sshd

import (
	"context"
	"time"

	"github.com/charmbracelet/ssh"

	"ttx/exercise/access"
	"ttx/exercise/event"
	"ttx/exercise/session"
	"ttx/ui/seat/door"
)

// codeWait is how long a connection waits for its code to be checked
// before it is told to come back later and closed, so that guessing
// connections do not pile up waiting for their source's turn. It is well
// under door.DefaultAuthTimeout, and a connection never waits past codeMargin
// before the door would close it, so that it is always told. A variable
// for tests.
var codeWait = 45 * time.Second

// codeMargin is the time left, at least, to tell a connection to come
// back later before the door closes it.
const codeMargin = 3 * time.Second

// tooManyCodes is what a connection that waited codeWait is told.
const tooManyCodes = "Too many wrong join codes from your address. Wait a minute, then connect again."

// checkCode checks a typed join code once the guard lets the connection's
// source try (after a wrong code a source waits, 1 s doubling to a
// minute), and journals a wrong one (in bounded form: the session counts
// a source's refusals and journals them once a minute). It returns the
// person the code belongs to, or nil; ok is false when the connection
// ended, or waited codeWait, before its turn.
func (s *Server) checkCode(ctx ssh.Context, code string) (p *event.Person, ok bool) {
	src := access.Source(ctx.RemoteAddr().String())
	within := codeWait
	if left, ok := door.Left(ctx); ok {
		within = max(0, min(within, left-codeMargin))
	}
	wait, cancel := context.WithTimeout(ctx, within)
	defer cancel()
	if err := s.codes.Wait(wait, src); err != nil {
		return nil, false
	}
	st := s.sess.State()
	p = access.ByCode(st.Roster, code)
	s.codes.Done(src, p != nil)
	if p == nil {
		reason := "wrong join code"
		if code == "" {
			reason = "no join code"
		}
		s.sess.Do(session.SystemSSH, session.RefuseAccess{User: ctx.User(), Remote: ctx.RemoteAddr().String(), Reason: reason})
	}
	return p, true
}
