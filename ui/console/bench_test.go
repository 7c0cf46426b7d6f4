package console

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/ui/common"
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
	m.Update(common.StateMsg{State: s.State()})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	b.ResetTimer()
	for b.Loop() {
		_ = m.View()
	}
}

// BenchmarkViewThousandInjects100kDecisions is one frame with a 1,000-inject
// MSEL, half released, and 100,000 decisions in the feed, at 200×60.
func BenchmarkViewThousandInjects100kDecisions(b *testing.B) {
	var y strings.Builder
	y.WriteString("title: Big\nduration: 1000h\nteams:\n  - {id: a, name: Alpha}\n  - {id: b, name: Bravo}\ninjects:\n")
	for i := range 1000 {
		fmt.Fprintf(&y, "  - {id: I%04d, at: %dm, title: Inject number %d, to: [a, b], body: A body., expected: Act.}\n", i, i*3, i)
	}
	sc, probs := scenario.Parse("big.yaml", []byte(y.String()))
	if sc == nil {
		b.Fatal(probs)
	}
	b.Chdir(b.TempDir())
	now := func() time.Time { return t0 }
	s, err := session.Create("s.jsonl", sc, "big", ana, session.Options{Now: now})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Abandon()
	st := s.State()
	seq := st.Seq
	add := func(typ string, t time.Duration, data any) {
		e, _ := event.New(typ, "facilitator:ana", t0, t, data)
		seq++
		e.Seq = seq
		st = event.Apply(st, e)
	}
	for i := range 500 {
		add(event.InjectReleased, time.Duration(i*3)*time.Minute, event.InjectChange{Inject: fmt.Sprintf("I%04d", i)})
	}
	for i := range 100000 {
		add(event.DecisionRecorded, time.Duration(i)*time.Second, event.Said{Team: "a", Text: "Hold the cordon and report back to silver.", Inject: fmt.Sprintf("I%04d", i%500)})
	}
	m := New(s, Options{Facilitator: ana, ViewOptions: common.ViewOptions{Now: now, Location: time.UTC, Tick: time.Hour}})
	m.Update(tea.WindowSizeMsg{Width: 200, Height: 60})
	start := time.Now()
	m.setState(st)
	b.ReportMetric(float64(time.Since(start).Microseconds()), "setState-µs")
	for b.Loop() {
		_ = m.View()
	}
}
