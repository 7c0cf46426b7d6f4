package console

import (
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"ttx/exercise/session"
	"ttx/injects"
	"ttx/ui/pane"
	"ttx/ui/theme"
)

// wallClock is a wall clock a test moves by hand.
type wallClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *wallClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *wallClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// clockConsole is testConsole with a wall clock the test moves.
func clockConsole(t *testing.T, scenarioName string) (*Model, *session.Session, *wallClock) {
	t.Helper()
	t.Chdir(t.TempDir())
	sc, probs := injects.Load(scenarioName)
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	c := &wallClock{t: t0}
	s, err := session.Create("session.jsonl", sc, scenarioName, ana, session.Options{Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Abandon() })
	m := New(s, Options{Facilitator: ana, ViewOptions: theme.ViewOptions{Now: c.Now, Location: time.UTC, MarkdownStyle: "dark", Tick: time.Hour}})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	return m, s, c
}

// keys are what press sends: a string is typed a key at a time (as a
// person types, not as one chunk), a tea.KeyType is that key.
func press(m *Model, keys ...any) {
	for _, k := range keys {
		switch k := k.(type) {
		case string:
			for _, r := range k {
				m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
			}
		case tea.KeyType:
			m.Update(tea.KeyMsg{Type: k})
		}
	}
}

// saved presses ctrl+s (or enter, for a one-line form) and hands the
// console what the session said; it returns the session's refusal, or
// an error when the form did not send anything.
func saved(t *testing.T, m *Model, k tea.KeyType) error {
	t.Helper()
	_, cmd := m.Update(tea.KeyMsg{Type: k})
	if cmd == nil {
		t.Fatalf("nothing was sent:\n%s", m.View())
	}
	d, ok := cmd().(doneMsg)
	if !ok {
		t.Fatalf("the form sent no command:\n%s", m.View())
	}
	m.Update(d)
	return d.err
}

// londonAt10 is the London exercise at T+00:10 with L-01 to L-05
// released and the timeline on the next inject (L-06, to met and lfb).
func londonAt10(t *testing.T) (*Model, *session.Session, *wallClock) {
	m, s, c := clockConsole(t, "london")
	for _, cmd := range []session.Command{session.JumpClock{To: 10 * time.Minute},
		session.Release{Inject: "L-01"}, session.Release{Inject: "L-02"}, session.Release{Inject: "L-03"},
		session.Release{Inject: "L-04"}, session.Release{Inject: "L-05"}} {
		if _, err := s.Do(ana, cmd); err != nil {
			t.Fatal(err)
		}
	}
	m.setState(s.State())
	m.timeline.SelectNextDue()
	m.refreshDetail()
	if in := s.State().Scenario.Injects[m.timeline.Selected()]; in.ID != "L-06" || in.To[0] != "met" {
		t.Fatalf("the console is on %s to %v, not L-06 to met", in.ID, in.To)
	}
	return m, s, c
}

// TestADecisionByAnotherTeamInFourKeys: a decision said aloud by a team
// other than the one the form starts on takes four keys beyond its
// words (d, the team's number, tab, ctrl+s), and answers the inject last
// released to that team. It took eleven: d, five → to reach the team,
// two tabs past who, and a tab and → to the inject, then ctrl+s; and the
// team list took no type-ahead.
func TestADecisionByAnotherTeamInFourKeys(t *testing.T) {
	m, s, _ := londonAt10(t)
	press(m, "d", "6", tea.KeyTab, "Close Waterloo and Vauxhall stations")
	if err := saved(t, m, tea.KeyCtrlS); err != nil {
		t.Fatal(err)
	}
	d := s.State().Decisions.Slice()
	if len(d) != 1 || d[0].Team != "tfl" || d[0].Inject != "L-05" || d[0].Text != "Close Waterloo and Vauxhall stations" {
		t.Fatalf("decisions: %+v; want TfL's, answering L-05 (the last released to TfL)", d)
	}
}

