package section

import (
	"fmt"
	"strings"
	"time"

	"ttx/exercise/clock"
)

// integrity is the integrity of the record: what verifying the file
// found, first after the handling instructions.
func (b *builder) integrity() Part {
	r, in := b.r, b.r.Integrity
	p := Part{ID: "integrity", Title: "Integrity of the record"}
	para := func(s ...Span) { p.Blocks = append(p.Blocks, Block{Para: s}) }
	switch {
	case in.Intact:
		para(Code("ttx verify"), Text(fmt.Sprintf(" passed: %d events, hash chain intact.", in.Events)))
	case in.Chosen:
		para(Code("ttx verify"), Strong(" failed"), Text(": two lines claim one place in the record. "+in.ChosenSentence()))
	}
	switch {
	case in.Intact:
	case in.NewerLine > 0:
		para(Code("ttx verify"), Strong(" cannot check all of it"), Text(fmt.Sprintf(": %s. The report covers the %d events before line %d.", in.Problem, in.Events, in.NewerLine)))
	case in.Problem != "":
		para(Code("ttx verify"), Strong(" failed"), Text(fmt.Sprintf(": %s. The report covers the %d events before the break.", in.Problem, in.Events)))
	case !in.Chosen:
		para(Code("ttx verify"), Strong(" failed"), Text(": "+in.Summary+"."))
	}
	if in.Forked {
		para(Text(in.ForkSentence()))
	}
	for _, a := range in.SetAside {
		para(Text(a.Sentence()))
	}
	if in.TornBytes > 0 {
		para(Text(fmt.Sprintf("The file ends in a torn line of %d bytes (a write cut short by a crash; never acknowledged).", in.TornBytes)))
	}
	para(Text("Final hash (SHA-256 of the last line): "), Code(in.FinalHash))
	if !r.Sealed {
		para(Text("The session was not closed cleanly (no "), Code("session.closed"), Text(")."))
	}
	if len(r.Unknown) > 0 || len(r.Anomalies) > 0 {
		var list [][]Span
		for _, e := range r.Unknown {
			list = append(list, []Span{Text(fmt.Sprintf("line %d, %s, ", e.Seq+1, clock.Format(e.T))), Code(e.Type), Text(": "), Code(string(e.Data))})
		}
		for _, a := range r.Anomalies {
			list = append(list, []Span{Text(a)})
		}
		p.Blocks = append(p.Blocks, Block{Para: []Span{Text("Events this version of ttx does not know, shown raw, and what it could not apply:")}}, Block{List: list})
	}
	return p
}

// timeline is every inject in timeline order with the decisions and
// actions recorded against it, as corrected: the first tally.Listed of
// them, and how many more the decision log lists (a timeline is the key
// events; at thousands of decisions an inject, the annex is the list).
// The decisions' rows are made as the table is written.
func (b *builder) timeline() Part {
	r := b.r
	p := Part{ID: "timeline", Number: "#", Title: "Timeline"}
	p.Blocks = append(p.Blocks, Block{Para: []Span{Text("Each inject as scheduled and what became of it, with the decisions and actions recorded against it (exercise time saved; time after the inject's release to when it was said).")}})
	t := &Table{Head: []string{"Exercise time", "Inject or team", "What", "After release"}, Widths: []int{2, 4, 10, 2}, Empty: "The scenario has no injects."}
	t.More = func(yield func([]Cell) bool) {
		for _, in := range r.Injects {
			head := []Cell{Plain(Sched(in)), {Strong(in.Inject.ID + " " + in.Inject.Title)},
				{Text(in.Inject.From + " → " + strings.Join(in.Recipients, ", ") + " · "), Em(InjectOutcome(in))}, Plain("")}
			if !yield(head) {
				return
			}
			for _, d := range in.Decisions {
				said := r.Said(d)
				what := []Span{Text(d.Kind())}
				if said.Who != "" {
					what[0].Text += " (" + said.Who + ")"
				}
				what[0].Text += ": "
				what = append(what, fixSpans(said.Text, r.FixesOf(d.Seq))...)
				after := ""
				if d.HasAfter {
					after = "+" + Minutes(d.AfterRelease)
				}
				if !yield([]Cell{Plain(clock.Format(d.T)), Plain(r.TeamName(r.TeamOf(d))), what, Plain(after)}) {
					return
				}
			}
			if more := in.Total - len(in.Decisions); more > 0 {
				if !yield([]Cell{Plain(""), Plain(""), {Em(fmt.Sprintf("and %d more decisions and actions against %s: the decision log (annex) lists every one", more, in.Inject.ID))}, Plain("")}) {
					return
				}
			}
		}
	}
	p.Blocks = append(p.Blocks, Block{Table: t})
	if len(r.Branches) > 0 {
		var list [][]Span
		for _, br := range r.Branches {
			chosen := Em("not reached")
			if br.Chosen != nil {
				chosen = Text(br.Chosen.Label)
			}
			list = append(list, []Span{Text(br.Branch.Title + ": "), chosen})
		}
		p.Blocks = append(p.Blocks, Block{Heading: "Branch points", Level: 3}, Block{List: list})
	}
	return p
}

