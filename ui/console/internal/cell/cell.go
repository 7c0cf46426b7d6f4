// Package cell is the control cell's forms on the console: the requests
// for information waiting (their age, who holds them) to claim, give back
// or answer as a simulated organisation; a live inject; the lead handed
// over. The forms only build commands; the console sends them.
package cell

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"ttx/exercise/digest"
	"ttx/exercise/event"
	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/exercise/text"
	"ttx/ui/form"
	"ttx/ui/internal/draw"
	"ttx/ui/pane"
)

// Do sends c to the session as the console's actor; what names it on the
// status line when it is saved.
type Do func(what string, c session.Command) tea.Cmd

// values are what the forms bind to; they outlive a failed save.
type values struct {
	Request, As, Text, Title, Body, Channel, To, Lead string
	Teams                                             []string
}

func modal(th *huh.Theme, title, hint string, w int, build func() []huh.Field, submit func() (tea.Cmd, error)) (*form.Modal, tea.Cmd) {
	return form.NewModal(th, title, hint, w, build, submit)
}

// Waiting returns the requests for information not yet answered, oldest
// first, each labelled with its age at now, its team, whom it asks and
// who holds it: what every controller sees of the requests.
func Waiting(s *event.State, now time.Duration, w int) []huh.Option[string] {
	var opts []huh.Option[string]
	for _, r := range s.OpenRequests() {
		label := fmt.Sprintf("%s waiting · %s", scenario.FormatOffset(max(now-r.T, 0)), pane.TeamName(s.Scenario, r.Team))
		if o := s.Scenario.Org(r.To); o != nil {
			label += " → " + o.Name
		}
		if c, held := s.ClaimOf(r.Seq); held {
			label += " · held by " + strings.SplitN(c.By, ":", 2)[1]
		}
		label += ": " + strings.ReplaceAll(r.Text, "\n", " ")
		opts = append(opts, huh.NewOption(draw.Truncate(label, w-4), strconv.FormatInt(r.Seq, 10)))
	}
	return opts
}

// asOptions are the organisations a may speak as: a SimCell member's own,
// or for a controller the control cell and every simulated organisation.
func asOptions(s *event.State, a session.Actor) []huh.Option[string] {
	var opts []huh.Option[string]
	if a.Role != scenario.RoleSimCell {
		opts = append(opts, huh.NewOption("the control cell", ""))
	}
	p := s.Person(a.Name)
	for _, o := range s.Scenario.Simulated {
		if a.Role != scenario.RoleSimCell || p != nil && slices.Contains(p.Plays, o.ID) {
			opts = append(opts, huh.NewOption(o.Name, o.ID))
		}
	}
	return opts
}

// Answer is the form that answers a waiting request, as an organisation
// when the scenario simulates some. It returns nil when none is waiting.
func Answer(th *huh.Theme, s *event.State, a session.Actor, now time.Duration, w int, do Do) (*form.Modal, tea.Cmd) {
	opts := Waiting(s, now, w)
	if len(opts) == 0 {
		return nil, nil
	}
	v := &values{Request: opts[0].Value}
	if r := s.Recorded(seqOf(v.Request)); r != nil {
		v.As = r.To
	}
	as := asOptions(s, a)
	build := func() []huh.Field {
		fields := []huh.Field{form.NewPick("Request, oldest first (words in it or ↑/↓)", "request", opts, &v.Request).Narrow(min(len(opts), 6))}
		if len(s.Scenario.Simulated) > 0 && len(as) > 0 {
			fields = append(fields, form.NewPick("Answer as (←/→)", "as", as, &v.As).Inline())
		}
		return append(fields, huh.NewText().Title("Answer").Key("text").Value(&v.Text).Lines(4).CharLimit(form.TextRoom))
	}
	submit := func() (tea.Cmd, error) {
		if strings.TrimSpace(v.Text) == "" {
			return nil, form.InField("text", fmt.Errorf("write the answer before saving"))
		}
		if err := form.Fits("text", v.Text, text.MaxText); err != nil {
			return nil, err
		}
		seq := seqOf(v.Request)
		if seq < 0 {
			return nil, fmt.Errorf("no request matches what was typed: choose one (↑/↓, or words in it)")
		}
		return do("Answer sent", session.AnswerRequest{Request: seq, Text: v.Text, As: v.As}), nil
	}
	return modal(th, "Answer a request for information", "tab next field · enter new line · ctrl+s send · esc cancel", w, build, submit)
}

