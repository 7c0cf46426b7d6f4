package common

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"ttx/exercise/clock"
	"ttx/exercise/event"
)

// maxEntryLines caps how many lines of one entry's text the feed shows.
const maxEntryLines = 3

// Feed lists decisions, requests for information and notes, newest first.
type Feed struct {
	st      *Styles
	keys    *NavKeys
	w, h    int
	focused bool
	state   event.State
	entries []event.Entry // newest first
	offset  int           // first visible entry
}

// NewFeed returns an empty decision feed pane.
func NewFeed(st *Styles, keys *NavKeys) *Feed { return &Feed{st: st, keys: keys} }

// SetState takes a new snapshot.
func (f *Feed) SetState(s event.State) {
	grew := len(s.Decisions)+len(s.Requests)+len(s.Notes) > len(f.entries)
	f.state = s
	f.entries = mergeNewestFirst(s.Decisions, s.Requests, s.Notes)
	if grew && f.offset > 0 {
		f.offset++ // keep the reader's place when a new entry arrives on top
	}
	f.offset = min(f.offset, max(len(f.entries)-1, 0))
}

// mergeNewestFirst merges journal-ordered lists into one, newest first.
func mergeNewestFirst(lists ...[]event.Entry) []event.Entry {
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	out := make([]event.Entry, 0, n)
	idx := make([]int, len(lists))
	for i, l := range lists {
		idx[i] = len(l) - 1
	}
	for len(out) < n {
		best := -1
		for i, l := range lists {
			if idx[i] >= 0 && (best < 0 || l[idx[i]].Seq > lists[best][idx[best]].Seq) {
				best = i
			}
		}
		out = append(out, lists[best][idx[best]])
		idx[best]--
	}
	return out
}

// SetSize sets the inner size.
func (f *Feed) SetSize(w, h int) { f.w, f.h = w, h }

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
		f.offset = len(f.entries) - 1
	}
	f.offset = min(max(f.offset, 0), max(len(f.entries)-1, 0))
	return nil
}

// View draws only the entries that fit.
func (f *Feed) View() string {
	title := fmt.Sprintf("Decisions · %d", len(f.state.Decisions))
	if n := len(f.state.Requests); n > 0 {
		title += fmt.Sprintf(" · %d requests", n)
	}
	if n := len(f.state.Notes); n > 0 {
		title += fmt.Sprintf(" · %d notes", n)
	}
	if f.offset > 0 {
		title += fmt.Sprintf(" · %d newer above", f.offset)
	}
	rows := max(f.h-1, 1)
	var lines []string
	if len(f.entries) == 0 {
		lines = append(lines, f.st.Dim.Render("No decisions yet. Press d to record one said in the room."))
	}
	for _, e := range f.entries[min(f.offset, len(f.entries)):] {
		if len(lines) >= rows {
			break
		}
		lines = append(lines, f.entry(e)...)
	}
	if len(lines) > rows {
		lines = lines[:rows]
	}
	return Frame(f.st, title, strings.Join(lines, "\n"), f.w+2, f.h+2, f.focused)
}

func (f *Feed) entry(e event.Entry) []string {
	sc := f.state.Scenario
	head := clock.Format(e.T) + " "
	switch e.Kind {
	case event.RequestRecorded:
		head += "RFI "
	case event.NoteRecorded:
		head += "NOTE "
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
	if e.Answered {
		head += f.st.Dim.Render(" · answered")
	}
	out := []string{Truncate(head, f.w)}
	body := Wrap(e.Text, max(f.w-2, 10))
	if len(body) > maxEntryLines {
		body = append(body[:maxEntryLines-1], Truncate(body[maxEntryLines-1], f.w-4)+f.st.Dim.Render(fmt.Sprintf(" (+%d lines)", len(body)-maxEntryLines+1)))
	}
	for _, l := range body {
		out = append(out, "  "+l)
	}
	return out
}

// ByName turns "facilitator:ana" into "ana".
func ByName(by string) string {
	if _, name, ok := strings.Cut(by, ":"); ok {
		return name
	}
	return by
}
