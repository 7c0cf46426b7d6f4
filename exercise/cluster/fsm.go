package cluster

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/hashicorp/raft"

	"ttx/exercise/cluster/internal/answer"
	"ttx/exercise/cluster/internal/watch"
	"ttx/exercise/event"
	"ttx/exercise/journal"
	"ttx/exercise/session"
)

var (
	errOpen    = answer.ErrOpen
	errNotOpen = errors.New("the session is not open yet")
)

// applied is what applying one log entry did, handed back to the node
// that proposed it.
type applied struct {
	Index  uint64
	Events []event.Event // as written
	Err    error
}

// remembered is what is kept of an applied request, by its ID.
type remembered struct {
	Seq int64 // first seq written, -1 for none
	N   int
	Err string
}

// keepIDs is how many request IDs the FSM remembers, to apply a request
// sent twice only once: the last half minute at 1,000 commands a second,
// three times a node's Timeout for asking again.
const keepIDs = 1 << 15

// fsm is the session file of one node, written from the Raft log. Raft
// calls ApplyBatch, Snapshot and Restore from one goroutine; the node
// reads the state and waits for an index from others, under mu.
type fsm struct {
	path   string
	f      *os.File
	unlock func()
	note   func(string) // tells the operator what was done to the file

	mu      sync.Mutex
	size    int64  // bytes in the file
	off     int64  // bytes of it the state accounts for
	head    string // hash of the line ending at off
	state   event.State
	index   uint64        // last log index applied
	changed chan struct{} // closed and replaced on every change
	subs    map[chan event.State]struct{}
	broken  error
	ids     map[string]remembered
	order   []string // ids, oldest first
	// watch is told the outcome of the requests being given on this
	// node, by ID, when they are applied: one whose answer was lost
	// learns it later (session.UnconfirmedError's Settled).
	watch *watch.Set
}

func newFSM(path string, note func(string)) (*fsm, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("create the session folder: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open the session file: %w", err)
	}
	unlock, err := journal.Lock(f, path)
	if err != nil {
		f.Close()
		return nil, err
	}
	fi, err := f.Stat()
	if err == nil {
		err = f.Sync() // whatever a killed run left in the page cache
	}
	if err == nil {
		err = journal.SyncDir(filepath.Dir(path))
	}
	if err != nil {
		unlock()
		f.Close()
		return nil, fmt.Errorf("open the session file: %w", err)
	}
	return &fsm{path: path, f: f, unlock: unlock, note: note, size: fi.Size(), state: event.Empty(),
		changed: make(chan struct{}), subs: map[chan event.State]struct{}{}, ids: map[string]remembered{},
		watch: watch.New()}, nil
}

