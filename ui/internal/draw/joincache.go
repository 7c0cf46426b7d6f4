package draw

import "strings"

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
