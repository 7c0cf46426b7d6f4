package pane

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/ui/internal/draw"
	"ttx/ui/pane/internal/fixes"
	"ttx/ui/pane/internal/words"
	"ttx/ui/theme"
)

// maxEntryLines caps how many lines of one entry's text the feed shows.
const maxEntryLines = 3

// Feed lists decisions, requests for information, notes, observations and events of
// unknown types, newest first. It merges and filters lazily, only as far as
// the screen needs, so a session of a hundred thousand decisions draws as
// fast as one of ten.
type Feed struct {
	st        *theme.Styles
	keys      *theme.NavKeys
	w, h      int
	focused   bool
	state     event.State
	unknown   []event.Entry
	keep      func(event.Entry) bool
	keepTitle string
	offset    int // kept entries above the first visible one
	empty     string
	frame     FrameCache
	kept      keptCount
	text      string // the entries as last drawn
	textOf    textKey
	// The entries' lines as last drawn, and room for the next drawing's:
	// a new decision moves the others down the feed without changing them.
	drawn, spare []drawnEntry
	rows         []string
	// With catchUp set, entries that arrive together, more than the feed
	// shows at once, are drawn a screenful at a time from the oldest, so
	// that each is on screen once: unseen is how many of the newest were
	// never on screen, fit how many whole entries the last drawing held,
	// region how many newer ones the last drawing of unseen ones left
	// above them (-1 for none: nothing waits for Seen), and arrived how
	// many arrived since that drawing.
	shared           *EntryLines
	catchUp, started bool
	unseen, fit      int
	full             bool // the last drawing filled the feed
	region, arrived  int
	// marks counts the drawings of unseen entries that set region
	// (Marks), seen the entries Seen counted seen (SeenCount).
	marks, seen uint64
}

// drawnEntry is an entry's lines as the feed drew them, and what they
// depend on.
type drawnEntry struct {
	key   entryKey
	lines []string
}

// entryKey is what an entry's lines depend on: the event (its sequence
// number names it), the width, the reply to a request (-1 for none), its
// corrections (how many, and the seq of the last: they only grow), and the
// scenario's team names.
type entryKey struct {
	seq, reply int64
	fixes      int
	lastFix    int64
	w          int
	scenario   *scenario.Scenario
}

// keptCount is how many entries the filter kept when the lists were as
// long as lens, the last of each having sequence number last. A filtered
// feed's title says how many it keeps, and counting the whole session
// again on every redraw was most of a seat's redraw at 100,000 decisions:
// the lists only ever grow, so only what is new is counted. gen changes
// whenever counting starts again from nothing, so that the same count with
// the same gen means the same entries kept.
type keptCount struct {
	n     int
	lens  [feedLists]int
	last  [feedLists]int64
	valid bool
	gen   int
}

// textKey is everything the feed's text depends on. The text is kept
// while the key is the same: a seat redraws every second for its clock,
// and a participant whose team has said little in a long session would
// otherwise look back through the whole session each time to fill the
// feed.
type textKey struct {
	kept, gen, replies, fixes int
	offset, w, h              int
	scenario                  *scenario.Scenario
	empty                     string
}

// feedLists is how many lists the feed merges.
const feedLists = 5

// NewFeed returns an empty decision feed pane; empty is what it says when
// there is nothing to show.
func NewFeed(st *theme.Styles, keys *theme.NavKeys, empty string) *Feed {
	return &Feed{st: st, keys: keys, empty: empty}
}

