// Package session is the live exercise: commands in, journaled events out.
//
// One goroutine owns the state. Commands from every view queue to it; it
// takes all that are waiting, checks each against the state as it will be
// after the ones before it, journals the resulting events with one write
// and one fsync (group commit), and only then folds them into the state,
// answers the callers and sends the new snapshot to every subscriber.
package session

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"ttx/exercise/event"
	"ttx/exercise/journal"
	"ttx/exercise/scenario"
	"ttx/exercise/session/internal/refusal"
	"ttx/exercise/session/internal/rules"
)

// Tool is written into session.opened to name the program.
var Tool = "ttx"

// Options configure a session.
type Options struct {
	// Now is the wall clock; time.Now when nil.
	Now func() time.Time
	// Auto releases injects as they fall due.
	Auto bool
	// Tick drives automatic release; a 250 ms ticker when nil.
	Tick <-chan time.Time
	// Journal options, e.g. fault injection in tests.
	Journal []journal.Option
	// RefusalWindow is how often one source's refused attempts to join
	// are journaled, with a count; DefaultRefusalWindow when zero.
	RefusalWindow time.Duration
	// Preview, for Resume, is given the state folded so far while the
	// file is read, from the goroutine that folds it: after the first
	// batch of events (256), then about every PreviewEvery (250 ms when
	// zero). Each state
	// is a Fork, which the fold going on does not change, so another
	// goroutine may draw it; no command is taken until Resume returns.
	Preview      func(st event.State)
	PreviewEvery time.Duration
}

// Session is a running exercise.
type Session struct {
	w    *journal.Writer
	now  func() time.Time
	reqs chan request
	done chan struct{}
	tick <-chan time.Time
	stop func()

	refusals *refusal.Windows // owned by the loop

	quit     chan struct{}
	quitOnce sync.Once

	mu    sync.Mutex
	state event.State
	fault error
	head  string
	// subsMu guards subs, apart from mu: telling a thousand seats of a
	// change takes a while, and no one asking for the state (the
	// facilitator's console at its tick) should wait for it.
	subsMu sync.Mutex
	subs   map[chan event.State]struct{}
}

type request struct {
	actor Actor
	cmd   Command
	close bool
	reply chan result
}

type result struct {
	ev  event.Event
	err error
}

// Create starts a new session file at path for scenario sc and opens the
// session; source names where the scenario came from.
func Create(path string, sc *scenario.Scenario, source string, by Actor, opts Options) (*Session, error) {
	o := opts.withDefaults()
	scJSON, err := json.Marshal(sc.ForJournal())
	if err != nil {
		return nil, fmt.Errorf("copy the scenario into the session file: %w", err)
	}
	w, err := journal.Create(path, o.Journal...)
	if err != nil {
		return nil, err
	}
	ev, err := event.New(event.SessionOpened, by.By(), o.Now(), 0,
		event.Opened{Scenario: scJSON, Source: source, Auto: o.Auto, Tool: Tool})
	if err != nil {
		w.Close()
		return nil, err
	}
	evs, err := w.Append(ev)
	if err != nil {
		w.Close()
		return nil, err
	}
	return start(w, event.Apply(event.Empty(), evs[0]), o), nil
}

