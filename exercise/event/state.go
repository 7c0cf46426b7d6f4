package event

import (
	"cmp"
	"slices"
	"time"

	"ttx/exercise/clock"
	"ttx/exercise/event/internal/injects"
	"ttx/exercise/event/internal/store"
	"ttx/exercise/scenario"
)

// State is everything known about a session after folding its events.
// It is rebuilt from the journal alone; nothing else is kept.
//
// Fold never changes data a State shares with an earlier State except by
// appending past its length, so a snapshot handed to a view stays valid
// while the session goes on. A State that has been folded further must not
// be folded a second time along another path: fold from a Fork instead.
type State struct {
	Scenario *scenario.Scenario
	// Source is where the scenario came from.
	Source string
	// Auto is true when injects are released as they fall due.
	Auto bool
	// Opened is the wall time of session.opened; OpenedBy who opened it.
	Opened   time.Time
	OpenedBy string
	// Seq is the seq of the last event applied, -1 before any.
	Seq int64
	// Shared is the seq of the last event that any seat may be shown: every
	// event but those kept to a team and the controllers (decisions,
	// requests for information and their answers) or to the controllers
	// alone (notes, observations, who joined or left, roster additions,
	// refused connections); see SharedType. -1 before any.
	Shared int64
	// LastAt and LastT are the wall and exercise time of the last event.
	LastAt time.Time
	LastT  time.Duration
	// Clock is the exercise clock.
	Clock clock.Clock
	// Injects is parallel to Scenario.Injects.
	Injects Injects
	// Choices maps a branch id to the chosen option id.
	Choices map[string]string
	// Decisions, Requests, Notes and Observations are in journal order.
	// Decisions are kept compactly (Entries); the others, which a
	// session has far fewer of, as slices.
	Decisions    Entries
	Requests     []Entry
	Notes        []Entry
	Observations []Entry
	// Replies answer requests for information.
	Replies []Reply
	// Fixes are the corrections of entries (decision.amended,
	// decision.struck), in journal order; FixesOf lists an entry's.
	Fixes []Fix
	// Resumes counts the times the session was reopened after a stop.
	Resumes int
	// Roster is who may join: the scenario's roster and those added since.
	Roster []Person
	// Seats counts open connections by person name.
	Seats map[string]int
	// Refusals counts refused attempts to join: the counts of the
	// access.refused events.
	Refusals int
	// InputPaused is true while the facilitator holds participants' input.
	InputPaused bool
	// Broadcasts are the facilitator's messages to every seat.
	Broadcasts []Entry
	// Claims are the claims of requests for information and their giving
	// back (request.claimed, request.unclaimed), in journal order; ClaimOf
	// says who holds a request.
	Claims []Claim
	// Lead is the lead controller as "role:name" once the lead was handed
	// over (lead.handed); "" before: whoever opened the session and any
	// roster controller marked lead (see IsLead).
	Lead string
	// Left is the seq of each person's last participant.left: where the
	// digest of what they missed starts (Since).
	Left map[string]int64
	// Unknown keeps events of types this version does not know.
	Unknown []Event
	// Anomalies lists events that could not be applied, with why.
	Anomalies []string
	// Closed is true after session.closed.
	Closed bool

	folding *folding // the Fold running on this state, nil between folds
}

// InjectState is what has happened to one inject (see injects.State
// for its fields).
type InjectState = injects.State

// Person is one roster entry as the session knows it: join codes only as
// their stored hash (joincode.Hash, or the SHA-256 form of older files).
type Person struct {
	Name, Team, Role string
	Keys             []string
	CodeHash         string
	// Lead, Teams, Injects and Plays are the control cell's: see
	// scenario.Person.
	Lead                  bool
	Teams, Injects, Plays []string
}

// Entry is a decision, request for information, note or observation as the
// state holds it (see store.Entry for its fields).
type Entry = store.Entry

// Entries is a list of entries in journal order, kept compactly: the
// state's decisions, of which a long session has millions (see
// store.Entries). Append returns the longer list and leaves every list
// sharing its entries as it was.
type Entries = store.Entries

