package sshd

import (
	"sync/atomic"

	tea "github.com/charmbracelet/bubbletea"

	"ttx/exercise/event"
)

// A person given a new join code (session.NewJoinCode) may have lost
// theirs to someone else, who may be on a seat as them: every seat that
// came in with a code the roster no longer holds is closed, with a word to
// whoever is on it. Seats that came in with an SSH key stay.

// replacedCode is what a seat closed for its code is told.
const replacedCode = "The facilitator gave you a new join code: the one you joined with no longer works. Join again with the new one."

// seated is an open seat, for closing it from outside its program.
type seated struct {
	prog *tea.Program
	name string
	// code is the stored join code the seat came in with, "" for an SSH
	// key.
	code string
	// why is set before the program is told to quit from outside: it is
	// said to the person once the program has left the screen.
	why atomic.Pointer[string]
}

// close has the seat's program quit, saying why once it has; s.mu is held,
// so the program is told on a goroutine of its own.
func (st *seated) close(why string) {
	if st.why.CompareAndSwap(nil, &why) {
		go st.prog.Quit()
	}
}

// stale reports whether the seat came in with a code that codes, the
// roster's now by person, no longer gives its person.
func (st *seated) stale(codes map[string]string) bool {
	return st.code != "" && codes[st.name] != st.code
}

// codesOf is the roster's join codes by person.
func codesOf(r []event.Person) map[string]string {
	codes := make(map[string]string, len(r))
	for _, p := range r {
		codes[p.Name] = p.CodeHash
	}
	return codes
}

// watchCodes closes the seats whose codes were replaced, as each new
// roster arrives, until stop is called.
func (s *Server) watchCodes() (stop func()) {
	states, cancel := s.sess.Subscribe()
	done := make(chan struct{})
	go func() {
		defer close(done)
		var last []event.Person
		for st := range states {
			// A new code copies the roster: an unchanged slice is the
			// same roster (most states).
			if len(st.Roster) == len(last) && (len(last) == 0 || &st.Roster[0] == &last[0]) {
				continue
			}
			last = st.Roster
			codes := codesOf(last)
			s.mu.Lock()
			for _, seats := range s.sitting {
				for _, o := range seats {
					if o.stale(codes) {
						o.close(replacedCode)
					}
				}
			}
			s.mu.Unlock()
		}
	}()
	return func() {
		cancel()
		<-done
	}
}

// sit counts the seat as open for its person; it is closed at once if its
// code was replaced since the person proved who they are with it. The
// seat is counted first and the roster read after: a new code published
// in between finds the seat counted (watchCodes), or is in the roster
// read here.
func (s *Server) sit(st *seated) {
	s.mu.Lock()
	s.sitting[st.name] = append(s.sitting[st.name], st)
	s.mu.Unlock()
	if st.code == "" {
		return
	}
	r := s.sess.State().Roster
	s.mu.Lock()
	defer s.mu.Unlock()
	if st.stale(codesOf(r)) {
		st.close(replacedCode)
	}
}

// stand forgets the seat.
func (s *Server) stand(st *seated) {
	s.mu.Lock()
	defer s.mu.Unlock()
	seats := s.sitting[st.name]
	for i, o := range seats {
		if o == st {
			seats = append(seats[:i], seats[i+1:]...)
			break
		}
	}
	if len(seats) == 0 {
		delete(s.sitting, st.name)
	} else {
		s.sitting[st.name] = seats
	}
}
