package draw

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"ttx/ui/theme"
)

// TestWidthNarrowRunes: every rune Width counts as one cell is one cell to
// ansi.StringWidth, alone and between letters.
func TestWidthNarrowRunes(t *testing.T) {
	checked := 0
	for r := rune(0); r <= 0x2fff; r++ {
		if !narrow(r) {
			continue
		}
		checked++
		for _, s := range []string{string(r), "a" + string(r) + "b", string(r) + string(r)} {
			if got, want := Width(s), ansi.StringWidth(s); got != want {
				t.Errorf("Width(%q) = %d, ansi.StringWidth = %d", s, got, want)
			}
		}
	}
	if checked < 500 {
		t.Fatalf("only %d narrow runes checked", checked)
	}
}

// widthPieces are what the drawn lines are made of, and what breaks the
// counting: wide runes, combining marks, joiners, flags, controls, broken
// escapes and bytes that are not UTF-8.
var widthPieces = []string{
	"a", "Z", " ", "0", "é", "ß", "│", "─", "╭", "╯", "▲", "•", "…", "→", "·", "×", "—",
	"\x1b[0m", "\x1b[1;38;2;255;0;0m", "\x1b[38;5;12m", "\x1b[K", "\x1b[?25l", "\x1b[ 0A", "\x1b[<1;2M", "\x1b[", "\x1b", "\x1b]8;;http://x\x1b\\",
	"\u0301", "\u200d", "\ufe0f", "日", "本", "🚒", "👩\u200d🚒", "🇬🇧", "\t", "\r", "\x00", "\xff", "\xe2\x94",
	"\u00ad", "\u200b", "ㅎ", "\u1161",
}

func randomLine(rng *rand.Rand) string {
	var b strings.Builder
	for range rng.IntN(12) {
		b.WriteString(widthPieces[rng.IntN(len(widthPieces))])
	}
	return b.String()
}

// TestWidthAndJoinsMatchLipgloss: on random lines and blocks of the
// pieces above, Width is ansi.StringWidth, JoinLeft is
// lipgloss.JoinVertical(lipgloss.Left) and JoinTop is
// lipgloss.JoinHorizontal(lipgloss.Top), and Center is lipgloss.Place in
// the middle, byte for byte.
func TestWidthAndJoinsMatchLipgloss(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	block := func() string {
		lines := make([]string, rng.IntN(5))
		for i := range lines {
			lines[i] = randomLine(rng)
		}
		return strings.Join(lines, "\n")
	}
	for range 20000 {
		s := randomLine(rng)
		if got, want := Width(s), ansi.StringWidth(s); got != want {
			t.Fatalf("Width(%q) = %d, ansi.StringWidth = %d", s, got, want)
		}
	}
	for range 3000 {
		a, b, c := block(), block(), block()
		if got, want := JoinLeft(a, b, c), lipgloss.JoinVertical(lipgloss.Left, a, b, c); got != want {
			t.Fatalf("JoinLeft(%q, %q, %q) =\n%q\nlipgloss:\n%q", a, b, c, got, want)
		}
		if got, want := JoinTop(a, b), lipgloss.JoinHorizontal(lipgloss.Top, a, b); got != want {
			t.Fatalf("JoinTop(%q, %q) =\n%q\nlipgloss:\n%q", a, b, got, want)
		}
		w, h := rng.IntN(30), rng.IntN(8)
		if got, want := Center(w, h, a), lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, a); got != want {
			t.Fatalf("Center(%d, %d, %q) =\n%q\nlipgloss:\n%q", w, h, a, got, want)
		}
	}
}

// FuzzWidth holds Width to ansi.StringWidth on any string.
func FuzzWidth(f *testing.F) {
	for _, p := range widthPieces {
		f.Add("│ " + p + " \x1b[1m" + p + "\x1b[0m│")
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Width(s), ansi.StringWidth(s); got != want {
			t.Fatalf("Width(%q) = %d, ansi.StringWidth = %d", s, got, want)
		}
	})
}

// paneFrame is Frame in a pane's styles, as the panes draw it.
func paneFrame(st *theme.Styles, title, content string, width, height int, focused bool) string {
	if focused {
		return Frame(&st.PaneFocus, &st.PaneTitle, title, content, width, height)
	}
	return Frame(&st.Pane, &st.PaneTitle, title, content, width, height)
}

// lipglossFrame is Frame as lipgloss alone draws it.
func lipglossFrame(st *theme.Styles, title, content string, width, height int, focused bool) string {
	box := st.Pane
	if focused {
		box = st.PaneFocus
	}
	w, h := width-box.GetHorizontalFrameSize(), height-box.GetVerticalFrameSize()
	if w < 1 || h < 1 {
		return ""
	}
	return box.Width(w).Height(h).MaxHeight(height).Render(ClipLines(st.PaneTitle.Render(Truncate(title, w))+"\n"+content, h))
}