// Resume reopens an unfinished session file, folds what it holds, and
// journals session.resumed, which leaves the clock paused where the file
// last put it, and names any torn line or tail of non-events set aside
// (where it was, its size and SHA-256, where it went). Auto release is taken from the file unless opts.Auto asks
// for it.
func Resume(path string, by Actor, opts Options) (*Session, journal.Recovery, error) {
	o := opts.withDefaults()
	// Fold on one core while the file is read, checked and hashed on the
	// other: resuming a long session is what keeps the room waiting.
	st := event.Empty()
	// Batches go back and forth between the two, so that the events of a
	// long file pass through the same few batches, not new memory each.
	const batches, batchSize = 16, 256
	evs := make(chan []event.Event, batches)
	free := make(chan []event.Event, batches+1)
	for range batches + 1 {
		free <- make([]event.Event, 0, batchSize)
	}
	folded := make(chan struct{})
	go func() {
		defer close(folded)
		preview := o.previewer()
		event.Fold(&st, func(yield func(event.Event) bool) {
			for batch := range evs {
				for _, e := range batch {
					yield(e) // Fold takes every event
				}
				preview(&st)
				clear(batch) // let the payloads go
				free <- batch[:0]
			}
		})
	}()
	batch := <-free
	var foldOnce sync.Once
	foldAll := func() {
		foldOnce.Do(func() {
			evs <- batch
			close(evs)
			<-folded
		})
	}
	// Checked once every event is folded and before the file is
	// repaired (a torn line set aside) or written: a file refused is left
	// as it was.
	check := func() error {
		foldAll()
		switch {
		case st.Scenario == nil:
			return fmt.Errorf("%s: the session.opened event is not readable (%v)", path, st.Anomalies)
		case len(st.Unknown) > 0:
			return rules.Unknown(path, st.Unknown)
		}
		return nil
	}
	w, rec, err := journal.OpenEach(path, func(e event.Event) {
		if batch = append(batch, e); len(batch) == cap(batch) {
			evs <- batch
			batch = <-free
		}
	}, append(slices.Clip(o.Journal), journal.WithCheck(check))...)
	foldAll()
	if err != nil {
		return nil, rec, err
	}
	data := event.Resumed{}
	if rec.TornFile != "" {
		t := rec.Report.Torn
		data.TornBytes, data.TornFile, data.TornOffset, data.TornSHA256 = t.Size, rec.TornFile, t.Offset, rec.TornSum
	}
	if rec.TailFile != "" {
		t := rec.Report.Tail
		data.TailFile, data.TailOffset, data.TailBytes, data.TailSHA256 = rec.TailFile, t.Offset, t.Size, rec.TailSum
		data.TailLines = [2]int{t.Line, t.Line + t.Lines - 1}
	}
	ev, err := event.New(event.SessionResumed, by.By(), o.Now(), st.LastT, data)
	if err != nil {
		w.Close()
		return nil, rec, err
	}
	out, err := w.Append(ev)
	if err != nil {
		w.Close()
		return nil, rec, err
	}
	st = event.Apply(st, out[0])
	o.Auto = o.Auto || st.Auto
	st.Auto = o.Auto
	return start(w, st, o), rec, nil
}

// previewer returns what the fold calls after each batch: it hands
// Preview a Fork of the state after the first batch, then about every
// PreviewEvery.
func (o Options) previewer() func(st *event.State) {
	if o.Preview == nil {
		return func(*event.State) {}
	}
	every := o.PreviewEvery
	if every <= 0 {
		every = 250 * time.Millisecond
	}
	var last time.Time
	return func(st *event.State) {
		if now := time.Now(); st.Scenario != nil && now.Sub(last) >= every {
			last = now
			o.Preview(st.Fork())
		}
	}
}

func (o Options) withDefaults() Options {
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

func start(w *journal.Writer, st event.State, o Options) *Session {
	s := &Session{
		w: w, now: o.Now, state: st,
		reqs: make(chan request, 64),
		done: make(chan struct{}),
		quit: make(chan struct{}),
		subs: map[chan event.State]struct{}{},
		stop: func() {},

		refusals: refusal.New(o.RefusalWindow),
	}
	if o.Auto {
		s.tick = o.Tick
		if s.tick == nil {
			t := time.NewTicker(250 * time.Millisecond)
			s.tick, s.stop = t.C, t.Stop
		}
	}
	go s.loop()
	return s
}

// Path returns the session file's path.
func (s *Session) Path() string { return s.w.Path() }

// State returns the latest state.
func (s *Session) State() event.State {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state
}

// Fault returns the last error from work the session did on its own (auto
// release), or nil once a later write succeeded.
func (s *Session) Fault() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.fault
}

// Subscribe returns a channel that receives the new state after every
// change (only the latest, if the reader is slow), and a function to stop,
// which closes the channel.
func (s *Session) Subscribe() (<-chan event.State, func()) {
	ch := make(chan event.State, 1)
	s.subsMu.Lock()
	s.subs[ch] = struct{}{}
	s.subsMu.Unlock()
	// The channel is closed when the subscription ends, so that whoever
	// waits on it is let go (with all it holds) instead of waiting for
	// ever; a snapshot is sent only under s.subsMu, never to a closed one.
	return ch, func() {
		s.subsMu.Lock()
		defer s.subsMu.Unlock()
		if _, ok := s.subs[ch]; ok {
			delete(s.subs, ch)
			close(ch)
		}
	}
}

// Do carries out a command for actor a. It returns the journaled event
// once it is durable on disk, or why the command was refused or could not
// be saved; then nothing changed.
func (s *Session) Do(a Actor, c Command) (event.Event, error) {
	return s.send(request{actor: a, cmd: c})
}

// Close journals session.closed and stops the session. It returns the
// final hash: the SHA-256 of the last line, which covers the whole file.
func (s *Session) Close(a Actor) (string, error) {
	if _, err := s.send(request{actor: a, close: true}); err != nil {
		return "", err
	}
	<-s.done
	return s.head, s.w.Close()
}

// Abandon stops the session without closing it, as a crash would; the
// file can be resumed. It is for tests and for a console that cannot go on.
func (s *Session) Abandon() error {
	s.quitOnce.Do(func() { close(s.quit) })
	<-s.done
	return s.w.Close()
}