// Claim is the form that claims a waiting request, or gives back one the
// actor holds. It returns nil when none is waiting.
func Claim(th *huh.Theme, s *event.State, a session.Actor, now time.Duration, w int, do Do) (*form.Modal, tea.Cmd) {
	opts := Waiting(s, now, w)
	if len(opts) == 0 {
		return nil, nil
	}
	v := &values{Request: opts[0].Value}
	build := func() []huh.Field {
		return []huh.Field{form.NewPick("Claim, or give back one you hold (words in it or ↑/↓)", "request", opts, &v.Request).Narrow(min(len(opts), 8))}
	}
	submit := func() (tea.Cmd, error) {
		seq := seqOf(v.Request)
		if seq < 0 {
			return nil, fmt.Errorf("no request matches what was typed: choose one (↑/↓, or words in it)")
		}
		if c, held := s.ClaimOf(seq); held && c.By == a.By() {
			return do("Request given back", session.UnclaimRequest{Request: seq}), nil
		}
		return do("Request claimed: you answer it", session.ClaimRequest{Request: seq}), nil
	}
	return modal(th, "Requests for information waiting", "enter claim or give back · esc cancel", w, build, submit)
}

// Live is the form of a live inject: from an organisation, to chosen
// teams, with a title, channel and body, released when it is sent.
func Live(th *huh.Theme, s *event.State, a session.Actor, w int, do Do) (*form.Modal, tea.Cmd) {
	as := asOptions(s, a)
	v := &values{Channel: "phone"}
	if len(as) > 0 {
		v.As = as[0].Value
	}
	teams := make([]huh.Option[string], 0, len(s.Scenario.Teams))
	for _, t := range s.Scenario.Teams {
		teams = append(teams, huh.NewOption(t.Name, t.ID))
	}
	build := func() []huh.Field {
		fields := []huh.Field{}
		if len(as) > 0 {
			fields = append(fields, form.NewPick("From (←/→)", "as", as, &v.As).Inline())
		}
		return append(fields,
			huh.NewMultiSelect[string]().Title("To (space to choose)").Key("to").Options(teams...).Value(&v.Teams).Height(min(len(teams)+2, 7)),
			huh.NewInput().Title("Title").Key("title").Value(&v.Title).CharLimit(form.TextRoom),
			huh.NewInput().Title("Channel").Key("channel").Value(&v.Channel).CharLimit(form.TextRoom),
			huh.NewText().Title("Body").Key("body").Value(&v.Body).Lines(4).CharLimit(form.TextRoom))
	}
	submit := func() (tea.Cmd, error) {
		switch {
		case len(v.Teams) == 0:
			return nil, form.InField("to", fmt.Errorf("choose the teams it goes to (space)"))
		case strings.TrimSpace(v.Title) == "":
			return nil, form.InField("title", fmt.Errorf("give it a one-line title"))
		}
		for _, f := range []struct{ key, s string }{{"title", v.Title}, {"channel", v.Channel}} {
			if err := form.FitsLine(f.key, f.s, text.MaxName); err != nil {
				return nil, err
			}
		}
		if err := form.Fits("body", v.Body, text.MaxText); err != nil {
			return nil, err
		}
		return do("Live inject sent", session.SendInject{As: v.As, Title: v.Title, Body: v.Body, Channel: v.Channel, To: v.Teams}), nil
	}
	return modal(th, "Live inject", "tab next field · space choose · ctrl+s send · esc cancel", w, build, submit)
}