// TestTeamTypeAhead: a team is chosen by its number or the first letters
// of its id, name or initials; what matches nothing leaves the choice and
// says so; the arrows still move it.
func TestTeamTypeAhead(t *testing.T) {
	for _, c := range []struct {
		typed, team string
	}{
		{"6", "tfl"}, {"tfl", "tfl"}, {"trans", "tfl"}, {"4", "las"}, {"lfb", "lfb"}, {"london f", "lfb"},
		{"Bor", "borough"}, {"may", "gla"}, {"gla", "gla"}, {"btp", "btp"}, {"b", "btp"}, {"7", "gla"},
		{"zz", "met"}, {"6x", "tfl"}, {"tx", "tfl"},
	} {
		m, _, _ := londonAt10(t)
		press(m, "d", c.typed)
		if m.modal == nil {
			t.Fatalf("%q: the form closed", c.typed)
		}
		v := m.View()
		if got := chosenTeam(v); got != c.team {
			t.Errorf("typed %q: team %q, want %q:\n%s", c.typed, got, c.team, v)
		}
		if strings.ContainsAny(c.typed, "xz") && !strings.Contains(v, "no team matches") {
			t.Errorf("typed %q: the form does not say it matched no team:\n%s", c.typed, v)
		}
	}
	m, _, _ := londonAt10(t)
	press(m, "d", "tfl", tea.KeyRight)
	if got := chosenTeam(m.View()); got != "gla" {
		t.Errorf("→ after tfl: %q, want gla", got)
	}
}

// chosenTeam reads the team the decision form shows.
func chosenTeam(view string) string {
	for id, name := range map[string]string{"met": "1 Metropolitan Police", "btp": "2 British Transport Police",
		"lfb": "3 London Fire Brigade", "las": "4 London Ambulance Service", "borough": "5 Borough emergency planning",
		"tfl": "6 Transport for London", "gla": "7 Mayor's Office and GLA"} {
		if strings.Contains(view, name) {
			return id
		}
	}
	return ""
}

// TestWhoAndInjectFollowTheTeam: who spoke starts as the last who the
// console saved for that team, and changes with the team unless it was
// typed; the inject answered is the one last released to the team, and
// an inject id typed chooses it.
func TestWhoAndInjectFollowTheTeam(t *testing.T) {
	m, s, _ := londonAt10(t)
	press(m, "d", "met", tea.KeyTab, "Cordon", tea.KeyTab, tea.KeyTab, "Gold")
	if err := saved(t, m, tea.KeyCtrlS); err != nil {
		t.Fatal(err)
	}
	press(m, "d", "lfb", tea.KeyTab, "Hazmat team", tea.KeyTab, tea.KeyTab, "Silver")
	if err := saved(t, m, tea.KeyCtrlS); err != nil {
		t.Fatal(err)
	}
	press(m, "d", "lfb")
	if v := m.View(); !strings.Contains(v, "> Silver") || !strings.Contains(v, "L-04 · ") {
		t.Errorf("LFB's form does not start with Silver and L-04:\n%s", v)
	}
	press(m, tea.KeyBackspace, tea.KeyBackspace, tea.KeyBackspace, "met")
	if v := m.View(); !strings.Contains(v, "> Gold") || !strings.Contains(v, "L-03 · ") {
		t.Errorf("the Met's form does not start with Gold and L-03:\n%s", v)
	}
	// An inject typed by its number; who typed stays when the team changes.
	press(m, tea.KeyTab, "Armed response", tea.KeyTab, tea.KeyTab, tea.KeyCtrlU, "Bronze", tea.KeyTab, tea.KeyTab, "1")
	press(m, tea.KeyShiftTab, tea.KeyShiftTab, tea.KeyShiftTab, tea.KeyShiftTab, tea.KeyShiftTab, "las")
	if err := saved(t, m, tea.KeyCtrlS); err != nil {
		t.Fatal(err)
	}
	d := s.State().Decisions.Slice()
	if got := d[len(d)-1]; got.Team != "las" || got.Who != "Bronze" || got.Inject != "L-01" {
		t.Errorf("last decision: %+v; want LAS, Bronze, L-01", got)
	}
	press(m, "d", "met")
	if v := m.View(); !strings.Contains(v, "> Gold") {
		t.Errorf("the Met's who was forgotten:\n%s", v)
	}
}

