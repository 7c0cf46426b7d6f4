package common

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// Pane is one region of the console. Panes draw and scroll; they never
// change the session (only the root model does).
type Pane interface {
	Update(msg tea.Msg) tea.Cmd
	View() string
	SetSize(width, height int)
	Focus()
	Blur()
	Help() []key.Binding
}

// Frame draws a pane's content inside a titled border, focused or not.
// width and height are the outer size.
func Frame(st *Styles, title, content string, width, height int, focused bool) string {
	return frame(st, title, content, width, height, focused, nil)
}

// frame is Frame, taking the box's edges from e when they were drawn for
// this box and width (and keeping them there when e is not nil).
func frame(st *Styles, title, content string, width, height int, focused bool, e *edges) string {
	box := st.Pane
	if focused {
		box = st.PaneFocus
	}
	w := width - box.GetHorizontalFrameSize()
	h := height - box.GetVerticalFrameSize()
	if w < 1 || h < 1 {
		return ""
	}
	body := ClipLines(st.PaneTitle.Render(Truncate(title, w))+"\n"+content, h)
	if e == nil {
		e = &edges{}
	}
	if !e.drawn || e.st != st || e.focused != focused || e.width != w {
		*e = edgesOf(box, w)
		e.st, e.focused = st, focused
	}
	if out, ok := e.around(body, h); ok {
		return out
	}
	return box.Width(w).Height(h).MaxHeight(height).Render(body)
}

// A pane's border is drawn by lipgloss once for each width, and then put
// around the text by hand. lipgloss measures every line of a box four
// times and wraps it once; with two hundred seats open, drawing borders
// was a third of each seat's redraw. The text a pane frames is already cut
// to its width, so the hand path only measures each line once and pads it.
// What it writes is what lipgloss writes, byte for byte
// (TestFrameMatchesLipgloss, FuzzFrame). Text it cannot vouch for is left
// to lipgloss: a line too wide, which lipgloss would wrap; a tab or a
// carriage return, which it would rewrite; bytes that are not UTF-8, which
// it measures two ways; a style left open at a line's end, which it would
// close there and open again on the next line.

// styleClosed reports whether every style line sets is reset by its end,
// and it has no escape sequence but plain CSI ones. lipgloss closes a style
// left open at the end of a line and opens it again on the next, and
// treats other sequences in ways the hand path does not follow.
func styleClosed(line string) bool {
	open := false
	for i := 0; i < len(line); {
		j := strings.IndexByte(line[i:], 0x1b)
		if j < 0 {
			break
		}
		i += j
		end, ok := skipCSI(line, i)
		if !ok {
			return false
		}
		if line[end-1] == 'm' {
			seq := line[i:end]
			open = seq != "\x1b[m" && seq != "\x1b[0m"
		}
		i = end
	}
	return !open
}

// edges are a box's top and bottom lines and its left and right sides
// (with the padding inside them), as lipgloss draws them around text w
// cells wide in a box width cells wide inside its border.
type edges struct {
	st                       *Styles
	focused, drawn, ok       bool
	padded                   bool // padding at the sides
	width, w                 int
	top, left, right, bottom string
	widths                   []int // of the lines around does, kept for the next
}

// edgesOf takes the edges from lipgloss's drawing of an empty box of
// box.Width(width). ok is false when the box is more than a border and
// padding at its sides (padding above or below, margins), which the hand
// path does not draw, or its padding is styled.
func edgesOf(box lipgloss.Style, width int) edges {
	pl, pr := box.GetPaddingLeft(), box.GetPaddingRight()
	e := edges{drawn: true, width: width, w: width - pl - pr}
	if e.w < 1 || box.GetVerticalPadding() != 0 || box.GetHorizontalMargins() != 0 || box.GetVerticalMargins() != 0 {
		return e
	}
	rows := strings.Split(box.Width(width).Height(1).Render(""), "\n")
	if len(rows) != 3 {
		return e
	}
	blank := strings.Repeat(" ", width)
	left, right, found := strings.Cut(rows[1], blank)
	if !found || Width(left) != 1 || Width(right) != 1 || strings.Contains(left, " ") {
		return e
	}
	e.top, e.bottom, e.ok, e.padded = rows[0], rows[2], true, pl+pr > 0
	e.left, e.right = left+strings.Repeat(" ", pl), strings.Repeat(" ", pr)+right
	return e
}

// box is box.Width(width).Render(text) for a box whose edges e keeps: a
// border, and padding at the sides. box is always the same one of st's
// styles. A form's box is drawn again for every key typed into it.
func (e *edges) box(st *Styles, box lipgloss.Style, text string, width int) string {
	if !e.drawn || e.st != st || e.width != width {
		*e = edgesOf(box, width)
		e.st = st
	}
	if out, ok := e.around(text, 0); ok {
		return out
	}
	return box.Width(width).Render(text)
}