// Lead is the form that hands the lead to another controller. It returns
// nil when there is no one to hand it to.
func Lead(th *huh.Theme, s *event.State, a session.Actor, w int, do Do) (*form.Modal, tea.Cmd) {
	var opts []huh.Option[string]
	if name, ok := strings.CutPrefix(s.OpenedBy, scenario.RoleFacilitator+":"); ok && s.OpenedBy != a.By() {
		opts = append(opts, huh.NewOption(name+" (the console)", name))
	}
	for _, p := range s.Roster {
		if p.Role == scenario.RoleController && p.Role+":"+p.Name != a.By() {
			opts = append(opts, huh.NewOption(p.Name, p.Name))
		}
	}
	if len(opts) == 0 {
		return nil, nil
	}
	v := &values{Lead: opts[0].Value}
	build := func() []huh.Field {
		return []huh.Field{form.NewPick("Hand the lead to (words or ↑/↓)", "lead", opts, &v.Lead).Narrow(min(len(opts), 6))}
	}
	submit := func() (tea.Cmd, error) {
		return do("Lead handed to "+v.Lead, session.HandLead{To: v.Lead}), nil
	}
	return modal(th, "Hand over the lead", "enter hand over · esc cancel", w, build, submit)
}

func seqOf(v string) int64 {
	seq, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return -1
	}
	return seq
}

// Who names the console's actor for its header over SSH: name, role,
// and the lead or their scope.
func Who(s *event.State, a session.Actor) string {
	who := a.Name + " · " + a.Role
	p := s.Person(a.Name)
	switch {
	case s.IsLead(a.By()):
		who += " · lead"
	case p != nil && len(p.Plays) > 0:
		var names []string
		for _, id := range p.Plays {
			if o := s.Scenario.Org(id); o != nil {
				names = append(names, o.Name)
			}
		}
		who += " · plays " + strings.Join(names, ", ")
	case p != nil && p.Scoped():
		who += " · scope " + strings.Join(append(slices.Clone(p.Teams), p.Injects...), ", ")
	}
	return who
}

// Leave asks the lead at a console over SSH whether to leave, or to end
// the session for everyone (end).
func Leave(th *huh.Theme, w int, end func() tea.Cmd) (*form.Modal, tea.Cmd) {
	var confirm bool
	build := func() []huh.Field {
		return []huh.Field{
			huh.NewConfirm().Title("Leave the console, or end the session for everyone?").
				Description("Ending records session.closed and seals the file; leaving lets the session go on.").
				Affirmative("End session").Negative("Leave").Value(&confirm),
		}
	}
	submit := func() (tea.Cmd, error) {
		if !confirm {
			return tea.Quit, nil
		}
		return end(), nil
	}
	return modal(th, "Leave", "←/→ choose · enter confirm · esc stay", w, build, submit)
}

// Digest lists what the person called name missed since they last left
// (digest.For): the injects released, the decisions, the answers and the
// notes, and the requests still waiting, the newest of each kind last.
func Digest(th *huh.Theme, s *event.State, name string, now time.Duration, w int) (*form.Modal, tea.Cmd) {
	d := digest.For(s, name)
	line := func(e event.Entry) string {
		who := pane.TeamName(s.Scenario, e.Team)
		if e.Kind == event.NoteRecorded {
			who = strings.SplitN(e.By, ":", 2)[1]
		}
		return draw.Truncate(fmt.Sprintf("  %s %s: %s", scenario.FormatOffset(e.T), who, strings.Join(strings.Fields(e.Text), " ")), w-6)
	}
	var b strings.Builder
	section := func(title string, n int, each func(i int) string) {
		fmt.Fprintf(&b, "%s (%d)\n", title, n)
		for i := max(n-5, 0); i < n; i++ {
			b.WriteString(each(i) + "\n")
		}
	}
	section("Released", len(d.Released), func(i int) string {
		k := d.Released[i]
		return draw.Truncate(fmt.Sprintf("  %s %s %s", scenario.FormatOffset(s.Injects.At(k).ReleasedT), s.Scenario.Injects[k].ID, s.Scenario.Injects[k].Title), w-6)
	})
	section("Decisions", d.Decisions.Len(), func(i int) string { return line(d.Decisions.At(i)) })
	section("Notes", len(d.Notes), func(i int) string { return line(d.Notes[i]) })
	section("Requests waiting", len(d.Open), func(i int) string {
		r := d.Open[i]
		r.T = max(now-r.T, 0) // its age
		return line(r)
	})
	title := "Since you left"
	if d.Since < 0 {
		title = "So far"
	}
	build := func() []huh.Field { return []huh.Field{huh.NewNote().Title(title).Description(b.String())} }
	return modal(th, "What happened", "enter or esc close", w, build, func() (tea.Cmd, error) { return nil, nil })
}