// SetState takes a new snapshot. A reader scrolled down the feed keeps
// their place: the entries that arrive (on top, as the newest) move it
// down by as many as the feed keeps of them, however many come at once.
func (f *Feed) SetState(s event.State) {
	before, gen := -1, 0
	if f.offset > 0 || f.catchUp {
		before = f.count()
		gen = f.kept.gen
	}
	f.state = s
	if len(s.Unknown) != len(f.unknown) {
		f.unknown = f.unknown[:0]
		for _, e := range s.Unknown {
			f.unknown = append(f.unknown, event.Entry{Seq: e.Seq, At: e.At, T: e.T, By: e.By, Kind: e.Type, Text: string(e.Data)})
		}
	}
	if before >= 0 {
		n := f.count()
		switch {
		case f.kept.gen != gen || !f.started:
			f.unseen = 0 // what was there before the seat's first look is not news
		case f.offset == 0:
			f.unseen += max(n-before, 0)
			f.arrived += max(n-before, 0)
		}
		if f.offset > 0 && f.kept.gen == gen {
			f.offset += max(n-before, 0)
		} else if f.offset > 0 {
			f.offset = min(f.offset, max(n-1, 0)) // another session: no place to keep
		}
	}
	f.started = true
}

// SetCatchUp makes the feed draw every entry at least once when more
// arrive together than it shows: a seat whose person must see every
// decision sets it. Each drawing then shows the oldest entries not yet
// drawn, until Behind reports none is left; the seat draws again, for the
// next frame, while it does.
func (f *Feed) SetCatchUp(on bool) { f.catchUp, f.unseen, f.region = on, 0, -1 }

// Marks counts the drawings of entries never shown that moved the feed
// on: a drawing that leaves it the same as before it showed the same
// entries as the last (drawn again for a new state or a tick), and one
// that changes it showed others, which Seen will count seen. A seat must
// hand such a drawing to its painter as a page, to be painted whatever
// comes after, even while it waits to hear that its last page is on
// screen: a new layout (the evaluator's MSEL grew) draws the feed anew.
func (f *Feed) Marks() uint64 { return f.marks }

// Behind reports whether the feed's last drawing showed entries it had
// never shown: the seat should call Seen once that drawing is on screen,
// or bound to be (its painter holds it as a page), and draw again. A feed
// hidden behind a form draws nothing, and is not behind.
func (f *Feed) Behind() bool { return f.catchUp && f.region >= 0 }

// Seen tells the feed that its drawing of entries it had never shown is
// on screen, or bound to be (every drawing since shows them too): the
// next shows the next ones.
func (f *Feed) Seen() {
	if f.region >= 0 {
		n := min(f.unseen, f.region+f.arrived)
		f.seen += uint64(f.unseen - n)
		f.unseen, f.region = n, -1
	}
}

// SeenCount counts the entries Seen has counted seen so far.
func (f *Feed) SeenCount() uint64 { return f.seen }

// Unsee takes back what Seen counted seen since SeenCount was n: those
// entries, the oldest it had counted, are unseen again, and the next
// drawing shows them (a seat whose painter dropped the pages that showed
// them, drawn for a terminal size that has gone).
func (f *Feed) Unsee(n uint64) {
	if n < f.seen {
		f.unseen = min(f.unseen+int(f.seen-n), f.count())
		f.seen = n
	}
	f.region = -1
}

// SetEmpty sets what the feed says when it keeps no entry (a filter that
// matches nothing says so, rather than that nothing was said).
func (f *Feed) SetEmpty(empty string) { f.empty = empty }

// SetFilter shows only the entries keep accepts (all when nil), under the
// title given, which is followed by how many entries it keeps.
func (f *Feed) SetFilter(keep func(event.Entry) bool, title string) {
	f.keep, f.keepTitle, f.offset = keep, title, 0
	f.kept.valid = false
	// A drawing waiting for Seen was of other entries, and what was
	// unseen was counted by the old filter: the new one starts afresh,
	// as a seat's first look does.
	f.region, f.unseen = -1, 0
}

func (f *Feed) lists() [feedLists]event.Entries {
	s := &f.state
	return [feedLists]event.Entries{s.Decisions, event.EntriesOf(s.Requests), event.EntriesOf(s.Notes), event.EntriesOf(s.Observations), event.EntriesOf(f.unknown)}
}

