package pane

import (
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"ttx/exercise/event"
	"ttx/ui/pane/internal/detail"
	"ttx/ui/sight"
	"ttx/ui/theme"
)

// Detail shows everything about the selected inject, scrollable.
type Detail struct {
	ScrollPane
	md    *theme.Markdown
	key   detailKey // what the content was built from
	built bool      // key is set
}

// detailKey is what the detail was built from: the version of what the
// inject's detail shows in the projection the state is shown through
// (sight.Projection.Inject), the inject and the width. The same version
// is the same inject, status, decisions and choices, so nothing else
// need be listed.
type detailKey struct {
	version int64
	inject  int
	width   int
}

// NewDetail returns an empty inject detail pane.
func NewDetail(st *theme.Styles, keys *theme.NavKeys, md *theme.Markdown) *Detail {
	return &Detail{ScrollPane: NewScrollPane(st, keys), md: md}
}

// SetSize sets the inner size.
func (d *Detail) SetSize(w, h int) {
	d.ScrollPane.SetSize(w, h)
	d.built = false
}

// Scroll moves a viewport by the navigation keys.
func Scroll(vp *viewport.Model, msg tea.Msg, keys *theme.NavKeys) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return
	}
	switch {
	case key.Matches(k, keys.Up):
		vp.ScrollUp(1)
	case key.Matches(k, keys.Down):
		vp.ScrollDown(1)
	case key.Matches(k, keys.PageUp):
		vp.PageUp()
	case key.Matches(k, keys.PageDown):
		vp.PageDown()
	case key.Matches(k, keys.Top):
		vp.GotoTop()
	case key.Matches(k, keys.Bottom):
		vp.GotoBottom()
	}
}

// Show builds the content for inject i at exercise time now, unless it
// was built for i at the same version of it in p, the projection s is
// shown through (sight.Projection.Inject, after its Update for s at now),
// and the same width.
func (d *Detail) Show(s *event.State, p *sight.Projection, i int, now time.Duration) {
	if s.Scenario == nil || i < 0 {
		d.SetContent("", false)
		d.built = false
		return
	}
	k := detailKey{version: p.Inject(i), inject: i, width: d.w}
	if d.built && d.key == k {
		return
	}
	sameInject := d.built && d.key.inject == i
	d.key, d.built = k, true
	d.SetContent(d.content(s, i, s.Status(i, now)), sameInject)
}

// content is the detail's text for inject i with status status.
func (d *Detail) content(s *event.State, i int, status event.Status) string {
	return detail.Content(d.st, d.md, s, i, status, d.w)
}

// View draws the pane.
func (d *Detail) View() string { return d.Frame("Inject") }
