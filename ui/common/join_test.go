package common

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
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
// lipgloss.JoinHorizontal(lipgloss.Top), byte for byte.
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