// EntriesOf returns list, a list kept as a slice, as Entries, without
// copying it.
func EntriesOf(list []Entry) Entries { return store.EntriesOf(list) }

// Fix is a correction as the state holds it: the entry it corrects (Of,
// the seq of the event that recorded it) amended or struck through by the
// event Seq.
type Fix struct {
	Seq int64
	At  time.Time
	T   time.Duration
	By  string
	// Struck is true for decision.struck: the entry is struck through;
	// false for decision.amended: Text (and Rationale, Stage when given)
	// replace the entry's.
	Struck bool
	Of     int64
	Text   string
	// Rationale and Stage replace the entry's when not empty.
	Rationale, Stage string
	Reason           string
}

// Reply is the answer to a request for information.
type Reply struct {
	// Request is the seq of the request.recorded event.
	Request int64
	Seq     int64
	T       time.Duration
	By      string
	Text    string
	// As is the simulated organisation that answered, if any.
	As string
}

// AnswerTo returns the reply to the request with seq, if there is one.
// Replies are kept apart from requests, which only grow, so that a reply
// never rewrites a list every snapshot shares.
func (s *State) AnswerTo(request int64) (Reply, bool) {
	for i := len(s.Replies) - 1; i >= 0; i-- {
		if s.Replies[i].Request == request {
			return s.Replies[i], true
		}
	}
	return Reply{}, false
}

// Recorded returns the decision, request, note or observation that the
// event seq recorded, or nil. The lists are in seq order.
func (s *State) Recorded(seq int64) *Entry {
	if e, ok := s.Decisions.Find(seq); ok {
		return &e
	}
	for _, list := range [][]Entry{s.Requests, s.Notes, s.Observations} {
		i, ok := slices.BinarySearchFunc(list, seq, func(e Entry, seq int64) int { return cmp.Compare(e.Seq, seq) })
		if ok {
			return &list[i]
		}
	}
	return nil
}

// FixesOf returns the corrections of the entry recorded by the event seq,
// in journal order.
func (s *State) FixesOf(seq int64) []Fix {
	var fs []Fix
	for _, f := range s.Fixes {
		if f.Of == seq {
			fs = append(fs, f)
		}
	}
	return fs
}

// IndexFixes returns the corrections by the entry they correct, each
// entry's in journal order: for a view that looks up many entries, once,
// instead of FixesOf for each.
func IndexFixes(fixes []Fix) map[int64][]Fix {
	idx := make(map[int64][]Fix, len(fixes))
	for _, f := range fixes {
		idx[f.Of] = append(idx[f.Of], f)
	}
	return idx
}

// Corrected is the entry e as its corrections leave it: the words,
// rationale and stage of the last amendment before any strike, and the
// strike that struck it through (nil if none). e itself, the original, is
// unchanged.
func Corrected(e Entry, fixes []Fix) (now Entry, struck *Fix) {
	now = e
	for i := range fixes {
		f := &fixes[i]
		if f.Of != e.Seq {
			continue
		}
		if f.Struck {
			// Struck out: what a file says after that changes nothing
			// (a session refuses it).
			return now, f
		}
		now.Text = f.Text
		if f.Rationale != "" {
			now.Rationale = f.Rationale
		}
		if f.Stage != "" {
			now.Stage = f.Stage
		}
	}
	return now, struck
}

// Status is what an inject is waiting for or what became of it.
type Status int

// Inject statuses, as shown on the console's timeline.
const (
	Pending     Status = iota // scheduled, not yet due
	Due                       // its time has come; waiting for release
	Released                  // sent to its recipients
	Skipped                   // will not be sent
	Delayed                   // pending, with a delay added
	Held                      // held back by the facilitator
	Contingency               // no scheduled time; released by hand
	Waiting                   // requires a branch option not yet chosen
	OffBranch                 // requires an option that was not chosen
)

var statusNames = [...]string{"pending", "due", "released", "skipped", "delayed", "held", "contingency", "waiting", "off-branch"}

// String names the status.
func (s Status) String() string { return statusNames[s] }

