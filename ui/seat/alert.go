package seat

import (
	"fmt"
	"strings"

	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/ui/internal/draw"
	"ttx/ui/pane"
)

// alert says in the status line what reached the seat between prev and
// s that the person might not see where they are looking: a message
// listed above the one they are reading, an answer to their team's
// request in the feed below. It says nothing for the first state, which
// is what the person finds on joining.
func (m *Model) alert(prev, s *event.State) {
	if prev.Scenario == nil || !prev.Opened.Equal(s.Opened) { // a live inject copies the scenario
		return
	}
	var said []string
	if m.actor.Role == scenario.RoleParticipant && len(s.Replies) > len(prev.Replies) {
		for _, r := range s.Replies[len(prev.Replies):] {
			if q, ok := m.request(s, r.Request); ok && q.Team == m.actor.Team {
				said = append(said, "↳ Answer to your team's request"+pane.AnsweredAs(s, r)+": "+firstLine(r.Text))
			}
		}
	}
	if ib, ok := m.body.(*inboxBody); ok && s.Injects.Len() >= prev.Injects.Len() {
		var arrived []int
		for i := range s.Injects.Len() {
			if (i >= prev.Injects.Len() || !prev.Injects.At(i).Released) && ib.inbox.visible(s, i) {
				arrived = append(arrived, i)
			}
		}
		if n := len(arrived); n > 0 {
			last := arrived[0]
			for _, i := range arrived {
				if s.NewerRelease(i, last) < 0 {
					last = i
				}
			}
			text := fmt.Sprintf("● New message at %s: %s", clock.Format(s.Injects.At(last).ReleasedT), s.Scenario.Injects[last].Title)
			if n > 1 {
				text = fmt.Sprintf("● %s, the latest at %s: %s", pane.Plural(n, "new message"), clock.Format(s.Injects.At(last).ReleasedT), s.Scenario.Injects[last].Title)
			}
			if u := ib.inbox.Unread(); u > 0 {
				text += fmt.Sprintf(" · %d unread", u)
			}
			said = append(said, text)
		}
	}
	if len(said) > 0 {
		m.flash, m.isErr, m.dirty = strings.Join(said, " · "), false, true
	}
}

// request returns the request recorded with seq.
func (m *Model) request(s *event.State, seq int64) (event.Entry, bool) {
	for i := len(s.Requests) - 1; i >= 0; i-- {
		if s.Requests[i].Seq == seq {
			return s.Requests[i], true
		}
	}
	return event.Entry{}, false
}

// firstLine is text's first line, marked as cut when there is more.
func firstLine(text string) string {
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		return draw.Truncate(text[:i], 200) + " …"
	}
	return draw.Truncate(text, 200)
}
