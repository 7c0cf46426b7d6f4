package seat

import (
	"fmt"
	"maps"
	"net"
	"time"

	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	gossh "golang.org/x/crypto/ssh"

	"ttx/exercise/access"
	"ttx/exercise/event"
	"ttx/exercise/session"
)

// What one SSH session may ask for. Each session channel can buffer two
// megabytes its seat has not read, and keeps every environment variable
// it is sent: without a bound, one connection could open sessions, or
// send variables, until the server ran out of memory.
const (
	sessionsEach = access.SeatsEach // open session channels per connection
	envEach      = 64               // environment variables per session
	envBytes     = 4 << 10          // the largest variable, name and value
)

// shellWait is how long a session channel may stay open without asking
// for its shell: a real client asks within a second of opening it; a
// channel that never does would only hold buffers. A variable for tests.
var shellWait = 5 * time.Second

// sessionsInside wraps the handler of SSH session channels: a connection
// may open one only once it has proved who it is, and only while its
// person holds at most connectionsEach connections; it may hold at most
// sessionsEach at once, each is closed if it does not ask for its shell
// within shellWait, and each is sent at most envEach variables of
// envBytes. The connection's time at the door ends when its seat starts
// (seatStarted), not when it opens a channel.
func sessionsInside(next ssh.ChannelHandler) ssh.ChannelHandler {
	return func(srv *ssh.Server, conn *gossh.ServerConn, ch gossh.NewChannel, ctx ssh.Context) {
		e, ok := ctx.Value(enteringKey).(*entering)
		if !ok {
			next(srv, conn, ch, ctx)
			return
		}
		p, _ := ctx.Value(personKey).(event.Person)
		if !e.d.claim(e, p.Name) {
			ch.Reject(gossh.ResourceShortage, fmt.Sprintf("%s already has %d connections open to this exercise, the most one person may have", p.Name, connectionsEach))
			conn.Close()
			return
		}
		if e.sessions.Add(1) > sessionsEach {
			e.sessions.Add(-1)
			ch.Reject(gossh.ResourceShortage, fmt.Sprintf("at most %d sessions on one connection", sessionsEach))
			return
		}
		defer e.sessions.Add(-1)
		next(srv, conn, boundedChannel{ch}, ctx)
	}
}

// boundedChannel is a session channel whose requests are bounded: the
// variables past envEach, or larger than envBytes, are refused, and the
// channel closes if it has not asked for a shell within shellWait.
type boundedChannel struct{ gossh.NewChannel }

// Accept accepts the channel and passes its requests on, bounded.
func (c boundedChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := c.NewChannel.Accept()
	if err != nil {
		return ch, reqs, err
	}
	idle := time.AfterFunc(shellWait, func() { ch.Close() })
	out := make(chan *gossh.Request)
	go func() {
		defer close(out)
		defer idle.Stop()
		env := 0
		for r := range reqs {
			switch r.Type {
			case "env":
				if env >= envEach || len(r.Payload) > envBytes {
					r.Reply(false, nil)
					continue
				}
				env++
			case "shell", "exec":
				idle.Stop()
			}
			out <- r
		}
	}()
	return ch, out, nil
}

// guardDoor puts the door in front of srv: every connection passes
// through admit (after any ConnCallback srv already has), and leaves the
// door when its seat starts.
func guardDoor(srv *ssh.Server, d *door) {
	prev := srv.ConnCallback
	srv.ConnCallback = func(ctx ssh.Context, conn net.Conn) net.Conn {
		if prev != nil {
			if conn = prev(ctx, conn); conn == nil {
				return nil
			}
		}
		return d.admit(ctx, conn)
	}
	if srv.ChannelHandlers == nil {
		srv.ChannelHandlers = maps.Clone(ssh.DefaultChannelHandlers)
	}
	if h := srv.ChannelHandlers["session"]; h != nil {
		srv.ChannelHandlers["session"] = sessionsInside(h)
	}
}

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
