package draw

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// Joining frames measures every line of them, and ansi.StringWidth
// measures by splitting text into grapheme clusters: with two hundred
// seats redrawing, that was two fifths of a seat's draw. Nearly every line
// ttx draws is ASCII, box drawing and SGR sequences, which Width measures
// by counting; anything else goes to ansi.StringWidth.

// Width is the number of terminal cells s takes, as ansi.StringWidth
// counts them.
func Width(s string) int {
	if n, ok := count(s); ok {
		return n
	}
	return ansi.StringWidth(s)
}

// count is Width by counting, and false when s has what only
// ansi.StringWidth measures right.
func count(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= 0x20 && c < 0x7f:
			n++
			i++
		case c == 0x1b:
			j, ok := skipCSI(s, i)
			if !ok {
				return 0, false
			}
			i = j
		case c < utf8.RuneSelf:
			return 0, false // a control character
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if !narrow(r) {
				return 0, false
			}
			n++
			i += size
		}
	}
	return n, true
}

// skipCSI returns the index just after the control sequence that starts
// at s[i], and false if what starts there is not one of the plain kind
// ttx's styles write: ESC [, an optional private marker, digits, ';' and
// ':', and a final byte. Others (intermediate bytes, broken sequences) are
// left to ansi.StringWidth, which knows how a terminal takes them.
func skipCSI(s string, i int) (int, bool) {
	if i+1 >= len(s) || s[i+1] != '[' {
		return 0, false
	}
	j := i + 2
	if j < len(s) && s[j] >= '<' && s[j] <= '?' {
		j++
	}
	for ; j < len(s); j++ {
		switch c := s[j]; {
		case c >= '0' && c <= ';': // digits, ':' and ';'
		case c >= 0x40 && c <= 0x7e:
			return j + 1, true
		default:
			return 0, false
		}
	}
	return 0, false
}

// narrow reports whether r is one cell wide and never joins the runes
// around it into one grapheme: Latin letters and signs, general
// punctuation, arrows, box drawing, blocks and geometric shapes.
// TestWidthNarrowRunes holds each to ansi.StringWidth.
func narrow(r rune) bool {
	switch {
	case r >= 0xa1 && r <= 0x24f:
		return r != 0xad // the soft hyphen takes no cell
	case r >= 0x2010 && r <= 0x2027:
		return true
	case r >= 0x2190 && r <= 0x21ff:
		return true
	case r >= 0x2500 && r <= 0x25ff:
		return r != 0x25fd && r != 0x25fe // two cells: emoji squares
	}
	return false
}

// JoinLeft is lipgloss.JoinVertical(lipgloss.Left, blocks...), byte for
// byte: the blocks one under another, each line padded with spaces to the
// widest. It measures each line once, with Width.
func JoinLeft(blocks ...string) string {
	if len(blocks) == 1 {
		return blocks[0]
	}
	out, _ := joinLeft(blocks...)
	return out
}

// joinLeft is JoinLeft, also returning the width every line is padded to.
func joinLeft(blocks ...string) (string, int) {
	lines, widths, widest := measure(blocks...)
	var b strings.Builder
	size := -1 // no newline after the last line
	for i, l := range lines {
		size += len(l) + 1 + widest - widths[i]
	}
	b.Grow(size)
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l)
		pad(&b, widest-widths[i])
	}
	return b.String(), widest
}

// JoinTop is lipgloss.JoinHorizontal(lipgloss.Top, left, right), byte for
// byte: two blocks side by side, the shorter one padded below with empty
// lines, and every line padded with spaces to its block's widest.
func JoinTop(left, right string) string {
	ll, lw, lwidest := measure(left)
	rl, rw, rwidest := measure(right)
	rows := max(len(ll), len(rl))
	var b strings.Builder
	// The lines, the newlines between rows (not those between the
	// blocks' own lines), and the padding.
	size := len(left) - len(ll) + len(right) - len(rl) + rows + 1 + rows*(lwidest+rwidest)
	for i := range lw {
		size -= lw[i]
	}
	for i := range rw {
		size -= rw[i]
	}
	b.Grow(size)
	side := func(lines []string, widths []int, widest, i int) {
		if i < len(lines) {
			b.WriteString(lines[i])
			pad(&b, widest-widths[i])
			return
		}
		pad(&b, widest)
	}
	for i := range rows {
		if i > 0 {
			b.WriteByte('\n')
		}
		side(ll, lw, lwidest, i)
		side(rl, rw, rwidest, i)
	}
	return b.String()
}

// measure splits blocks into lines and returns the lines, their widths and
// the widest.
func measure(blocks ...string) (lines []string, widths []int, widest int) {
	for _, s := range blocks {
		lines = append(lines, strings.Split(s, "\n")...)
	}
	widths = make([]int, len(lines))
	for i, l := range lines {
		widths[i] = Width(l)
		widest = max(widest, widths[i])
	}
	return lines, widths, widest
}

const spaces = "                                                                "

func pad(b *strings.Builder, n int) {
	for n > 0 {
		k := min(n, len(spaces))
		b.WriteString(spaces[:k])
		n -= k
	}
}

// Center is lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, s),
// byte for byte: s in the middle of a w×h block of spaces, its lines
// padded to its widest, the odd cell or line going right or below. Like
// lipgloss it leaves s as it is across a dimension it does not fit. It
// measures each line once; lipgloss measures them three times, which was
// a fifth of echoing a key typed into a form. Only text Width measures by
// counting is placed by hand: lipgloss measures the lines again once
// padded, and a rune that joins the spaces beside it into one cluster (a
// combining mark, a prepended sign), a tab or a broken escape sequence
// measures differently there. Anything else is left to lipgloss.
func Center(w, h int, s string) string {
	lines := strings.Split(s, "\n")
	widths := make([]int, len(lines))
	widest := 0
	for i, l := range lines {
		n, ok := count(l)
		if !ok {
			return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, s)
		}
		widths[i], widest = n, max(widest, n)
	}
	gap := max(w-widest, 0)
	width := widest + gap // of every line, once placed
	vgap := max(h-len(lines), 0)
	top := vgap / 2
	size := (vgap+len(lines))*(width+1) - 1 // every row padded, and the newlines
	if gap == 0 {
		size = len(s) + vgap*(width+1)
	} else {
		for i, l := range lines {
			size += len(l) - widths[i]
		}
	}
	var b strings.Builder
	b.Grow(size)
	for range top {
		pad(&b, width)
		b.WriteByte('\n')
	}
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		if gap == 0 {
			b.WriteString(l)
			continue
		}
		total := gap + widest - widths[i]
		pad(&b, total/2)
		b.WriteString(l)
		pad(&b, total-total/2)
	}
	for range vgap - top {
		b.WriteByte('\n')
		pad(&b, width)
	}
	return b.String()
}