// TestDecisionIsSaidWhenTheFormOpens: a decision is stamped with the
// exercise time when its form was opened, shown in the form, not when it
// was saved minutes later; its rationale and stage are journaled. It was
// stamped when saved.
func TestDecisionIsSaidWhenTheFormOpens(t *testing.T) {
	m, s, c := clockConsole(t, "demo")
	if _, err := s.Do(ana, session.StartClock{}); err != nil {
		t.Fatal(err)
	}
	m.setState(s.State())
	c.Add(42 * time.Second)
	press(m, "d")
	if v := m.View(); !strings.Contains(v, "said at T+00:00:42") {
		t.Errorf("the form does not say when it was said:\n%s", v)
	}
	c.Add(3 * time.Minute)
	press(m, "2", tea.KeyTab, "Evacuate the eastbound platform", tea.KeyTab, "Smoke is spreading", tea.KeyTab, tea.KeyTab, "as")
	if err := saved(t, m, tea.KeyCtrlS); err != nil {
		t.Fatal(err)
	}
	d := s.State().Decisions.Slice()
	if len(d) != 1 {
		t.Fatalf("%d decisions", len(d))
	}
	if d[0].SaidT != 42*time.Second || d[0].T != 3*time.Minute+42*time.Second {
		t.Errorf("said at %v, saved at %v; want said at 42s, saved at 3m42s", d[0].SaidT, d[0].T)
	}
	if d[0].Team != "fire" || d[0].Rationale != "Smoke is spreading" || d[0].Stage != "assessment" {
		t.Errorf("decision: %+v", d[0])
	}
}

// TestDelayFormStartsEmpty: typing 10 in the delay form delays by ten
// minutes (it held a 5, and 10 typed after it delayed by 510); a negative
// number brings an inject earlier, never before T+0, and the refusal is
// shown in the form with what was typed kept.
func TestDelayFormStartsEmpty(t *testing.T) {
	m, s, _ := clockConsole(t, "demo")
	m.timeline.Select(s.State().Scenario.InjectIndex("D-06")) // at 00:07
	press(m, "D", "10")
	if err := saved(t, m, tea.KeyEnter); err != nil {
		t.Fatal(err)
	}
	st := s.State()
	i := st.Scenario.InjectIndex("D-06")
	if st.Injects.At(i).Delay != 10*time.Minute {
		t.Fatalf("D-06 delayed by %v, want 10m", st.Injects.At(i).Delay)
	}
	press(m, "D", "-20")
	err := saved(t, m, tea.KeyEnter)
	if err == nil || !strings.Contains(err.Error(), "before T+0") {
		t.Fatalf("bringing D-06 (due at T+00:17) 20 min earlier: %v", err)
	}
	if v := m.View(); m.modal == nil || !strings.Contains(v, "-20") || !strings.Contains(v, "at most 17 min earlier") {
		t.Fatalf("the refusal is not in the form with -20 kept:\n%s", v)
	}
	press(m, tea.KeyBackspace, tea.KeyBackspace, "12")
	if err := saved(t, m, tea.KeyEnter); err != nil {
		t.Fatal(err)
	}
	if st = s.State(); func() bool { due, _ := st.DueAt(i); return due != 5*time.Minute }() {
		t.Errorf("D-06 due at %v delay, want T+00:05", st.Injects.At(i).Delay)
	}
	if v := m.View(); !strings.Contains(v, "T+00:07 − 2m = T+00:05") {
		t.Errorf("the inject's detail does not say it was brought earlier:\n%s", v)
	}
	if !strings.Contains(m.View(), "D-06 brought 12 min earlier") {
		t.Errorf("no confirmation:\n%s", m.View())
	}
}