// Person returns the roster entry called name, or nil.
func (s *State) Person(name string) *Person {
	for i := range s.Roster {
		if s.Roster[i].Name == name {
			return &s.Roster[i]
		}
	}
	return nil
}

// Empty returns the state before any event.
func Empty() State { return State{Seq: -1, Shared: -1, Clock: clock.New(0)} }

// Now returns the exercise time at wall time now.
func (s *State) Now(now time.Time) time.Duration { return s.Clock.At(now) }

// DueAt returns when inject i falls due (scheduled time plus delays), and
// false for a contingency inject.
func (s *State) DueAt(i int) (time.Duration, bool) {
	at, ok := s.Scenario.Injects[i].Offset()
	return at + s.Injects.Peek(i).Delay, ok
}

// Status returns inject i's status at exercise time t.
func (s *State) Status(i int, t time.Duration) Status {
	is := s.Injects.Peek(i)
	switch {
	case is.Released:
		return Released
	case is.Skipped:
		return Skipped
	case is.Held:
		return Held
	}
	in := &s.Scenario.Injects[i]
	for _, r := range in.Requires {
		b, o := scenario.RequiredOption(r)
		chosen, ok := s.Choices[b]
		switch {
		case !ok:
			return Waiting
		case chosen != o:
			return OffBranch
		}
	}
	due, timed := s.DueAt(i)
	switch {
	case !timed:
		return Contingency
	case due <= t:
		return Due
	case is.Delay > 0:
		return Delayed
	}
	return Pending
}

// NextDue returns the index of the next inject to fall due after t (not
// yet due, on the chosen branches, not held), or -1.
func (s *State) NextDue(t time.Duration) int {
	best := -1
	var bestAt time.Duration
	for i := range s.Injects.Len() {
		st := s.Status(i, t)
		if st != Pending && st != Delayed {
			continue
		}
		at, _ := s.DueAt(i)
		if best < 0 || at < bestAt {
			best, bestAt = i, at
		}
	}
	return best
}

// LastDecisionsFor returns the last n decisions that answer inject id, in
// journal order, and how many answer it in all. At national scale one
// inject can draw tens of thousands; a view shows the latest.
func (s *State) LastDecisionsFor(id string, n int) (last []Entry, total int) {
	return s.Decisions.LastFor(id, n)
}

// MinDecisionLine is about the fewest bytes a decision line ttx writes
// takes (the envelope with its hash, role:name, a team and a text), so a
// file of n bytes holds about n/MinDecisionLine decisions at most.
const MinDecisionLine = 200

// Fork returns a copy of s that can be folded along its own path without
// disturbing s or any state sharing its data, and that folding s further
// does not disturb: a checkpoint, taken while s is folded or after. It
// copies nothing: the lists that only grow are capped at their length, so
// the fork's first append reallocates (Decisions, Entries, see to that
// themselves), and a Fold running on s copies again what it would
// otherwise have changed in place.
func (s *State) Fork() State {
	if s.folding != nil {
		s.folding.owned.Clear()
	}
	f := *s
	f.folding = nil
	f.Requests = slices.Clip(s.Requests)
	f.Notes = slices.Clip(s.Notes)
	f.Observations = slices.Clip(s.Observations)
	f.Replies = slices.Clip(s.Replies)
	f.Unknown = slices.Clip(s.Unknown)
	f.Anomalies = slices.Clip(s.Anomalies)
	f.Roster = slices.Clip(s.Roster)
	f.Broadcasts = slices.Clip(s.Broadcasts)
	f.Fixes = slices.Clip(s.Fixes)
	f.Claims = slices.Clip(s.Claims)
	return f
}

// NewerRelease orders released injects x and y newest release first: by
// exercise time, and those released at one instant by the order the
// session file holds their releases in, so that the order is total and
// the inject released last is always first.
func (s *State) NewerRelease(x, y int) int {
	a, b := s.Injects.Peek(x), s.Injects.Peek(y)
	if c := cmp.Compare(b.ReleasedT, a.ReleasedT); c != 0 {
		return c
	}
	return cmp.Compare(b.ReleasedSeq, a.ReleasedSeq)
}
