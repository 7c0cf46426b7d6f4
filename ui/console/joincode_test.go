package console

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"

	"ttx/exercise/access"
	"ttx/exercise/joincode"
	"ttx/exercise/scenario"
	"ttx/exercise/session"
)

// TestNewJoinCodeIsStrong: the code the facilitator's A offers carries at
// least 40 bits as the roster's rule counts them, so adding the person
// with it is never refused as too easy to guess.
func TestNewJoinCodeIsStrong(t *testing.T) {
	for range 1000 {
		c := joincode.New() // 50 bits, no 0/O or 1/I
		if bits := joincode.Bits(c); bits < joincode.MinBits {
			t.Fatalf("joincode.New() = %q: %.1f bits", c, bits)
		}
	}
}

// TestJoinCodeStaysUntilAKey: the join code the facilitator gives with A
// is on the status line until they press a key, however long that is:
// the session keeps only its hash, so this is the one time it can be
// read out. It showed for six seconds, like any confirmation.
func TestJoinCodeStaysUntilAKey(t *testing.T) {
	m, sess := testConsole(t, "demo")
	var clock atomic.Int64
	clock.Store(t0.UnixNano())
	m.opts.Now = func() time.Time { return time.Unix(0, clock.Load()).UTC() }
	m.opts.Serving = "127.0.0.1:2222"
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(160, 40))
	waitFor(t, tm, "D-01 is due")
	tm.Type("A")
	waitFor(t, tm, "Add a person to the roster")
	tm.Type("Sam Okoro")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlS})
	waitFor(t, tm, "for Sam Okoro, now on the roster")
	st := sess.State()
	if st.Person("Sam Okoro") == nil {
		t.Fatal("Sam Okoro was not added")
	}
	// Ten minutes on, at the next tick: still there.
	clock.Add(int64(10 * time.Minute))
	tm.Send(tickMsg(time.Unix(0, clock.Load())))
	tm.Send(tea.WindowSizeMsg{Width: 160, Height: 40})
	waitFor(t, tm, "T+00:00:00") // the tick and the resize drawn
	v := ansi.Strip(finalView(t, tm))
	code := ""
	if _, after, ok := strings.Cut(v, "Join code "); ok {
		code, _, _ = strings.Cut(after, " ")
	}
	if p := access.ByCode(st.Roster, code); code == "" || p == nil || p.Name != "Sam Okoro" {
		t.Fatalf("ten minutes on, the status line does not give Sam's join code (%q):\n%s", code, v)
	}
	if !strings.Contains(v, "only its hash") {
		t.Fatalf("the status line does not say the code is not kept:\n%s", v)
	}
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")})
	if v := ansi.Strip(m.View()); strings.Contains(v, code) {
		t.Fatalf("a key did not hide the join code:\n%s", v)
	}
}

// TestJNewJoinCode: J gives someone on the roster, chosen by letters of
// their name, a new join code: a weak one is refused with the form kept,
// a good one is said on the status line until a key, lets them in, and
// their old code no longer does. With nobody on the roster, J says so.
func TestJNewJoinCode(t *testing.T) {
	sess, tm := servingConsole(t, "demo", 40, "D-01 is due")
	tm.Type("J")
	waitFor(t, tm, "Nobody is on the roster yet")
	for _, p := range []session.AddPerson{
		{Name: "Sam Okoro", Role: scenario.RoleEvaluator, Code: "SAM1-8E3K-QW"},
		{Name: "Lee Park", Team: "fire", Role: scenario.RoleParticipant, Code: "LEE1-8E3K-QW"},
	} {
		if _, err := sess.Do(ana, p); err != nil {
			t.Fatal(err)
		}
	}
	tm.Type("w")
	waitFor(t, tm, "Lee Park")
	tm.Type("J") // closes the list and opens the form
	waitFor(t, tm, "A new join code")
	// A name that matches no one is refused, not taken as the first.
	tm.Type("zzz")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlS})
	waitFor(t, tm, "no one on the roster matches what was typed")
	// Saved again at once: still no one chosen, though the list shows
	// the first person where the cursor is.
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlS})
	time.Sleep(200 * time.Millisecond)
	if st := sess.State(); access.ByCode(st.Roster, "SAM1-8E3K-QW") == nil { // Sam is first on the roster
		t.Fatal("a name that matched no one gave the first person a new code")
	}
	tm.Type("lee")
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlU})
	tm.Type("abc")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlS})
	waitFor(t, tm, "too easy to guess")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlU})
	tm.Type("kq7m 4trd xw")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlS})
	waitFor(t, tm, "Join code kq7m 4trd xw for Lee Park, in place of theirs")
	st := sess.State()
	if p := access.ByCode(st.Roster, "KQ7M-4TRD-XW"); p == nil || p.Name != "Lee Park" {
		t.Errorf("the new code lets in %v", p)
	}
	if p := access.ByCode(st.Roster, "LEE1-8E3K-QW"); p != nil {
		t.Errorf("Lee's old code still lets in %s", p.Name)
	}
	if p := access.ByCode(st.Roster, "SAM1-8E3K-QW"); p == nil || p.Name != "Sam Okoro" {
		t.Errorf("Sam's code lets in %v", p)
	}
	tm.Type("j")
	if v := ansi.Strip(finalView(t, tm)); strings.Contains(v, "kq7m 4trd xw") {
		t.Errorf("a key did not hide the join code:\n%s", v)
	}
}

// TestAddASimCellMember: A adds a SimCell member with the organisations
// chosen for them to play, in a scenario that simulates some.
func TestAddASimCellMember(t *testing.T) {
	sess, tm := servingConsole(t, "london", 50, "L-01 is due")
	tm.Type("A")
	waitFor(t, tm, "Plays, for a SimCell member")
	tm.Type("Sim Two")
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	tm.Type("si")
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	tm.Type(" ")
	tm.Send(tea.KeyMsg{Type: tea.KeyDown})
	tm.Type(" ")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlS})
	waitFor(t, tm, "for Sim Two, now on the roster")
	st := sess.State()
	p := st.Person("Sim Two")
	if p == nil || p.Role != scenario.RoleSimCell || len(p.Plays) != 2 {
		t.Fatalf("Sim Two on the roster: %+v", p)
	}
	tm.Quit()
}

// servingConsole runs the console as ttx serve does (its seat controls
// on), 160 columns by h rows, on the scenario named, once it shows due.
func servingConsole(t *testing.T, name string, h int, due string) (*session.Session, *teatest.TestModel) {
	t.Helper()
	m, sess := testConsole(t, name)
	m.opts.Serving = "127.0.0.1:2222"
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(160, h))
	waitFor(t, tm, due)
	return sess, tm
}
