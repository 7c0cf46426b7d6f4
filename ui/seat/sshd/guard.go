package sshd

import (
	"fmt"

	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"

	"ttx/exercise/access"
	"ttx/exercise/session"
)

// One person may hold only a few seats (access.SeatsEach).

// takeSeat counts a seat for name, or reports that they already hold
// access.SeatsEach.
func (s *Server) takeSeat(name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seats[name] >= access.SeatsEach {
		return false
	}
	s.seats[name]++
	return true
}

// leaveSeat counts one seat fewer for name.
func (s *Server) leaveSeat(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seats[name]--; s.seats[name] <= 0 {
		delete(s.seats, name)
	}
}

// refuseSeat tells a person who already holds every seat they may why
// this one does not open, and journals the refusal, which the
// facilitator sees in the list of seats.
func (s *Server) refuseSeat(sess ssh.Session, name string) {
	s.sess.Do(session.SystemSSH, session.RefuseAccess{User: sess.User(), Remote: sess.RemoteAddr().String(),
		Reason: fmt.Sprintf("%s already holds %d seats", name, access.SeatsEach)})
	wish.Fatalln(sess, fmt.Sprintf("%s, you already have %d seats open in this exercise, the most one person may have.\n"+
		"Leave one of them (press q there), then connect again.", name, access.SeatsEach))
}