func (s *Session) send(r request) (event.Event, error) {
	r.reply = make(chan result, 1)
	select {
	case s.reqs <- r:
	case <-s.done:
		return event.Event{}, ErrClosed
	}
	select {
	case res := <-r.reply:
		return res.ev, res.err
	case <-s.done:
		// The loop answers every request it takes before it stops.
		select {
		case res := <-r.reply:
			return res.ev, res.err
		default:
			return event.Event{}, ErrClosed
		}
	}
}

// maxBatch bounds how many waiting commands share one fsync.
const maxBatch = 256

func (s *Session) loop() {
	defer close(s.done)
	defer s.stop()
	for {
		select {
		case <-s.quit:
			return
		case r := <-s.reqs:
			batch := []request{r}
		drain:
			for len(batch) < maxBatch {
				select {
				case r := <-s.reqs:
					batch = append(batch, r)
				default:
					break drain
				}
			}
			if s.commit(batch) {
				return
			}
		case <-s.tick:
			s.autoRelease()
		case <-s.refusals.Due:
			s.flushRefusals()
		}
	}
}

// commit checks, journals and applies a batch; it reports whether the
// session closed.
func (s *Session) commit(batch []request) (closed bool) {
	now := s.now()
	st := s.State()
	var (
		evs     []event.Event
		owners  []int // batch index of each event
		replies = make([]result, len(batch))
	)
	for i, r := range batch {
		if st.Closed {
			replies[i].err = ErrClosed
			continue
		}
		if r.close { // the counts of refused attempts go in before the end
			for _, ev := range refusalEvents(st, s.refusals.Flush(now, true), now) {
				ev.Seq = st.Seq + 1
				st = event.Apply(st, ev)
				evs, owners = append(evs, ev), append(owners, -1)
			}
		}
		ev, err := s.build(&st, r, now)
		if errors.Is(err, errCounted) {
			continue // counted, to be journaled with its window
		}
		if err != nil {
			replies[i].err = err
			continue
		}
		ev.Seq = st.Seq + 1
		st = event.Apply(st, ev)
		evs, owners = append(evs, ev), append(owners, i)
		if rel, ok := Follows(&st, r.actor, ev); ok {
			rel.Seq = st.Seq + 1
			st = event.Apply(st, rel)
			evs, owners = append(evs, rel), append(owners, i)
		}
	}
	saved := false
	if len(evs) > 0 {
		written, err := s.w.Append(evs...)
		if err != nil {
			err = &NotSavedError{Err: err}
			for _, i := range owners {
				if i >= 0 {
					replies[i].err = err
				}
			}
		} else {
			for k, i := range owners {
				if i >= 0 {
					replies[i].ev = written[k]
				}
			}
			s.mu.Lock()
			s.state, s.fault, saved = st, nil, true
			s.mu.Unlock()
			if st.Closed {
				s.head = s.w.Head()
			}
		}
	}
	// Those who asked are answered before the subscribers are told:
	// telling a thousand seats was most of what the session's goroutine
	// did, and no one who asked should wait for it.
	for i, r := range batch {
		r.reply <- replies[i]
	}
	if saved {
		s.publish(st, nil)
	}
	s.refusals.Arm(now)
	return s.State().Closed
}

func (s *Session) build(st *event.State, r request, now time.Time) (event.Event, error) {
	if r.close {
		return CheckClose(st, r.actor, now)
	}
	if c, ok := r.cmd.(RefuseAccess); ok && r.actor == SystemSSH {
		d, write := s.refusals.Note(refusal.Attempt(c), now)
		if !write {
			return event.Event{}, errCounted
		}
		return event.New(event.AccessRefused, r.actor.By(), now, st.Clock.At(now), d)
	}
	return Check(st, r.actor, r.cmd, now)
}

// AutoActor is who releases injects as they fall due.
var AutoActor = Actor{Role: "system", Name: "auto-release"}

func (s *Session) autoRelease() {
	evs, st := DueReleases(s.State(), s.now())
	if len(evs) == 0 {
		return
	}
	if _, err := s.w.Append(evs...); err != nil {
		s.mu.Lock()
		s.fault = &NotSavedError{Err: fmt.Errorf("automatic release failed, will retry: %w", err)}
		s.mu.Unlock()
		return
	}
	s.publish(st, nil)
}

// publish makes st the current state and sends it to every subscriber.
func (s *Session) publish(st event.State, fault error) {
	s.mu.Lock()
	s.state, s.fault = st, fault
	s.mu.Unlock()
	// A subscriber that joins now either is sent st or finds it as the
	// state; only the session's goroutine publishes, so the sends keep
	// the states' order.
	s.subsMu.Lock()
	defer s.subsMu.Unlock()
	for ch := range s.subs {
		select {
		case <-ch:
		default:
		}
		ch <- st
	}
}