// around puts the edges around text of at most h lines, each padded to
// the box's width; false if the text is not of the kind it vouches for.
func (e *edges) around(text string, h int) (string, bool) {
	if !e.ok || strings.ContainsAny(text, "\t\r") || !utf8.ValidString(text) {
		return "", false
	}
	e.widths = e.widths[:0]
	cells := 0
	for line := range strings.SplitSeq(text, "\n") {
		lw, counted := count(line)
		if !counted {
			if e.padded {
				// lipgloss measures a padded line again with its padding,
				// and a rune that joins the space beside it measures
				// differently there.
				return "", false
			}
			lw = Width(line)
		}
		if lw > e.w || !styleClosed(line) {
			return "", false
		}
		e.widths = append(e.widths, lw)
		cells += lw
	}
	rows := max(h, len(e.widths))
	var b strings.Builder
	// Every row is a newline, the sides, and the text padded to e.w (the
	// text's newlines are the rows' own).
	b.Grow(len(e.top) + 1 + len(e.bottom) + len(text) - (len(e.widths) - 1) + rows*(1+len(e.left)+len(e.right)+e.w) - cells)
	b.WriteString(e.top)
	n := 0
	for line := range strings.SplitSeq(text, "\n") {
		b.WriteByte('\n')
		b.WriteString(e.left)
		b.WriteString(line)
		pad(&b, e.w-e.widths[n])
		b.WriteString(e.right)
		n++
	}
	for ; n < h; n++ {
		b.WriteByte('\n')
		b.WriteString(e.left)
		pad(&b, e.w)
		b.WriteString(e.right)
	}
	b.WriteByte('\n')
	b.WriteString(e.bottom)
	return b.String(), true
}

// FrameCache remembers the last frame a pane drew, so that a pane whose
// title, content, size and focus have not changed is not laid out again:
// with two hundred seats open, every change each seat shows would
// otherwise measure and border every line of every pane.
type FrameCache struct {
	st             *Styles
	title, content string
	width, height  int
	focused        bool
	out            string
	drawn          bool
	edges          edges
}

// Frame is Frame, from memory when nothing changed since the last call.
func (c *FrameCache) Frame(st *Styles, title, content string, width, height int, focused bool) string {
	if c.drawn && c.st == st && c.title == title && c.content == content && c.width == width && c.height == height && c.focused == focused {
		return c.out
	}
	c.out = frame(st, title, content, width, height, focused, &c.edges)
	c.st, c.title, c.content, c.width, c.height, c.focused, c.drawn = st, title, content, width, height, focused, true
	return c.out
}

// JoinCache lays out three pane frames, the first two side by side above
// the third, and remembers the rows it joined: a new decision changes the
// feed below, not the panes above, and a clock tick changes none. It keeps
// the rows measured, so that a view's header and footer are put around
// them (Around) in one copy of the screen, not a join and then a copy of
// the join: with two hundred seats redrawing for every decision, each
// copy of a screen is a collection sooner.
type JoinCache struct {
	left, right, below string
	top                string // left and right joined
	lines              []string
	widths             []int // of lines: top's, then below's
	width              int   // the widest of lines
	out                string
	joined, drawn      bool // out is the join of lines; Set was called
}

// Set gives the cache the frames to lay out: left and right above below.
func (j *JoinCache) Set(left, right, below string) {
	topChanged := !j.drawn || left != j.left || right != j.right
	if topChanged {
		j.top = JoinTop(left, right)
		j.left, j.right = left, right
	}
	if topChanged || below != j.below {
		first, _, _ := strings.Cut(j.top, "\n")
		topWidth := Width(first) // JoinTop pads every line to one width
		j.lines, j.widths = j.lines[:0], j.widths[:0]
		for l := range strings.SplitSeq(j.top, "\n") {
			j.lines = append(j.lines, l)
			j.widths = append(j.widths, topWidth)
		}
		j.width = topWidth
		for l := range strings.SplitSeq(below, "\n") {
			w := Width(l)
			j.lines = append(j.lines, l)
			j.widths = append(j.widths, w)
			j.width = max(j.width, w)
		}
		j.below = below
		j.joined = false
	}
	j.drawn = true
}

// Join lays out left and right above below.
func (j *JoinCache) Join(left, right, below string) string {
	j.Set(left, right, below)
	if !j.joined {
		var b strings.Builder
		b.Grow(j.size(nil, nil))
		j.write(&b, nil, nil)
		j.out, j.joined = b.String(), true
	}
	return j.out
}

// Around is JoinLeft(above, the last Join, below), a view's header and
// footer around its panes (those of the last Set). Every row of the panes
// is already measured, so only above and below are, not the whole screen
// again.
func (j *JoinCache) Around(above, below string) string {
	if !j.drawn {
		return JoinLeft(above, "", below)
	}
	al, aw, awidest := measure(above)
	bl, bw, bwidest := measure(below)
	if awidest > j.width || bwidest > j.width {
		return JoinLeft(above, j.Join(j.left, j.right, j.below), below)
	}
	var b strings.Builder
	b.Grow(j.size(al, aw) + j.size(bl, bw) - j.size(nil, nil))
	for i, l := range al {
		b.WriteString(l)
		pad(&b, j.width-aw[i])
		b.WriteByte('\n')
	}
	j.write(&b, bl, bw)
	return b.String()
}

// size is how many bytes write writes with the lines more (of widths mw).
func (j *JoinCache) size(more []string, mw []int) int {
	n := len(j.top) + 1 + len(j.below) + len(more) + j.width*(len(j.lines)+len(more))
	for _, w := range j.widths {
		n -= w
	}
	for i, l := range more {
		n += len(l) - mw[i]
	}
	return n
}

// write writes the rows, then the lines more (of widths mw), each padded
// to the widest row.
func (j *JoinCache) write(b *strings.Builder, more []string, mw []int) {
	for i, l := range j.lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l)
		pad(b, j.width-j.widths[i])
	}
	for i, l := range more {
		b.WriteByte('\n')
		b.WriteString(l)
		pad(b, j.width-mw[i])
	}
}