// TestReleaseEveryDueInject: R counts the due injects and asks before
// releasing them all at once.
func TestReleaseEveryDueInject(t *testing.T) {
	m, s, _ := clockConsole(t, "demo")
	press(m, "R", tea.KeyEnter) // the confirmation starts on Cancel
	if m.modal != nil || s.State().Injects.At(0).Released {
		t.Fatal("enter on Cancel released or left the form open")
	}
	if _, err := s.Do(ana, session.JumpClock{To: 5 * time.Minute}); err != nil {
		t.Fatal(err)
	}
	m.setState(s.State())
	press(m, "R")
	if v := m.View(); !strings.Contains(v, "Release 3 due injects now?") || !strings.Contains(v, "D-01, D-02, D-03") {
		t.Fatalf("the confirmation does not count the due injects:\n%s", v)
	}
	press(m, tea.KeyLeft)
	if err := saved(t, m, tea.KeyEnter); err != nil {
		t.Fatal(err)
	}
	st := s.State()
	for _, id := range []string{"D-01", "D-02", "D-03"} {
		if !st.Injects.At(st.Scenario.InjectIndex(id)).Released {
			t.Errorf("%s not released", id)
		}
	}
	if !strings.Contains(m.View(), "3 injects released: D-01, D-02, D-03") {
		t.Errorf("no confirmation:\n%s", m.View())
	}
	press(m, "R")
	if m.modal != nil || !strings.Contains(m.View(), "No inject is due") {
		t.Errorf("R with nothing due:\n%s", m.View())
	}
}

// TestBranchOnlyOnceRaisedAndConfirmed: the branch question is not
// offered before the inject that raises it is released, and a choice is
// recorded only once confirmed.
func TestBranchOnlyOnceRaisedAndConfirmed(t *testing.T) {
	m, s, _ := clockConsole(t, "demo")
	press(m, "b")
	if v := m.View(); m.modal != nil || !strings.Contains(v, "asked once D-03 is released") {
		t.Fatalf("b before D-03 is released:\n%s", v)
	}
	if _, err := s.Do(ana, session.Release{Inject: "D-03"}); err != nil {
		t.Fatal(err)
	}
	m.setState(s.State())
	press(m, "b", tea.KeyDown, tea.KeyEnter)
	if v := m.View(); !strings.Contains(v, "Record “Hold trains and passengers; investigate first”?") {
		t.Fatalf("no confirmation of the choice:\n%s", v)
	}
	press(m, tea.KeyEnter) // Cancel
	if m.modal != nil || len(s.State().Choices) != 0 {
		t.Fatal("the choice was recorded without confirmation")
	}
	press(m, "b", tea.KeyDown, tea.KeyEnter, tea.KeyLeft)
	if err := saved(t, m, tea.KeyEnter); err != nil {
		t.Fatal(err)
	}
	if c := s.State().Choices["evacuate"]; c != "hold" {
		t.Errorf("choice %q, want hold", c)
	}
}

// TestDecisionFormGolden: the decision form as a facilitator sees it on
// a small terminal, said-at time and type-ahead shown.
func TestDecisionFormGolden(t *testing.T) {
	m, s := testConsole(t, "london")
	if _, err := s.Do(ana, session.Release{Inject: "L-01"}); err != nil {
		t.Fatal(err)
	}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	tm.Send(pane.StateMsg{State: s.State()})
	tm.Type("d")
	waitFor(t, tm, "said at")
	tm.Type("4")
	waitFor(t, tm, "London Ambulance")
	view := finalView(t, tm)
	checkFits(t, view, 80, 24)
	if err := os.Chdir(pkgDir); err != nil {
		t.Fatal(err)
	}
	golden.RequireEqual(t, []byte(view))
}

