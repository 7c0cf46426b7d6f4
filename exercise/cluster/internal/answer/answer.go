// Package answer is what a cluster's leader says back to a follower that
// forwarded it a command: the lines written, or the error, of a kind the
// follower turns back into the session's own, so that errors.Is and
// errors.As work on the follower as on the leader.
package answer

import (
	"bufio"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"ttx/exercise/cluster/internal/forward"
	"ttx/exercise/session"
)

// MaxEntry bounds a forwarded entry: a session.opened carries the whole
// scenario.
const MaxEntry = 64 << 20

// ErrOpen is a second session.opened proposed for a session already open.
var ErrOpen = errors.New("the session is already open")

// Reply is the leader's answer to a forwarded entry.
type Reply struct {
	Index uint64 `json:"index"`
	// Lines are the events written, as JSON lines.
	Lines []json.RawMessage `json:"lines,omitempty"`
	Seq   int64             `json:"seq"`
	Err   string            `json:"err,omitempty"`
	Kind  string            `json:"kind,omitempty"`
	// Maybe, with NotLeader, says the leader had put the entry in its
	// log before it lost the lead or ran out of time: the entry may yet
	// be committed, and is asked again, never said to be unrecorded.
	Maybe bool `json:"maybe,omitempty"`
}

// Error kinds in a Reply.
const (
	NotLeader     = "not-leader"
	kindForbidden = "forbidden"
	kindClosed    = "closed"
	kindPaused    = "input-paused"
	kindNotSaved  = "not-saved"
	kindUnsure    = "unconfirmed"
	kindIsOpen    = "open"
)

var kinds = map[string]error{
	kindForbidden: session.ErrForbidden, kindClosed: session.ErrClosed, kindPaused: session.ErrInputPaused, kindIsOpen: ErrOpen,
}

// KindOf is the kind a Reply gives err.
func KindOf(err error) string {
	var ns *session.NotSavedError
	if errors.As(err, &ns) {
		return kindNotSaved
	}
	var un *session.UnconfirmedError
	if errors.As(err, &un) {
		return kindUnsure
	}
	for k, target := range kinds {
		if errors.Is(err, target) {
			return k
		}
	}
	return ""
}

// forwarded is an error the leader gave for a forwarded command.
type forwarded struct{ msg, kind string }

func (e *forwarded) Error() string { return e.msg }

func (e *forwarded) Is(target error) bool { return kinds[e.kind] == target }

// Err is the error r gives, as the leader had it; nil for none.
func Err(r Reply) error {
	switch {
	case r.Err == "":
		return nil
	case r.Kind == kindNotSaved:
		return &session.NotSavedError{Err: errors.New(strings.TrimPrefix(r.Err, "not saved: "))}
	case r.Kind == kindUnsure:
		return &session.UnconfirmedError{Err: errors.New(strings.TrimPrefix(r.Err, "not confirmed: "))}
	}
	return &forwarded{msg: r.Err, kind: r.Kind}
}

// Send forwards a log entry to the leader at addr through p and returns
// its answer.
func Send(p *forward.Pool, addr string, data []byte, timeout time.Duration) (Reply, error) {
	var r Reply
	err := p.Send(addr, data, timeout, func(br *bufio.Reader) (bool, error) {
		line, err := ReadLine(br)
		if err == nil {
			err = json.Unmarshal(line, &r)
		}
		return r.Kind != NotLeader, err
	})
	return r, err
}

// ReadLine reads one line of at most MaxEntry bytes, without its newline.
func ReadLine(br *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		line = append(line, chunk...)
		if err == nil {
			return line[:len(line)-1], nil
		}
		if !errors.Is(err, bufio.ErrBufferFull) || len(line) > MaxEntry {
			return nil, err
		}
	}
}