// each calls fn with the kept entries, newest first, until fn returns false.
func (f *Feed) each(fn func(event.Entry) bool) {
	lists := f.lists()
	var idx [feedLists]int
	for i, l := range lists {
		idx[i] = l.Len() - 1
	}
	for {
		best := -1
		for i, l := range lists {
			if idx[i] >= 0 && (best < 0 || l.Seq(idx[i]) > lists[best].Seq(idx[best])) {
				best = i
			}
		}
		if best < 0 {
			return
		}
		e := lists[best].At(idx[best])
		idx[best]--
		if f.keep != nil && !f.keep(e) {
			continue
		}
		if !fn(e) {
			return
		}
	}
}

// count returns how many entries the filter keeps (all, with none),
// counting only the entries added since it last counted when the lists it
// counted are still there, as they were, at the start of the new ones.
func (f *Feed) count() int {
	lists, k := f.lists(), &f.kept
	for i, l := range lists {
		if !k.valid || l.Len() < k.lens[i] || k.lens[i] > 0 && l.Seq(k.lens[i]-1) != k.last[i] {
			*k = keptCount{valid: true, gen: k.gen + 1}
			break
		}
	}
	for i, l := range lists {
		if f.keep == nil {
			k.n += l.Len() - k.lens[i]
		} else {
			for _, e := range l.From(k.lens[i]).All() {
				if f.keep(e) {
					k.n++
				}
			}
		}
		k.lens[i] = l.Len()
		if l.Len() > 0 {
			k.last[i] = l.Seq(l.Len() - 1)
		}
	}
	return k.n
}

// SetSize sets the inner size. A drawing of unseen entries waiting for
// Seen is forgotten at a new size (fewer may fit whole): the next
// drawing shows the oldest unseen again.
func (f *Feed) SetSize(w, h int) {
	if w != f.w || h != f.h {
		f.region = -1
	}
	f.w, f.h = w, h
}

// Focus gives the pane the keyboard.
func (f *Feed) Focus() { f.focused = true }

// Blur takes the keyboard away.
func (f *Feed) Blur() { f.focused = false }

// Help lists the pane's keys.
func (f *Feed) Help() []key.Binding { return []key.Binding{f.keys.Up, f.keys.Down, f.keys.Top} }

// Update scrolls by entry.
func (f *Feed) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	f.region = -1 // the reader moves: what was drawn may not be on screen
	switch {
	case key.Matches(k, f.keys.Up):
		f.offset--
	case key.Matches(k, f.keys.Down):
		f.offset++
	case key.Matches(k, f.keys.PageUp):
		f.offset -= max(f.h/2, 1)
	case key.Matches(k, f.keys.PageDown):
		f.offset += max(f.h/2, 1)
	case key.Matches(k, f.keys.Top):
		f.offset = 0
	case key.Matches(k, f.keys.Bottom):
		f.offset = f.count() - 1
	}
	if f.offset > 0 {
		f.offset = min(f.offset, max(f.count()-1, 0))
	}
	f.offset = max(f.offset, 0)
	return nil
}

// View draws only the entries that fit.
func (f *Feed) View() string {
	if f.keep != nil {
		// A filtered feed counts only what it may show: a participant must
		// not learn even how many decisions other teams made.
		return f.frame.Frame(f.st, f.keepTitle+" · "+strconv.Itoa(f.count()), f.body(), f.w+2, f.h+2, f.focused)
	}
	title := fmt.Sprintf("Decisions · %d", f.state.Decisions.Len())
	if n := len(f.state.Requests); n > 0 {
		title += " · " + Plural(n, "request")
	}
	if n := len(f.state.Notes); n > 0 {
		title += " · " + Plural(n, "note")
	}
	if n := len(f.state.Observations); n > 0 {
		title += " · " + Plural(n, "observation")
	}
	if n := len(f.state.Unknown); n > 0 {
		title += " · " + Plural(n, "unknown event")
	}
	if f.offset > 0 {
		title += fmt.Sprintf(" · %d newer above", f.offset)
	}
	return f.frame.Frame(f.st, title, f.body(), f.w+2, f.h+2, f.focused)
}

