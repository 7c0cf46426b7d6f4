package pane

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/ui/theme"
)

// seatModel drives a feed as paint.Seat and its Painter do, step by step
// and without goroutines, so that a test can choose every interleaving:
// a drawing while the feed is behind is handed over as a page (always
// painted, in order), up to four in a turn with Seen between them, then
// the seat waits until the first is painted before it calls Seen and
// draws on; meanwhile a drawing that moved the feed on (Marks) starts a
// turn of pages of its own, and a key stops the wait. Any other drawing
// is set as the frame, which a later page or frame replaces unless it is
// painted first.
type seatModel struct {
	f       *Feed
	pages   []string
	frame   string
	pending bool
	asked   bool // a step is awaited: the first page of the last turn
	stepAt  int  // pages still to paint before the step comes
	painted func(frame string)
}

func (m *seatModel) view() {
	marks := m.f.Marks()
	v := m.f.View()
	if !m.f.Behind() || m.asked && m.f.Marks() == marks {
		if v != m.frame || len(m.pages) > 0 {
			m.frame, m.pending = v, true
		}
		return
	}
	m.page(v)
	m.stepAt = len(m.pages)
	for range 3 {
		m.f.Seen()
		if v = m.f.View(); !m.f.Behind() {
			m.frame, m.pending = v, true
			return
		}
		m.page(v)
	}
	m.asked = true
}

func (m *seatModel) page(v string) {
	m.pages = append(m.pages, v)
	m.frame, m.pending = v, false // a page replaces the frame set before it
}

// paint paints the next page, or the frame, and gives the step once the
// page asked about is painted.
func (m *seatModel) paint() {
	switch {
	case len(m.pages) > 0:
		m.painted(m.pages[0])
		m.pages = m.pages[1:]
		m.stepAt--
	case m.pending:
		m.painted(m.frame)
		m.pending = false
	}
	if m.asked && m.stepAt <= 0 {
		m.asked = false
		m.f.Seen()
		m.view()
	}
}

var decisionMark = regexp.MustCompile(`Z(\d{4})`)

// TestFeedCatchUpCountsSeenOnlyWhatWasPainted is the room where a
// thousand seats drew every decision but one or two: a participant's
// seat catching up after a burst handed its painter a turn's pages, and
// a decision that arrived before the first was painted redrew the feed
// as a frame, not a page, which moved the feed's mark on to the entries
// that frame showed. The next page replaced that frame unpainted, and
// Seen counted its entries seen: decision 183 of 500 never reached ten
// seats on three nodes. A feed drawn again while a drawing waits for
// Seen now shows the same entries, and its mark stays. And a feed too
// short to hold an entry whole gave up catching up on everything after
// it; that entry now counts as drawn as far as it goes, and the rest are
// caught up.
//
// Decisions of two teams (one shown) arrive one to three at a time or
// in bursts, some of several lines, into feeds of 3 to 10 rows; every
// interleaving of arrivals, paints and steps a seed picks; every
// decision the feed shows must reach the terminal.
func TestFeedCatchUpCountsSeenOnlyWhatWasPainted(t *testing.T) {
	st := theme.DefaultStyles()
	keys := theme.DefaultNavKeys()
	sc := &scenario.Scenario{Teams: []scenario.Team{{ID: "police", Name: "Police"}, {ID: "fire", Name: "Fire"}}}
	for seed := range 400 {
		r := rand.New(rand.NewPCG(uint64(seed), 22))
		f := NewFeed(&st, &keys, "nothing")
		f.SetCatchUp(true)
		f.SetFilter(func(e event.Entry) bool { return e.Team == "police" }, "Your team's")
		h := 4 + r.IntN(8)
		f.SetSize(60, h)
		s := event.State{Scenario: sc}
		onScreen := map[int]bool{}
		m := &seatModel{f: f, painted: func(frame string) {
			for _, mk := range decisionMark.FindAllStringSubmatch(frame, -1) {
				n, _ := strconv.Atoi(mk[1])
				onScreen[n] = true
			}
		}}
		add := func(k int) {
			for range k {
				i := s.Decisions.Len()
				team := "police"
				if r.IntN(3) > 0 {
					team = "fire"
				}
				text := fmt.Sprintf("Z%04d hold the cordon.", i)
				if r.IntN(4) == 0 {
					text += strings.Repeat(" and more words", 4+r.IntN(10))
				}
				s.Decisions = s.Decisions.Append(event.Entry{Seq: int64(i + 1), Kind: event.DecisionRecorded, Team: team, Text: text})
			}
			f.SetState(s)
		}
		add(1)
		m.view() // what the seat finds when it opens is not news
		first := s.Decisions.Len()
		for step := range 300 {
			switch r.IntN(6) {
			case 0:
				add(1 + r.IntN(3))
				m.view()
			case 1:
				if step < 150 && r.IntN(4) == 0 {
					add(10 + r.IntN(30))
					m.view()
				}
			case 2:
				// A new layout, as an evaluator's seat makes when its MSEL
				// grows: the feed's size changes inside a View, with no
				// key or resize to stop the seat's wait for its step.
				if r.IntN(4) == 0 {
					f.SetSize(60, max(4, h+r.IntN(5)-2))
					m.view()
				}
			case 3:
				// A key the feed does not take (the person opens a form
				// and closes it): the seat stops waiting for its step.
				if r.IntN(4) == 0 {
					m.asked = false
					m.view()
				}
			default:
				m.paint()
			}
		}
		for range 5000 {
			if m.paint(); len(m.pages) == 0 && !m.pending && !m.asked {
				break
			}
		}
		for i := first; i < s.Decisions.Len(); i++ {
			if s.Decisions.At(i).Team == "police" && !onScreen[i] {
				t.Fatalf("seed %d, a feed of %d rows: decision %d was never on the terminal", seed, h, i)
			}
		}
	}
}