// ApplyBatch applies committed entries: each is checked against the
// state as the ones before it left it, and the lines of the whole batch
// are written with one write and one fsync.
func (f *fsm) ApplyBatch(logs []*raft.Log) []any {
	out := make([]any, len(logs))
	f.mu.Lock()
	st, head, broken := f.state, f.head, f.broken
	f.mu.Unlock()
	var (
		buf   []byte
		mine  []*applied
		ids   []string // mine's request IDs
		index uint64
	)
	for i, l := range logs {
		index = l.Index
		if l.Type != raft.LogCommand {
			continue
		}
		a := &applied{Index: l.Index}
		out[i] = a
		var e entry
		if err := json.Unmarshal(l.Data, &e); err != nil {
			a.Err = fmt.Errorf("log entry %d is unreadable: %w", l.Index, err)
			continue
		}
		if r, ok := f.ids[e.ID]; ok && e.ID != "" {
			a.Err = r.err()
			if r.Seq >= 0 {
				a.Events = []event.Event{{Seq: r.Seq}}
			}
			// A watch still open missed the first (a snapshot brought it).
			mine, ids = append(mine, a), append(ids, e.ID)
			continue
		}
		evs, after, err := e.events(st)
		a.Err = err
		for k := range evs {
			evs[k].V, evs[k].Prev = event.Version, head
			line, _ := event.Marshal(evs[k])
			head = journal.Hash(line)
			buf = append(append(buf, line...), '\n')
		}
		a.Events, st = evs, after
		f.remember(e.ID, a)
		mine, ids = append(mine, a), append(ids, e.ID)
	}
	if broken == nil && len(buf) > 0 {
		broken = f.put(buf)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if broken != nil {
		// The disk failed: this node must not answer for lines it could
		// not write. It answers every command with the fault from now
		// on (Fault says so); restarted, it applies the log again and
		// catches up.
		f.broken = broken
		f.watch.Close() // what it did not write it never will
		for _, a := range mine {
			if len(a.Events) > 0 {
				// Committed all the same: the others write it.
				a.Events, a.Err = nil, &session.UnconfirmedError{Err: fmt.Errorf("recorded by the cluster, but not on this site's disk: %w", broken)}
			}
		}
	} else {
		f.off += int64(len(buf))
		f.state, f.head = st, head
		for k, a := range mine {
			f.watch.Tell(ids[k], session.Outcome{Events: a.Events, Err: a.Err})
		}
	}
	f.index = index
	f.publish()
	return out
}

// Apply applies one entry; raft uses ApplyBatch.
func (f *fsm) Apply(l *raft.Log) any { return f.ApplyBatch([]*raft.Log{l})[0] }

func (r remembered) err() error {
	if r.Err == "" {
		return nil
	}
	return errors.New(r.Err)
}

func (f *fsm) remember(id string, a *applied) {
	if id == "" {
		return
	}
	r := remembered{Seq: -1, N: len(a.Events)}
	if len(a.Events) > 0 {
		r.Seq = a.Events[0].Seq
	}
	if a.Err != nil {
		r.Err = a.Err.Error()
	}
	f.ids[id] = r
	f.order = append(f.order, id)
	if len(f.order) > keepIDs {
		delete(f.ids, f.order[0])
		f.order = f.order[1:]
	}
}

// put writes buf at off. Bytes already in the file there (a node that
// restarts applies again what its file holds) are compared, not written
// again; a file that differs has its differing tail moved aside, never
// deleted.
func (f *fsm) put(buf []byte) error {
	n := min(int64(len(buf)), f.size-f.off)
	if n > 0 {
		have := make([]byte, n)
		if _, err := f.f.ReadAt(have, f.off); err != nil {
			return fmt.Errorf("read %s: %w", f.path, err)
		}
		if !bytes.Equal(have, buf[:n]) {
			// The file is kept up to the line that differs.
			same := 0
			for same < len(have) && have[same] == buf[same] {
				same++
			}
			n = int64(bytes.LastIndexByte(buf[:same], '\n') + 1)
			if err := f.setAside(f.off + n); err != nil {
				return err
			}
		}
	}
	if rest := buf[n:]; len(rest) > 0 {
		if _, err := f.f.WriteAt(rest, f.off+n); err != nil {
			return fmt.Errorf("write to %s: %w", f.path, err)
		}
		if err := f.f.Sync(); err != nil {
			return fmt.Errorf("save (fsync) %s: %w", f.path, err)
		}
		f.size = max(f.size, f.off+int64(len(buf)))
	}
	return nil
}

// setAside moves the file's bytes from off to FILE.diverged (then .2 …)
// and cuts the file at off.
func (f *fsm) setAside(off int64) error {
	tail := make([]byte, f.size-off)
	if _, err := f.f.ReadAt(tail, off); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("read %s: %w", f.path, err)
	}
	dest := f.path + ".diverged"
	for k := 2; ; k++ {
		df, err := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err == nil {
			_, err = df.Write(tail)
			if err == nil {
				err = df.Sync()
			}
			df.Close()
			if err != nil {
				return fmt.Errorf("save the lines that differ from the cluster's aside: %w", err)
			}
			break
		}
		if !errors.Is(err, os.ErrExist) || k > 1000 {
			return fmt.Errorf("save the lines that differ from the cluster's aside: %w", err)
		}
		dest = fmt.Sprintf("%s.diverged.%d", f.path, k)
	}
	if err := journal.SyncDir(filepath.Dir(dest)); err != nil {
		return err
	}
	if err := f.f.Truncate(off); err != nil {
		return fmt.Errorf("cut %s at byte %d (the rest is saved in %s): %w", f.path, off, dest, err)
	}
	f.size = off
	f.note(fmt.Sprintf("%s differed from the cluster's record from byte %d: those %d bytes are moved to %s, and the file is written from the cluster's record", f.path, off, len(tail), dest))
	return nil
}

