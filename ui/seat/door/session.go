package door

import (
	"fmt"
	"maps"
	"net"
	"time"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"

	"ttx/exercise/access"
)

// What one SSH session may ask for. Each session channel can buffer two
// megabytes its seat has not read, and keeps every environment variable
// it is sent: without a bound, one connection could open sessions, or
// send variables, until the server ran out of memory.
const (
	SessionsEach = access.SeatsEach // open session channels per connection
	EnvEach      = 64               // environment variables per session
	EnvBytes     = 4 << 10          // the largest variable, name and value
)

// ShellWait is how long a session channel may stay open without asking
// for its shell: a real client asks within a second of opening it; a
// channel that never does would only hold buffers. A variable so that
// tests may shorten it.
var ShellWait = 5 * time.Second

// sessionsInside wraps the handler of SSH session channels: a connection
// may open one only once it has proved who it is, and only while its
// person (named by person) holds at most ConnectionsEach connections; it
// may hold at most SessionsEach at once, each is closed if it does not
// ask for its shell within ShellWait, and each is sent at most EnvEach
// variables of EnvBytes. The connection's time at the door ends when its
// seat starts (Started), not when it opens a channel.
func sessionsInside(next ssh.ChannelHandler, person func(ssh.Context) string) ssh.ChannelHandler {
	return func(srv *ssh.Server, conn *gossh.ServerConn, ch gossh.NewChannel, ctx ssh.Context) {
		e, ok := ctx.Value(enteringKey).(*entering)
		if !ok {
			next(srv, conn, ch, ctx)
			return
		}
		name := person(ctx)
		if !e.d.claim(e, name) {
			ch.Reject(gossh.ResourceShortage, fmt.Sprintf("%s already has %d connections open to this exercise, the most one person may have", name, ConnectionsEach))
			conn.Close()
			return
		}
		if e.sessions.Add(1) > SessionsEach {
			e.sessions.Add(-1)
			ch.Reject(gossh.ResourceShortage, fmt.Sprintf("at most %d sessions on one connection", SessionsEach))
			return
		}
		defer e.sessions.Add(-1)
		next(srv, conn, boundedChannel{ch}, ctx)
	}
}

// boundedChannel is a session channel whose requests are bounded: the
// variables past EnvEach, or larger than EnvBytes, are refused, and the
// channel closes if it has not asked for a shell within ShellWait.
type boundedChannel struct{ gossh.NewChannel }

// Accept accepts the channel and passes its requests on, bounded.
func (c boundedChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := c.NewChannel.Accept()
	if err != nil {
		return ch, reqs, err
	}
	idle := time.AfterFunc(ShellWait, func() { ch.Close() })
	out := make(chan *gossh.Request)
	go func() {
		defer close(out)
		defer idle.Stop()
		env := 0
		for r := range reqs {
			switch r.Type {
			case "env":
				if env >= EnvEach || len(r.Payload) > EnvBytes {
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

// Guard puts the door in front of srv: every connection passes through
// it (after any ConnCallback srv already has), and leaves it when its
// seat starts (Started). person names who a connection's context has
// proved to be, so that one person's connections past the door are
// counted.
func (d *Door) Guard(srv *ssh.Server, person func(ssh.Context) string) {
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
		srv.ChannelHandlers["session"] = sessionsInside(h, person)
	}
}