// TestEveryChoiceTakesTypeAhead: the answer form finds a request by
// words in it, the note's inject and the roster's team by typing.
func TestEveryChoiceTakesTypeAhead(t *testing.T) {
	m, s, _ := clockConsole(t, "demo")
	m.opts.Serving = "127.0.0.1:2222"
	cctv, err := s.Do(ana, session.RecordRequest{Team: "transport", Text: "Is the platform CCTV available?"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Do(ana, session.RecordRequest{Team: "police", Text: "How many passengers?"}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"D-01", "D-02"} {
		if _, err := s.Do(ana, session.Release{Inject: id}); err != nil {
			t.Fatal(err)
		}
	}
	m.setState(s.State())
	press(m, "a", "cctv", tea.KeyTab, "Yes, screen 3")
	if err := saved(t, m, tea.KeyCtrlS); err != nil {
		t.Fatal(err)
	}
	st := s.State()
	if a, ok := st.AnswerTo(cctv.Seq); !ok || a.Text != "Yes, screen 3" {
		t.Errorf("the CCTV request's answer: %+v %v", a, ok)
	}
	press(m, "n", "Fire crews late", tea.KeyTab, "d-02")
	if err := saved(t, m, tea.KeyCtrlS); err != nil {
		t.Fatal(err)
	}
	if n := s.State().Notes; len(n) != 1 || n[0].Inject != "D-02" {
		t.Errorf("notes: %+v", n)
	}
	press(m, "A", "Lee Chen", tea.KeyTab, tea.KeyTab, "2")
	if err := saved(t, m, tea.KeyCtrlS); err != nil {
		t.Fatal(err)
	}
	if r := s.State().Roster; len(r) == 0 || r[len(r)-1].Name != "Lee Chen" || r[len(r)-1].Team != "fire" {
		t.Errorf("roster: %+v", r)
	}
}

// TestTimeFormSaysWhatItSets: "4:00" is four hours, not four minutes;
// the form says what the clock will read as it is typed, and past the
// planned end of a ten-minute exercise it says so before it is set.
func TestTimeFormSaysWhatItSets(t *testing.T) {
	m, _, _ := clockConsole(t, "demo")
	// The form works out its description in a command, as a program
	// runs it: type and run what each key asks for.
	typed := func(keys ...any) {
		for _, k := range keys {
			var msgs []tea.KeyMsg
			switch k := k.(type) {
			case string:
				for _, r := range k {
					msgs = append(msgs, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
				}
			case tea.KeyType:
				msgs = append(msgs, tea.KeyMsg{Type: k})
			}
			for _, msg := range msgs {
				_, cmd := m.Update(msg)
				settle(m, cmd, 0)
			}
		}
	}
	typed("t", "0:05")
	if v := m.View(); !strings.Contains(v, "sets the clock to T+00:05:00") {
		t.Errorf("the form does not say what 0:05 sets:\n%s", v)
	}
	typed(tea.KeyBackspace, tea.KeyBackspace, tea.KeyBackspace, tea.KeyBackspace, "4:00")
	if v := m.View(); !strings.Contains(v, "past the planned end (T+00:10:00)") || !strings.Contains(v, "write 4:00m") {
		t.Errorf("the form does not warn that 4:00 is past the end:\n%s", v)
	}
}

// settle hands the console what cmd says, and what that asks for in
// turn; a command that waits (a cursor's blink) is left unanswered.
func settle(m *Model, cmd tea.Cmd, depth int) {
	if cmd == nil || depth > 8 {
		return
	}
	got := make(chan tea.Msg, 1)
	go func() { got <- cmd() }()
	select {
	case msg := <-got:
		switch msg := msg.(type) {
		case nil:
		case tea.BatchMsg:
			for _, c := range msg {
				settle(m, c, depth+1)
			}
		default:
			_, next := m.Update(msg)
			settle(m, next, depth+1)
		}
	case <-time.After(50 * time.Millisecond):
	}
}
