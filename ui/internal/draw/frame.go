package draw

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/lipgloss"
)

// Frame draws content inside box under a title line drawn in titleStyle,
// both cut to the box: width and height are its outer size. It writes what
// lipgloss writes, box.Width(...).Height(...).MaxHeight(height).Render.
func Frame(box, titleStyle *lipgloss.Style, title, content string, width, height int) string {
	return frame(box, titleStyle, title, content, width, height, nil)
}

// frame is Frame, taking the box's edges from e when they were drawn for
// this box and width (and keeping them there when e is not nil).
func frame(box, titleStyle *lipgloss.Style, title, content string, width, height int, e *edges) string {
	if e == nil {
		e = &edges{}
	}
	// lipgloss adds up a box's frame anew each time it is asked, which
	// was a third of framing a pane.
	if e.sized != box {
		e.sized, e.hFrame, e.vFrame = box, box.GetHorizontalFrameSize(), box.GetVerticalFrameSize()
	}
	w := width - e.hFrame
	h := height - e.vFrame
	if w < 1 || h < 1 {
		return ""
	}
	if !e.drawn || e.style != box || e.width != w {
		sized, hFrame, vFrame := e.sized, e.hFrame, e.vFrame
		*e = edgesOf(*box, w)
		e.style, e.sized, e.hFrame, e.vFrame = box, sized, hFrame, vFrame
	}
	// The title is styled again only when it changes: a feed catching up
	// draws new entries under the same title, frame after frame.
	if !e.titled || e.title != title || e.titleStyle != titleStyle {
		e.title, e.titleStyle, e.titleOut, e.titled = title, titleStyle, titleStyle.Render(Truncate(title, w)), true
	}
	body := ClipLines(e.titleOut+"\n"+content, h)
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
	style                    *lipgloss.Style // the box they were taken from
	drawn, ok                bool
	padded                   bool // padding at the sides
	width, w                 int
	top, left, right, bottom string
	widths                   []int // of the lines around does, kept for the next
	// The box whose frame sizes these are.
	sized          *lipgloss.Style
	hFrame, vFrame int
	// The last title, its style and how it was drawn at width.
	title, titleOut string
	titleStyle      *lipgloss.Style
	titled          bool
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

// Box draws text in a box that is a border and padding at its sides, as
// tall as the text, keeping the box's edges from one drawing to the next:
// a form's box is drawn again for every key typed into it.
type Box struct{ e edges }

// Render is box.Width(width).Render(text), byte for byte. box is the
// edges' key: it must point at the same style, unchanged, for as long as
// the edges are to be kept, and at another for another style.
func (b *Box) Render(box *lipgloss.Style, text string, width int) string {
	e := &b.e
	if !e.drawn || e.style != box || e.width != width {
		*e = edgesOf(*box, width)
		e.style = box
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
// title, content, size and box have not changed is not laid out again:
// with two hundred seats open, every change each seat shows would
// otherwise measure and border every line of every pane.
type FrameCache struct {
	box, titleStyle *lipgloss.Style
	title, content  string
	width, height   int
	out             string
	drawn           bool
	edges           edges
}

// Frame is Frame, from memory when nothing changed since the last call.
// The styles are keys, as with Box.Render: the same pointer means the
// same, unchanged style.
func (c *FrameCache) Frame(box, titleStyle *lipgloss.Style, title, content string, width, height int) string {
	if c.drawn && c.box == box && c.titleStyle == titleStyle && c.title == title && c.content == content && c.width == width && c.height == height {
		return c.out
	}
	c.out = frame(box, titleStyle, title, content, width, height, &c.edges)
	c.box, c.titleStyle, c.title, c.content, c.width, c.height, c.drawn = box, titleStyle, title, content, width, height, true
	return c.out
}