// TestFeedLongEntryFitsTheFeed: an entry longer than the feed shows ends
// its last line with how many more there are, cut so that the line fits:
// it was cut to the width and then lengthened, and the box wrapped it,
// pushing the entries below out of sight while the feed counted them
// drawn.
func TestFeedLongEntryFitsTheFeed(t *testing.T) {
	st := theme.DefaultStyles()
	keys := theme.DefaultNavKeys()
	for _, w := range []int{20, 41, 60, 108} {
		f := NewFeed(&st, &keys, "nothing")
		f.SetSize(w, 7) // a title, the long entry's four lines, the short one's two
		s := event.State{Scenario: &scenario.Scenario{Teams: []scenario.Team{{ID: "police", Name: "Police"}}}}
		for i, text := range []string{"Z0000 short.", "Z0001 " + strings.Repeat("and more words ", 40)} {
			s.Decisions = s.Decisions.Append(event.Entry{Seq: int64(i + 1), Kind: event.DecisionRecorded, Team: "police", Text: text})
		}
		f.SetState(s)
		v := f.View()
		lines := strings.Split(v, "\n")
		if len(lines) != 7+2 {
			t.Errorf("width %d: the feed drew %d rows, want %d:\n%s", w, len(lines), 7+2, v)
		}
		for _, l := range lines {
			if lw := lipgloss.Width(l); lw > w+2 {
				t.Errorf("width %d: a line %d wide: %q", w, lw, l)
			}
		}
		said := false
		for _, l := range lines {
			said = said || strings.Contains(l, "(+") && strings.Contains(l, "lines)")
		}
		if !said || !strings.Contains(v, "Z0000") {
			t.Errorf("width %d: the long entry does not say how much more, or the short one is gone:\n%s", w, v)
		}
	}
}

// TestFeedUnseeShowsAgain: what Seen counted seen since SeenCount was n
// is unseen again after Unsee(n), and the next drawing starts from the
// oldest of it: a seat's painter dropped the pages that showed it.
func TestFeedUnseeShowsAgain(t *testing.T) {
	f, _, add := catchingFeed(5) // a title and two decisions of two lines
	add(1)
	f.View()
	add(8)
	first := f.View() // the oldest two of the eight
	if !f.Behind() || !strings.Contains(first, "Z0001") {
		t.Fatalf("the feed is not catching up from the oldest:\n%s", first)
	}
	before := f.SeenCount()
	f.Seen()
	f.View()
	f.Seen()
	if f.SeenCount() != before+4 {
		t.Fatalf("two drawings of two counted %d seen", f.SeenCount()-before)
	}
	f.Unsee(before)
	if again := f.View(); !strings.Contains(again, "Z0001") || !f.Behind() {
		t.Fatalf("after Unsee the feed does not show the oldest again:\n%s", again)
	}
	if f.SeenCount() != before {
		t.Fatalf("SeenCount %d after Unsee(%d)", f.SeenCount(), before)
	}
}
