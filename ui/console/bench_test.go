package console

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"ttx/exercise/session"
)

// BenchmarkViewLondon120x40 is one frame of the console on the default
// scenario with some decisions in the feed.
func BenchmarkViewLondon120x40(b *testing.B) {
	m, s := testConsole(b, "london")
	for i := range 200 {
		if _, err := s.Do(ana, session.RecordDecision{Team: "met", Text: "Decision text that is long enough to wrap once in the feed pane of the console", Inject: "L-01"}); err != nil {
			b.Fatal(err, i)
		}
	}
	m.Update(stateMsg{s.State()})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	b.ResetTimer()
	for b.Loop() {
		_ = m.View()
	}
}
