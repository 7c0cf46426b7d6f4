package cluster

import (
	"bufio"
	"encoding/json"
	"time"

	"ttx/exercise/cluster/internal/forward"
)

// reply is the leader's answer to a forwarded entry.
type reply struct {
	Index uint64 `json:"index"`
	// Lines are the events written, as JSON lines.
	Lines []json.RawMessage `json:"lines,omitempty"`
	Seq   int64             `json:"seq"`
	Err   string            `json:"err,omitempty"`
	Kind  string            `json:"kind,omitempty"`
	// Maybe, with kindNotLeader, says the leader had put the entry in its
	// log before it lost the lead or ran out of time: the entry may yet
	// be committed, and is asked again, never said to be unrecorded.
	Maybe bool `json:"maybe,omitempty"`
}

// sendTo forwards a log entry to the leader at addr through p and returns
// its answer.
func sendTo(p *forward.Pool, addr string, data []byte, timeout time.Duration) (reply, error) {
	var r reply
	err := p.Send(addr, data, timeout, func(br *bufio.Reader) (bool, error) {
		line, err := readLine(br)
		if err == nil {
			err = json.Unmarshal(line, &r)
		}
		return r.Kind != kindNotLeader, err
	})
	return r, err
}