// response is the time from each inject's release to when each recipient
// team's first decision that stands was said.
func (b *builder) response() Part {
	r := b.r
	p := Part{ID: "response", Number: "#", Title: "Response"}
	p.Blocks = append(p.Blocks, Block{Para: []Span{Text("Time from an inject's release to when each recipient team's first decision against it was said (the decision form opened). A decision struck through is not the team's response and is not counted.")}})
	t := &Table{Head: []string{"Inject", "Released"}, Widths: []int{6, 2}, Right: []bool{false, false}, Empty: "No inject was released."}
	for _, tm := range r.Teams {
		t.Head, t.Widths, t.Right = append(t.Head, tm.Name), append(t.Widths, 2), append(t.Right, true)
	}
	var none []string
	for _, in := range r.Injects {
		if in.Unanswered() {
			none = append(none, in.Inject.ID+" "+in.Inject.Title)
		}
		if !in.State.Released {
			continue
		}
		row := []Cell{Plain(in.Inject.ID + " " + in.Inject.Title), Plain(clock.Format(in.State.ReleasedT))}
		for _, tm := range r.Teams {
			row = append(row, Plain(ResponseCell(in, tm.ID)))
		}
		t.Rows = append(t.Rows, row)
	}
	p.Blocks = append(p.Blocks, Block{Table: t})
	unanswered := "none."
	if len(none) > 0 {
		unanswered = strings.Join(none, "; ") + "."
	}
	p.Blocks = append(p.Blocks, Block{Para: []Span{Strong("Released injects nobody answered: "), Text(unanswered)}})
	return p
}

// requests are the requests for information with their answers, and the
// controller notes, as corrected.
func (b *builder) requests() Part {
	r := b.r
	p := Part{ID: "requests", Number: "#", Title: "Requests for information and controller notes"}
	var list [][]Span
	for _, q := range r.Requests {
		item := []Span{Text(clock.Format(q.T) + " request from "), Strong(r.TeamName(q.Team))}
		if q.Who != "" {
			item = append(item, Text(" ("+q.Who+")"))
		}
		item = append(item, Text(": "))
		item = append(item, b.corrected(q)...)
		if q.To != "" {
			item = append(item, Em("\nasked of "+b.org(q.To)))
		}
		if a, ok := r.Replies[q.Seq]; ok {
			as := ""
			if a.As != "" {
				as = " as " + b.org(a.As)
			}
			item = append(item, Text("\nanswered at "+clock.Format(a.T)+" by "+ByName(a.By)+as+": "+a.Text))
		} else {
			item = append(item, Em("\nunanswered"))
		}
		list = append(list, item)
	}
	for _, n := range r.Notes {
		about := ""
		if n.Inject != "" {
			about = " (" + n.Inject + ")"
		}
		list = append(list, append([]Span{Text(clock.Format(n.T) + " note by " + ByName(n.By) + about + ": ")}, b.corrected(n)...))
	}
	p.Blocks = append(p.Blocks, Block{List: list})
	return p
}