// Snapshot is the file up to the last applied entry.
func (f *fsm) Snapshot() (raft.FSMSnapshot, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.broken != nil {
		return nil, f.broken
	}
	s := &snapshot{path: f.path, size: f.off, ids: slices.Clone(f.order)}
	for _, id := range s.ids {
		s.rem = append(s.rem, f.ids[id])
	}
	return s, nil
}

type snapshot struct {
	path string
	size int64
	ids  []string
	rem  []remembered
}

// snapHeader leads a snapshot: the requests remembered, then the file's
// first Size bytes.
type snapHeader struct {
	Size int64        `json:"size"`
	IDs  []string     `json:"ids"`
	Rem  []remembered `json:"rem"`
}

func (s *snapshot) Persist(sink raft.SnapshotSink) error {
	err := func() error {
		h := snapHeader{Size: s.size, IDs: s.ids, Rem: s.rem}
		if err := json.NewEncoder(sink).Encode(h); err != nil {
			return err
		}
		f, err := os.Open(s.path)
		if err != nil {
			return err
		}
		defer f.Close()
		n, err := io.Copy(sink, io.LimitReader(f, s.size))
		if err == nil && n != s.size {
			err = fmt.Errorf("%s is shorter (%d bytes) than its snapshot (%d)", s.path, n, s.size)
		}
		return err
	}()
	if err != nil {
		sink.Cancel()
		return err
	}
	return sink.Close()
}

func (s *snapshot) Release() {}

// Restore makes the file and state those of a snapshot: the file keeps
// what it holds if it begins with the snapshot's bytes.
func (f *fsm) Restore(rc io.ReadCloser) error {
	defer rc.Close()
	dec := json.NewDecoder(rc)
	var h snapHeader
	if err := dec.Decode(&h); err != nil {
		return fmt.Errorf("read the snapshot: %w", err)
	}
	data, err := io.ReadAll(io.MultiReader(dec.Buffered(), rc))
	if err != nil {
		return fmt.Errorf("read the snapshot: %w", err)
	}
	if len(data) > 0 && data[0] == '\n' {
		data = data[1:] // the header's newline
	}
	if int64(len(data)) != h.Size {
		return fmt.Errorf("the snapshot holds %d bytes of the session file, not %d", len(data), h.Size)
	}
	st := event.Empty()
	rep, err := journal.Scan(bytes.NewReader(data), func(e event.Event) error {
		st = event.Apply(st, e)
		return nil
	})
	if err == nil && rep.Break != nil {
		err = rep.Break
	}
	if err != nil {
		return fmt.Errorf("the snapshot's session file: %w", err)
	}
	f.mu.Lock()
	f.off = 0
	err = f.put(data)
	if err == nil {
		f.off, f.state, f.head = int64(len(data)), st, rep.Head
		f.ids, f.order = map[string]remembered{}, h.IDs
		for i, id := range h.IDs {
			if i < len(h.Rem) {
				f.ids[id] = h.Rem[i]
			}
			if i < len(h.Rem) { // applied on the others while this node was behind
				f.watch.Tell(id, session.Outcome{Events: []event.Event{{Seq: h.Rem[i].Seq}}, Err: h.Rem[i].err()})
			}
		}
		f.publish()
	} else {
		f.broken = err
		f.watch.Close()
	}
	f.mu.Unlock()
	return err
}

// publish wakes whoever waits for a change and sends the state to every
// subscriber; f.mu is held.
func (f *fsm) publish() {
	close(f.changed)
	f.changed = make(chan struct{})
	for ch := range f.subs {
		select {
		case <-ch:
		default:
		}
		ch <- f.state
	}
}

func (f *fsm) close() error {
	f.watch.Close()
	f.unlock() // before the close lets the next writer in
	return f.f.Close()
}
