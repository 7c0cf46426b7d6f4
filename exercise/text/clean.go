// Package text makes free text typed by people safe to journal and to show
// on anyone's terminal, and text read back from a file safe to print.
//
// Everything a facilitator or participant types passes through Clean before
// it becomes part of an event: terminal escape sequences (CSI, OSC, DCS and
// the rest), C0 and C1 control characters, bidirectional overrides and
// invalid UTF-8 are removed and line endings are normalised. What is left
// can be printed on any screen without painting over somebody else's view.
// Fit and FitLine refuse a text longer than its field holds, whole, so that
// nothing typed is journaled cut short.
//
// Everything read back from a file (a session file, a scenario's copy in
// it, a spreadsheet) passes through Escape, Writer or EscapeAll on its way
// out instead: the same characters are made visible as \u001b and the
// like rather than dropped, so that a reader sees what the file holds and
// no file can drive the reader's terminal. Cell does the same for a CSV
// cell and keeps a spreadsheet from reading it as a formula.
package text

import (
	"strings"
	"unicode/utf8"
)

// Length limits for the kinds of free text ttx journals, in characters.
const (
	// MaxName caps a person's or a short label's length.
	MaxName = 80
	// MaxText caps a decision, request, note or observation.
	MaxText = 4000
)

// Clean returns s with escape sequences, control characters (other than
// newline and tab), bidirectional overrides and invalid UTF-8 removed,
// "\r\n" and lone "\r" turned into "\n", tabs turned into spaces, trailing
// space trimmed from every line, leading and trailing blank lines removed,
// and at most max characters kept (max <= 0 means no limit).
func Clean(s string, max int) string {
	var b strings.Builder
	b.Grow(len(s))
	n := 0
	for i := 0; i < len(s); {
		if max > 0 && n >= max {
			break
		}
		c := s[i]
		switch {
		case c == 0x1b: // ESC: skip the whole sequence.
			i = skipEscape(s, i)
			continue
		case c == '\r':
			b.WriteByte('\n')
			n++
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			i++
			continue
		case c == '\n':
			b.WriteByte('\n')
			n++
			i++
			continue
		case c == '\t':
			b.WriteString("    ")
			n += 4
			i++
			continue
		case c < 0x20 || c == 0x7f:
			i++
			continue
		case c < utf8.RuneSelf:
			b.WriteByte(c)
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			// invalid byte: drop it
		case r == 0x9b: // C1 CSI: a sequence like ESC [
			i = skipC1(s, i+size, true)
			continue
		case r == 0x9d || r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f: // C1 OSC, DCS, SOS, PM, APC
			i = skipC1(s, i+size, false)
			continue
		case r >= 0x80 && r <= 0x9f:
			// other C1 controls: drop
		case isBidiControl(r):
			// bidirectional overrides and isolates: drop
		default:
			b.WriteString(s[i : i+size])
			n++
		}
		i += size
	}
	return tidyLines(b.String())
}

// Line is Clean for a single-line field such as a name: newlines become
// spaces and runs of spaces collapse to one.
func Line(s string, max int) string {
	s = Clean(s, max)
	return strings.Join(strings.Fields(s), " ")
}

// isBidiControl reports whether r is an explicit bidirectional formatting
// character, which can make text display in a different order than it is
// stored (the "Trojan Source" trick): the embeddings, overrides and
// isolates. The marks (LRM, RLM, ALM) are kept: people who write Hebrew
// and Arabic type them to place punctuation beside a word, they reorder
// nothing but the neutral characters next to them, and the record keeps
// every word as typed.
func isBidiControl(r rune) bool {
	switch {
	case r >= 0x202a && r <= 0x202e: // LRE, RLE, PDF, LRO, RLO
		return true
	case r >= 0x2066 && r <= 0x2069: // LRI, RLI, FSI, PDI
		return true
	}
	return false
}

// skipEscape returns the index just past the escape sequence that starts
// with ESC at s[i].
func skipEscape(s string, i int) int {
	i++ // ESC
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[': // CSI: parameters and intermediates, then a final byte 0x40-0x7e.
		return skipC1(s, i+1, true)
	case ']', 'P', 'X', '^', '_': // OSC, DCS, SOS, PM, APC: up to BEL or ST.
		return skipC1(s, i+1, false)
	default:
		// Two-character sequences (ESC c, ESC 7 …) and ESC with
		// intermediates (ESC ( B): skip intermediates and one final byte.
		for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
			i++
		}
		if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
			i++
		}
		return i
	}
}

// skipC1 skips the body of a control sequence starting at s[i]. For a CSI
// body it stops after the final byte; for a string body (OSC, DCS …) it
// stops after BEL, ESC \ or the 8-bit ST, or at the end of s.
func skipC1(s string, i int, csi bool) int {
	if csi {
		for i < len(s) {
			c := s[i]
			if c < 0x20 || c > 0x7e {
				return i // malformed: the sequence ends here, keep the byte
			}
			i++
			if c >= 0x40 {
				return i // final byte
			}
		}
		return i
	}
	for i < len(s) {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\':
			return i + 2
		case strings.HasPrefix(s[i:], "\u009c"):
			return i + len("\u009c")
		}
		i++
	}
	return i
}

// tidyLines trims trailing spaces on each line and blank lines at both ends.
func tidyLines(s string) string {
	if !strings.ContainsAny(s, " \n") {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	for len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines, "\n")
}