// conduct is how the exercise was run, in the order it was recorded, and
// who sat at which seat.
func (b *builder) conduct() Part {
	r := b.r
	p := Part{ID: "conduct", Number: "#", Title: "Conduct of the exercise"}
	lead := []Span{Text("How the exercise was run, in the order it was recorded.")}
	if n := r.Flagged(); n > 0 {
		lead = append(lead, Strong(fmt.Sprintf(" %d flagged", n)), Text(" (⚠): time that went backwards or past the planned end, or a decision said before the inject it answers was released."))
	}
	p.Blocks = append(p.Blocks, Block{Para: lead})
	t := &Table{Head: []string{"Wall (UTC)", "Exercise time", "What", "By", "Reason or message", "Flag"}, Widths: []int{3, 3, 7, 5, 7, 4}, Empty: "Nothing recorded."}
	for _, c := range r.Conduct {
		flag := ""
		if c.Flag != "" {
			flag = "⚠ " + c.Flag
		}
		t.Rows = append(t.Rows, []Cell{Plain(wall(c.At)), Plain(clock.Format(c.T)), Plain(c.What), Plain(ByName(c.By)), Plain(c.Reason), Plain(flag)})
	}
	p.Blocks = append(p.Blocks, Block{Table: t})
	if r.ConductDropped > 0 {
		p.Blocks = append(p.Blocks, Block{Para: []Span{Text(fmt.Sprintf("%d more rows are not listed.", r.ConductDropped))}})
	}
	seats := &Table{Head: []string{"Person", "Team", "Role", "Joined (UTC)", "How", "From", "Left (UTC)"}, Widths: []int{5, 5, 3, 4, 3, 4, 4}, Empty: "Nobody joined from a seat."}
	for _, s := range r.Seats() {
		for _, v := range s.Visits {
			seats.Rows = append(seats.Rows, []Cell{Plain(s.Name), Plain(r.TeamName(s.Team)), Plain(s.Role), Plain(visitTime(v.Joined, v.JoinedT, !v.Joined.IsZero())),
				Plain(v.How), Plain(v.Remote), Plain(visitTime(v.Left, v.LeftT, v.HasLeft))})
		}
	}
	p.Blocks = append(p.Blocks, Block{Heading: "Attendance", Level: 3}, Block{Table: seats})
	if refused := r.Refusals(); len(refused) > 0 {
		rt := &Table{Head: []string{"When (UTC)", "User name given", "From", "Reason", "Attempts"}, Widths: []int{3, 5, 4, 7, 2}, Right: []bool{false, false, false, false, true}}
		for _, a := range refused {
			rt.Rows = append(rt.Rows, []Cell{Plain(wall(a.At)), Plain(a.Name), Plain(a.Remote), Plain(a.Reason), Plain(fmt.Sprint(a.Attempts))})
		}
		p.Blocks = append(p.Blocks, Block{Heading: "Refused joins", Level: 4}, Block{Table: rt})
	}
	if r.AttendanceDropped > 0 {
		p.Blocks = append(p.Blocks, Block{Para: []Span{Text(fmt.Sprintf("%d more attendance rows are not listed.", r.AttendanceDropped))}})
	}
	return p
}

// visitTime writes when a seat opened or closed: the wall time and the
// exercise time, or "-" when it did not.
func visitTime(at time.Time, t time.Duration, ok bool) string {
	if !ok {
		return "-"
	}
	return fmt.Sprintf("%s (%s)", wall(at), clock.Format(t))
}

// org is a simulated organisation's name, or its id.
func (b *builder) org(id string) string {
	if sc := b.r.Scenario(); sc != nil {
		if o := sc.Org(id); o != nil {
			return o.Name
		}
	}
	return id
}