// TestFrameMatchesLipgloss: on random text of the pieces above, cut to
// the pane's width as the panes cut it or not, in colour and without,
// Frame and FrameCache draw what lipgloss draws, byte for byte, and so
// does a form's box.
func TestFrameMatchesLipgloss(t *testing.T) {
	defer lipgloss.SetColorProfile(lipgloss.ColorProfile())
	rng := rand.New(rand.NewPCG(3, 4))
	handDrawn, boxedByHand := 0, 0
	var boxes Box
	for _, profile := range []termenv.Profile{termenv.Ascii, termenv.TrueColor, termenv.ANSI256} {
		lipgloss.SetColorProfile(profile)
		st := theme.DefaultStyles()
		var fc FrameCache
		for range 4000 {
			width, height := 2+rng.IntN(30), 2+rng.IntN(8)
			lines := make([]string, rng.IntN(10))
			for i := range lines {
				lines[i] = randomLine(rng)
				if rng.IntN(4) > 0 {
					lines[i] = Truncate(lines[i], width-2)
				}
			}
			title, content, focused := randomLine(rng), strings.Join(lines, "\n"), rng.IntN(2) == 0
			want := lipglossFrame(&st, title, content, width, height, focused)
			if got := paneFrame(&st, title, content, width, height, focused); got != want {
				t.Fatalf("%v: Frame(%q, %q, %d, %d, %v) =\n%q\nlipgloss:\n%q", profile, title, content, width, height, focused, got, want)
			}
			box := &st.Pane
			if focused {
				box = &st.PaneFocus
			}
			if got := fc.Frame(box, &st.PaneTitle, title, content, width, height); got != want {
				t.Fatalf("%v: FrameCache.Frame(%q, %q, %d, %d, %v) =\n%q\nlipgloss:\n%q", profile, title, content, width, height, focused, got, want)
			}
			e := edgesOf(st.Pane, width-2)
			if _, ok := e.around(ClipLines(st.PaneTitle.Render(Truncate(title, width-2))+"\n"+content, height-2), height-2); ok {
				handDrawn++
			}
			// A form's box: a border and padding at the sides, as tall
			// as its text, the same edges kept from one to the next.
			if got, want := boxes.Render(&st.Modal, content, width), st.Modal.Width(width).Render(content); got != want {
				t.Fatalf("%v: box(%q, %d) =\n%q\nlipgloss:\n%q", profile, content, width, got, want)
			}
			if e := edgesOf(st.Modal, width); e.ok {
				if _, ok := e.around(content, 0); ok {
					boxedByHand++
				}
			}
		}
	}
	if handDrawn < 2500 || boxedByHand < 1000 {
		t.Fatalf("only %d of 12000 frames and %d boxes were drawn by hand: the test no longer tests the hand path", handDrawn, boxedByHand)
	}
}

// FuzzFrame holds Frame, a form's box and Center to lipgloss on any text.
func FuzzFrame(f *testing.F) {
	f.Add("Feed · 2", "a\n\x1b[1mb\x1b[0m 日本", 20, 6, false)
	f.Add("Message", "🚒\tx\r\n", 12, 4, true)
	st := theme.DefaultStyles()
	f.Fuzz(func(t *testing.T, title, content string, width, height int, focused bool) {
		if hasPrepend(title) || hasPrepend(content) {
			// lipgloss is no reference here (see hasPrepend).
			t.Skip()
		}
		width, height = 2+abs(width)%40, 2+abs(height)%12
		if got, want := paneFrame(&st, title, content, width, height, focused), lipglossFrame(&st, title, content, width, height, focused); got != want {
			t.Fatalf("Frame(%q, %q, %d, %d, %v) =\n%q\nlipgloss:\n%q", title, content, width, height, focused, got, want)
		}
		var e Box
		if got, want := e.Render(&st.Modal, content, width), st.Modal.Width(width).Render(content); got != want {
			t.Fatalf("box(%q, %d) =\n%q\nlipgloss:\n%q", content, width, got, want)
		}
		if got, want := Center(width, height, content), lipgloss.Place(width, height, lipgloss.Center, lipgloss.Center, content); got != want {
			t.Fatalf("Center(%d, %d, %q) =\n%q\nlipgloss:\n%q", width, height, content, got, want)
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// hasPrepend reports whether s holds a character of the grapheme class
// Prepend (U+0601, the Arabic sign sanah, say). ansi.StringWidth, and so
// lipgloss and Width, counts one as joining the character after it into
// one grapheme as wide as the mark alone: "\u0601a" measures 0 where tmux
// draws two cells, and a pane's padding loses a cell to it. Frame and
// lipgloss then disagree by that cell, and neither is what a terminal
// shows: a defect of the width measure itself, left open (the session
// note of 2 December), not one this comparison can judge.
func hasPrepend(s string) bool {
	for _, r := range s {
		switch {
		case r >= 0x0600 && r <= 0x0605, r == 0x06DD, r == 0x070F, r == 0x0890, r == 0x0891, r == 0x08E2, r == 0x0D4E,
			r == 0x110BD, r == 0x110CD, r == 0x111C2, r == 0x111C3, r == 0x1193F, r == 0x11941, r == 0x11A3A,
			r >= 0x11A84 && r <= 0x11A89, r == 0x11D46, r == 0x11F02:
			return true
		}
	}
	return false
}
