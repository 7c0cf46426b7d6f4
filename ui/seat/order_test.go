package seat

import (
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"ttx/exercise/session"
)

// TestInboxOrdersReleasesOfOneInstant: messages released at the same
// instant are listed newest release first, as the inbox's order says,
// whatever their order in the scenario; the selection stays on the
// message the participant had selected; a seat opened afterwards lists
// them in the same order.
func TestInboxOrdersReleasesOfOneInstant(t *testing.T) {
	at := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	sess := liveSession(t, func() time.Time { return at }, rosterOf(police)...)
	fac := session.Facilitator("ana")
	release := func(id string) {
		t.Helper()
		if _, err := sess.Do(fac, session.Release{Inject: id}); err != nil {
			t.Fatal(err)
		}
	}
	release("D-03")
	m := New(sess, police, Options{ViewOptions: never})
	defer m.Close()
	m.Update(tea.WindowSizeMsg{Width: 110, Height: 30})
	// D-02 comes before D-03 in the scenario and is released after it, in
	// the same instant; then D-04, after both in the scenario.
	release("D-02")
	catchUp(t, m)
	release("D-04")
	got := ansi.Strip(catchUp(t, m))
	titles := []string{"Crowd building", "999 call", "First crews"}
	if order := listed(got, titles); !slices.Equal(order, titles) {
		t.Errorf("released D-03, D-02, D-04 in one instant; the inbox lists %q, want newest first %q:\n%s", order, titles, got)
	}
	if i := m.body.(*inboxBody).inbox.Selected(); sess.State().Scenario.Injects[i].ID != "D-03" {
		t.Errorf("the selection moved to %s; the participant had D-03 selected", sess.State().Scenario.Injects[i].ID)
	}
	// Two at once, the later in the scenario released first: the status
	// line names the one released last, which is the one on top.
	release("D-07")
	release("D-06")
	got = ansi.Strip(catchUp(t, m))
	if !strings.Contains(got, "2 new messages, the latest at T+00:00:00: Social media video") {
		t.Errorf("D-07 then D-06 released in one instant; the status line does not name D-06 as the latest:\n%s", got)
	}
	titles = append([]string{"Social media", "Source found"}, titles...)
	if order := listed(got, titles); !slices.Equal(order, titles) {
		t.Errorf("the inbox lists %q, want newest first %q:\n%s", order, titles, got)
	}
	fresh := New(sess, police, Options{ViewOptions: never})
	defer fresh.Close()
	fresh.Update(tea.WindowSizeMsg{Width: 110, Height: 30})
	if order := listed(ansi.Strip(fresh.View()), titles); !slices.Equal(order, titles) {
		t.Errorf("a seat opened afterwards lists %q, want %q", order, titles)
	}
}

// listed returns titles in the order their first lines appear in screen.
func listed(screen string, titles []string) []string {
	var order []string
	for l := range strings.SplitSeq(screen, "\n") {
		for _, title := range titles {
			if strings.Contains(l, "00:00:00 "+title) && !slices.Contains(order, title) {
				order = append(order, title)
			}
		}
	}
	return order
}
