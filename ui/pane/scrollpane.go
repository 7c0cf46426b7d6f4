package pane

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"ttx/ui/theme"
)

// ScrollPane is a framed, titled pane of text that scrolls with the
// navigation keys. The inject detail and a seat's message pane are built
// on it.
type ScrollPane struct {
	st      *theme.Styles
	keys    *theme.NavKeys
	vp      viewport.Model
	w, h    int
	focused bool
	frame   FrameCache

	// The viewport's last drawing, and what it was drawn from: it lays out
	// every visible line again on each call, and a seat redraws for news
	// in other panes far more often than this one changes.
	view     string
	viewOf   viewKey
	contents int // SetContent calls so far
}

type viewKey struct{ contents, y, w, h int }

// NewScrollPane returns an empty pane.
func NewScrollPane(st *theme.Styles, keys *theme.NavKeys) ScrollPane {
	return ScrollPane{st: st, keys: keys, vp: viewport.New(0, 0)}
}

// SetSize sets the inner size (a line of it is the title).
func (p *ScrollPane) SetSize(w, h int) {
	p.w, p.h = w, h
	p.vp.Width, p.vp.Height = w, max(h-1, 1)
}

// Width is the inner width content should be laid out for.
func (p *ScrollPane) Width() int { return p.w }

// SetContent replaces the text, keeping the scroll position if keepPlace,
// else going back to the top.
func (p *ScrollPane) SetContent(s string, keepPlace bool) {
	y := p.vp.YOffset
	p.vp.SetContent(s)
	p.contents++
	if keepPlace {
		p.vp.SetYOffset(y)
	} else {
		p.vp.GotoTop()
	}
}

// Focus gives the pane the keyboard.
func (p *ScrollPane) Focus() { p.focused = true }

// Blur takes the keyboard away.
func (p *ScrollPane) Blur() { p.focused = false }

// Help lists the pane's keys.
func (p *ScrollPane) Help() []key.Binding {
	return []key.Binding{p.keys.Up, p.keys.Down, p.keys.PageDown}
}

// Update scrolls.
func (p *ScrollPane) Update(msg tea.Msg) tea.Cmd {
	Scroll(&p.vp, msg, p.keys)
	return nil
}

// Frame draws the pane under title, with where it is scrolled to when the
// text is longer than the pane: "top, more below", "40% down", "end".
func (p *ScrollPane) Frame(title string) string {
	if p.vp.TotalLineCount() > p.vp.Height {
		title += " · " + scrolledTo(p.vp.ScrollPercent())
	}
	if k := (viewKey{p.contents, p.vp.YOffset, p.vp.Width, p.vp.Height}); k != p.viewOf || p.contents == 0 {
		p.view, p.viewOf = p.vp.View(), k
	}
	return p.frame.Frame(p.st, title, p.view, p.w+2, p.h+2, p.focused)
}

// scrolledTo says where a pane scrolled to share f (0 to 1) of the way
// is.
func scrolledTo(f float64) string {
	switch pc := int(f * 100); {
	case pc <= 0:
		return "top, more below"
	case pc >= 100:
		return "end"
	default:
		return fmt.Sprintf("%d%% down", pc)
	}
}
