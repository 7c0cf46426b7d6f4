package link

import (
	"bytes"
	"fmt"
	"net"
	"strings"
	"time"
)

// Every link opens with a hello: the dialling end names the rules it
// applies the log with (Links.Rules), and the other answers "ok" only
// when its own are the same. Nodes of two ttx builds whose commands or
// rules differ would make different events of one log, each writing its
// own file in good faith; they never link, so a node of the other build
// is cut off, and says why, instead of recording something else.

const (
	helloWord = "ttx-rules "
	helloOK   = "ok"
	helloMax  = 128 // bytes in a hello line, its newline included
)

// OtherRulesError is a link refused because the two nodes apply the log
// with other rules: two builds of ttx.
type OtherRulesError struct {
	Addr         string // the other node
	Theirs, Ours string
}

func (e *OtherRulesError) Error() string {
	return fmt.Sprintf("the node at %s runs another ttx (its rules %s, this node's %s): install the same ttx on every node, and start again the one that differs", e.Addr, e.Theirs, e.Ours)
}

// hello runs the hello on a connection just made (and secured), as the
// dialling end (client) or the accepting one, within timeout.
func (l *Links) hello(c net.Conn, client bool, timeout time.Duration) error {
	c.SetDeadline(time.Now().Add(timeout))
	defer c.SetDeadline(time.Time{})
	addr := c.RemoteAddr().String()
	if host, _, err := net.SplitHostPort(addr); err == nil && !client {
		addr = host // a dialling node's port says nothing of it
	}
	if client {
		if _, err := c.Write([]byte(helloWord + l.Rules + "\n")); err != nil {
			return err
		}
		answer, err := readHello(c)
		if err != nil {
			return fmt.Errorf("the node at %s did not answer this ttx's hello (an older ttx?): %w", addr, err)
		}
		if answer != helloOK {
			return l.other(&OtherRulesError{Addr: addr, Theirs: strings.TrimPrefix(answer, helloWord), Ours: l.Rules})
		}
		return nil
	}
	line, err := readHello(c)
	if err != nil {
		return err
	}
	theirs, ok := strings.CutPrefix(line, helloWord)
	if !ok {
		return l.other(&OtherRulesError{Addr: addr, Theirs: "unknown (an older ttx?)", Ours: l.Rules})
	}
	if theirs != l.Rules {
		c.Write([]byte(helloWord + l.Rules + "\n"))
		return l.other(&OtherRulesError{Addr: addr, Theirs: theirs, Ours: l.Rules})
	}
	_, err = c.Write([]byte(helloOK + "\n"))
	return err
}

// readHello reads one hello line, a byte at a time so as to leave what
// follows it unread.
func readHello(c net.Conn) (string, error) {
	var line []byte
	var b [1]byte
	for len(line) < helloMax {
		if _, err := c.Read(b[:]); err != nil {
			return "", err
		}
		if b[0] == '\n' {
			return string(line), nil
		}
		line = append(line, b[0])
	}
	return "", fmt.Errorf("a hello longer than %d bytes: %q…", helloMax, bytes.TrimSpace(line[:32]))
}

// other notes e as the last link refused for other rules, and returns it.
func (l *Links) other(e *OtherRulesError) error {
	l.otherMu.Lock()
	l.otherRules = e
	l.otherAt = time.Now()
	l.otherMu.Unlock()
	return e
}

// OtherRules returns the last link refused because the other node
// applies other rules, within the last minute; nil when none.
func (l *Links) OtherRules() *OtherRulesError {
	l.otherMu.Lock()
	defer l.otherMu.Unlock()
	if l.otherRules == nil || time.Since(l.otherAt) > time.Minute {
		return nil
	}
	return l.otherRules
}

// Greet runs the accepting end's hello on c, for a listener of one's own
// rather than a Mux's.
func (l *Links) Greet(c net.Conn, timeout time.Duration) error { return l.hello(c, false, timeout) }