// body draws the entries that fit, or returns them as last drawn when
// nothing they depend on changed.
func (f *Feed) body() string {
	catching := f.catchUp && f.offset == 0 && f.unseen > 0
	if catching && f.region >= 0 {
		// A drawing of unseen entries waits for Seen: drawn again before
		// that (a new state, a tick), the feed shows the same entries,
		// those that arrived since above them, and its mark stays where
		// that drawing left it. A seat paints every drawing it hands over
		// as a page, but not every frame: one drawn meanwhile may be
		// replaced unpainted, and had it moved the mark, Seen would count
		// entries seen that no terminal showed.
		return f.textAt(f.region + f.arrived)
	}
	skip := f.offset
	if fit := f.fit; catching {
		if !f.full {
			fit = max(f.h-1, 1) // the last drawing ran out of entries: as many as rows, at most
		}
		if fit > 0 && f.unseen > fit {
			skip = f.unseen - fit // as many as fitted the last time
		}
	}
	// Catching up, the oldest unseen entry must be among those drawn
	// whole: if fewer fit than the last time (entries are of different
	// heights), the feed moves down until it is, and after two tries puts
	// it on top. An entry too tall to fit whole even there is shown as far
	// as the feed goes, and counts as drawn: it can be shown no better,
	// and the entries after it are still to catch up.
	for try := 0; ; try++ {
		f.textAt(skip)
		shown := max(f.fit, 1)
		if !catching || skip+shown >= f.unseen {
			break
		}
		if skip = f.unseen - shown; try == 2 {
			skip = f.unseen - 1
		}
	}
	if catching {
		// Those drawn are seen once on screen (Seen); the newer ones
		// above them are not.
		f.region, f.arrived = skip, 0
		f.marks++
	}
	return f.text
}

// textKey is what the text drawn below the first skip entries depends on.
func (f *Feed) textKey(skip int) textKey {
	return textKey{kept: f.count(), gen: f.kept.gen, replies: len(f.state.Replies), fixes: len(f.state.Fixes),
		offset: skip, w: f.w, h: f.h, scenario: f.state.Scenario, empty: f.empty}
}

// textAt returns the entries below the first skip as drawn, drawing
// them again if anything they depend on changed.
func (f *Feed) textAt(skip int) string {
	if key := f.textKey(skip); key != f.textOf {
		f.text, f.textOf = f.draw(skip), key
	}
	return f.text
}

// draw draws the entries that fit below the first skip, and notes how
// many fit whole.
func (f *Feed) draw(skip int) string {
	rows := max(f.h-1, 1)
	lines := f.rows[:0]
	next := f.spare[:0]
	f.fit = 0
	f.each(func(e event.Entry) bool {
		if skip > 0 {
			skip--
			return true
		}
		answer, answered := event.Reply{}, false
		if e.Kind == event.RequestRecorded {
			answer, answered = f.state.AnswerTo(e.Seq)
		}
		d := drawnEntry{key: entryKey{seq: e.Seq, reply: -1, w: f.w, scenario: f.state.Scenario}}
		if answered {
			d.key.reply = answer.Seq
		}
		var fixed []event.Fix
		if len(f.state.Fixes) > 0 {
			fixed = f.state.FixesOf(e.Seq)
		}
		if n := len(fixed); n > 0 {
			d.key.fixes, d.key.lastFix = n, fixed[n-1].Seq
		}
		if i := slices.IndexFunc(f.drawn, func(o drawnEntry) bool { return o.key == d.key }); i >= 0 {
			d.lines = f.drawn[i].lines
		} else if l, ok := f.shared.lookup(d.key); ok {
			d.lines = l
		} else {
			d.lines = f.entry(e, answer, answered, fixed)
			f.shared.keep(d.key, d.lines)
		}
		next = append(next, d)
		lines = append(lines, d.lines...)
		if len(lines) <= rows {
			f.fit++
		}
		return len(lines) < rows
	})
	f.drawn, f.spare = next, f.drawn
	f.full = len(lines) >= rows
	if len(lines) == 0 {
		lines = append(lines, f.st.Dim.Render(f.empty))
	}
	if len(lines) > rows {
		lines = lines[:rows]
	}
	f.rows = lines
	return strings.Join(lines, "\n")
}

