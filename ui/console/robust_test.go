package console

import (
	"math/rand/v2"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"ttx/exercise/session"
	"ttx/exercise/text"
)

// hostileTexts are what a careless or malicious participant might type.
var hostileTexts = []string{
	"\x1b[2J\x1b[H\x1b[31mCLEARED YOUR SCREEN\x1b[0m",
	"\x1b]0;new window title\x07\x1b]52;c;Y29weQ==\x07osc",
	"right-to-left \u202eTRATS\u202c override",
	strings.Repeat("very-long-line-without-spaces-", 200),
	"emoji 👩‍🚒🚒🧯 and combining e\u0301\u0301\u0301 and wide 漢字漢字",
	strings.Repeat("many\n", 300),
}

func TestHostileTextIsStoredSafelyAndFitsTheScreen(t *testing.T) {
	m, s := testConsole(t, "demo")
	// What a record holds of each: a longer text is refused whole
	// (TestLongTextIsRefusedNotCut), so the person shortens it first.
	upTo := func(s string, n int) string { r := []rune(s); return string(r[:min(len(r), n)]) }
	for i, s0 := range hostileTexts {
		if _, err := s.Do(ana, session.RecordDecision{Team: "police", Who: upTo(s0, text.MaxName), Text: upTo(s0, text.MaxText), Inject: "D-01"}); err != nil {
			t.Fatalf("text %d: %v", i, err)
		}
	}
	for _, d := range s.State().Decisions.All() {
		for _, bad := range []string{"\x1b", "\u202e", "\x07"} {
			if strings.Contains(d.Text+d.Who, bad) {
				t.Errorf("a control sequence %q was stored", bad)
			}
		}
	}
	for _, size := range [][2]int{{80, 24}, {120, 40}, {60, 15}} {
		m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		m.setState(s.State())
		checkFits(t, m.View(), size[0], size[1])
	}
}

// checkFits asserts the view is no wider or taller than the terminal and
// carries no escape sequence of its own (the tests use no colour).
func checkFits(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) > h {
		t.Errorf("%dx%d: the view has %d lines", w, h, len(lines))
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw > w {
			t.Errorf("%dx%d: line %d is %d cells wide", w, h, i+1, lw)
		}
		if strings.Contains(l, "\x1b]") || strings.Contains(l, "\x1b[2J") || strings.Contains(l, "\u202e") {
			t.Errorf("%dx%d: line %d carries a control sequence: %q", w, h, i+1, l)
		}
	}
}

func TestTinyHugeAndRapidlyResizedTerminals(t *testing.T) {
	m, s := testConsole(t, "london")
	s.Do(ana, session.Release{Inject: "L-01"})
	s.Do(ana, session.RecordDecision{Team: "met", Text: "Cordon", Inject: "L-01"})
	m.setState(s.State())
	sizes := [][2]int{{20, 5}, {1, 1}, {59, 14}, {60, 15}, {80, 24}, {300, 100}, {0, 0}}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		sizes = append(sizes, [2]int{rng.IntN(320), rng.IntN(110)})
	}
	for _, sz := range sizes {
		m.Update(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		v := m.View()
		if sz[0] == 0 {
			continue
		}
		if sz[0] < minWidth || sz[1] < minHeight {
			if sz[0] >= 30 && sz[1] >= 3 && !strings.Contains(v, "too small") {
				t.Errorf("%dx%d: no 'too small' notice", sz[0], sz[1])
			}
			continue
		}
		checkFits(t, v, sz[0], sz[1])
	}
	// Keys keep working after all that.
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")})
	if !strings.Contains(m.View(), "MSEL") {
		t.Error("the console did not come back")
	}
}