// entry draws e, with the answer to it if it is an answered request, as
// its corrections fixed leave it.
func (f *Feed) entry(e event.Entry, answer event.Reply, answered bool, fixed []event.Fix) []string {
	sc := f.state.Scenario
	head := f.st.Dim.Render("#"+strconv.FormatInt(e.Seq, 10)) + " " + clock.Format(e.T) + " "
	switch e.Kind {
	case event.DecisionRecorded:
		if e.Action {
			head += "ACTION "
		}
	case event.RequestRecorded:
		head += "RFI "
	case event.NoteRecorded:
		head += "NOTE "
	case event.ObservationRecorded:
		head += "OBS "
		if e.Rating != "" {
			head += "[" + e.Rating + "] "
		}
		if e.Objective != "" {
			head += e.Objective + " "
		}
		if e.Target != "" {
			head += "› " + e.Target + " "
		}
		if e.Task != "" {
			head += "› " + e.Task + " "
		}
		switch e.Finding {
		case event.Strength:
			head += "strength "
		case event.Improvement:
			head += "area for improvement "
		}
	default: // an event type this version does not know, shown raw
		head += "RAW " + e.Kind + " "
	}
	if e.Team != "" {
		head += f.st.Team.Render(TeamName(sc, e.Team))
	} else {
		head += f.st.Team.Render(ByName(e.By))
	}
	if e.Who != "" {
		head += " (" + e.Who + ")"
	}
	if e.Inject != "" {
		head += f.st.Dim.Render(" ↳ " + e.Inject)
	}
	if answered {
		head += f.st.Dim.Render(" · answered")
	}
	now, struck := event.Corrected(e, fixed)
	if len(fixed) > 0 {
		head += f.st.Dim.Render(" · " + fixes.Word(fixed, struck))
	}
	out := []string{draw.Truncate(head, f.w)}
	body := draw.Wrap(now.Text, max(f.w-2, 10))
	more := ""
	if len(body) > maxEntryLines {
		// The last line shown, cut to leave room for saying how many
		// more there are: a line wider than the feed would wrap in its
		// box and push the entries below it out of sight.
		more = fmt.Sprintf(" (+%d lines)", len(body)-maxEntryLines+1)
		body = append(body[:maxEntryLines-1], draw.Truncate(body[maxEntryLines-1], max(f.w-2-draw.Width(more), 1)))
	}
	for i, l := range body {
		if struck != nil {
			l = f.st.Struck.Render(l)
		}
		if i == len(body)-1 && more != "" {
			l += f.st.Dim.Render(more)
		}
		out = append(out, "  "+l)
	}
	out = append(out, fixes.Lines(f.st, e, now, fixed, struck, f.w)...)
	if answered {
		first, _, _ := strings.Cut(answer.Text, "\n")
		out = append(out, f.st.Dim.Render(draw.Truncate("  ↳ "+clock.Format(answer.T)+" answer"+AnsweredAs(&f.state, answer)+": "+first, f.w)))
	}
	return out
}

// ByName turns "facilitator:ana" into "ana".
func ByName(by string) string { return words.ByName(by) }

// AnsweredAs is " from" the simulated organisation that answered, as it
// signs (" from BBC London"), or "" for the control cell.
func AnsweredAs(s *event.State, r event.Reply) string { return words.AnsweredAs(s, r) }
