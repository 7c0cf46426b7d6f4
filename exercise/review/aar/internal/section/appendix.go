package section

import (
	"cmp"
	"fmt"
	"iter"
	"slices"

	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/exercise/review"
)

// ImprovementHead are the columns of the improvement plan.
var ImprovementHead = []string{"Core capability", "Issue/area for improvement", "Corrective action", "Capability element", "Primary responsible organisation", "Organisation POC", "Start date", "Completion date"}

// ImprovementRow is one row of the improvement plan: an area for
// improvement and the blanks the planners fill in.
type ImprovementRow struct {
	Objective, Capability, Issue string
}

// Improvements are the improvement plan's rows: one per area for
// improvement the evaluators recorded, by objective.
func Improvements(r *review.Report) []ImprovementRow {
	b := &builder{r: r}
	var out []ImprovementRow
	for k, f := range b.allFindings() {
		o := r.Objectives[k].Objective
		for i, ob := range f.improvements {
			out = append(out, ImprovementRow{Objective: o.ID, Capability: o.Capability, Issue: fmt.Sprintf("%s area for improvement %d: %s", o.ID, i+1, ob.Text)})
		}
	}
	return out
}

// improvement is Appendix A: the improvement plan.
func (b *builder) improvement() Part {
	p := Part{ID: "appendix-a", Number: "Appendix A", Title: "Improvement plan", PageBreak: true}
	p.Blocks = append(p.Blocks, Block{Para: []Span{Text("One row per area for improvement in the analysis. Capability elements: planning, organisation, equipment, training, exercise.")}})
	t := &Table{Head: ImprovementHead, Widths: []int{4, 6, 5, 3, 4, 3, 2, 2}}
	rows := Improvements(b.r)
	for _, ir := range rows {
		capability := ir.Capability
		if capability != "" {
			capability += " (" + ir.Objective + ")"
		}
		row := []Cell{blank(capability), Plain(ir.Issue)}
		for range len(ImprovementHead) - 2 {
			row = append(row, Plain(""))
		}
		t.Rows = append(t.Rows, row)
	}
	if len(rows) == 0 {
		p.Blocks = append(p.Blocks, Block{Note: []Span{Text("No area for improvement was recorded by the evaluators " + ToComplete + ".")}})
		for range ImprovementRows {
			row := make([]Cell, len(ImprovementHead))
			for i := range row {
				row[i] = Plain("")
			}
			t.Rows = append(t.Rows, row)
		}
	}
	p.Blocks = append(p.Blocks, Block{Table: t})
	return p
}

// participants is Appendix B: who took part, by team and role, from the
// roster and the seats opened.
func (b *builder) participants() Part {
	r := b.r
	p := Part{ID: "appendix-b", Number: "Appendix B", Title: "Exercise participants", PageBreak: true}
	type person struct{ name, team, role, joined string }
	var people []person
	index := map[string]int{}
	add := func(name, team, role string) {
		if name == "" {
			return
		}
		if k, ok := index[name]; ok {
			if people[k].team == "" {
				people[k].team = team
			}
			if people[k].role == "" {
				people[k].role = role
			}
			return
		}
		index[name] = len(people)
		people = append(people, person{name: name, team: team, role: role, joined: "no"})
	}
	if role, name, ok := cut(r.Facilitator); ok {
		add(name, "", role)
	}
	for _, x := range r.Roster() {
		add(x.Name, x.Team, x.Role)
	}
	for _, s := range r.Seats() {
		add(s.Name, s.Team, s.Role)
		k := index[s.Name]
		if len(s.Visits) > 0 {
			v := s.Visits[0]
			j := "yes, " + visitTime(v.Joined, v.JoinedT, !v.Joined.IsZero())
			if v.How != "" {
				j += " by " + v.How
			}
			if n := len(s.Visits); n > 1 {
				j += fmt.Sprintf(" (%d seats opened)", n)
			}
			people[k].joined = j
		}
	}
	if _, name, ok := cut(r.Facilitator); ok {
		people[index[name]].joined = "opened the session"
	}
	order := map[string]int{}
	for i, t := range r.Teams {
		order[t.ID] = i
	}
	rank := func(team string) int {
		if i, ok := order[team]; ok {
			return i
		}
		if team == "" {
			return len(order) + 1 // exercise control last
		}
		return len(order)
	}
	slices.SortStableFunc(people, func(a, b person) int { return cmp.Compare(rank(a.team), rank(b.team)) })
	p.Blocks = append(p.Blocks, Block{Para: []Span{Text("Who could join (the roster) and who did, by team and role. People named only in what was said are listed under “People named in the record” in the overview.")}})
	t := &Table{Head: []string{"Organisation or team", "Name", "Role", "Joined (UTC)"}, Widths: []int{5, 5, 3, 7}, Empty: "Nobody is on the roster and nobody joined from a seat."}
	for _, x := range people {
		team := "Exercise control"
		if x.team != "" {
			team = r.TeamName(x.team)
		}
		t.Rows = append(t.Rows, []Cell{Plain(team), Plain(x.name), Plain(x.role), Plain(x.joined)})
	}
	p.Blocks = append(p.Blocks, Block{Table: t})
	return p
}

// cut splits "role:name".
func cut(by string) (role, name string, ok bool) {
	for i := 0; i < len(by); i++ {
		if by[i] == ':' {
			return by[:i], by[i+1:], by[i+1:] != ""
		}
	}
	return "", by, by != ""
}

// LogOrder is the decisions in the decision log's order: by the exercise
// time they were said, in journal order where that is the same (see
// review.Rows.BySaid).
func LogOrder(r *review.Report) iter.Seq[*review.DecisionRow] { return r.Decisions.BySaid() }

// LogHead are the decision log's columns.
var LogHead = []string{"Said at", "Saved", "Team", "Who", "Decision or action", "Rationale", "JDM stage", "Inject answered"}

// decisionLog is the annex: the JESIP decision log, every decision and
// action in the order they were said, corrections struck through. Its
// rows are made as the table is written.
func (b *builder) decisionLog() Part {
	r := b.r
	p := Part{ID: "annex-log", Number: "Annex", Title: "Decision log", PageBreak: true}
	p.Blocks = append(p.Blocks, Block{Para: []Span{Text("Every decision and action in the order it was said (the exercise time the decision form opened), as a JESIP decision log: the decision, the rationale given and the Joint Decision Model stage. A correction leaves every version legible: each one replaced struck through, with who corrected it, when and why, and the words that stand after them; a decision struck through is not counted as the team's response.")}})
	t := &Table{Head: LogHead, Widths: []int{2, 2, 3, 3, 8, 6, 3, 3}, Empty: "No decision was recorded."}
	t.More = func(yield func([]Cell) bool) {
		for d := range LogOrder(r) {
			if !yield(b.logRow(d)) {
				return
			}
		}
	}
	p.Blocks = append(p.Blocks, Block{Table: t})
	return p
}

// logRow is one decision's row of the decision log.
func (b *builder) logRow(d *review.DecisionRow) []Cell {
	r := b.r
	said, stage := r.Said(d), r.StageOf(d)
	var fixes []event.Fix
	if d.Struck || d.Amended {
		fixes = r.FixesOf(d.Seq) // a row is marked for each correction taken
	}
	if len(fixes) == 0 {
		return b.plainLogRow(d, said, stage)
	}
	what := Cell{}
	if d.Action {
		what = append(what, Em("Action: "))
	}
	what = append(what, fixSpans(said.Text, fixes)...)
	if r.StruckBy(d.Seq) != nil {
		what = append(what, Em("\nnot counted as the team's response"))
	}
	inject := b.injectLabel(r.InjectOf(d))
	return []Cell{Plain(clock.Format(d.SaidT)), Plain(clock.Format(d.T)), Plain(r.TeamName(r.TeamOf(d))), Plain(said.Who), what,
		history(said.Rationale, fixes, func(f event.Fix) string { return f.Rationale }),
		history(event.StageLabel(stage), fixes, func(f event.Fix) string { return event.StageLabel(f.Stage) }),
		Plain(inject)}
}

// plainLogRow is the row logRow makes for a decision never corrected,
// the same cells made with two allocations instead of a dozen: a million
// of them are written.
func (b *builder) plainLogRow(d *review.DecisionRow, said review.Said, stage string) []Cell {
	r := b.r
	spans, cells := b.spans(9), b.cells(len(LogHead))
	saidAt, savedAt := clock.Format(d.SaidT), ""
	if d.T == d.SaidT {
		savedAt = saidAt
	} else {
		savedAt = clock.Format(d.T)
	}
	one := func(i int, s Span) Cell { spans[i] = s; return spans[i : i+1 : i+1] }
	cells[0], cells[1], cells[2], cells[3] = one(0, Text(saidAt)), one(1, Text(savedAt)), one(2, Text(r.TeamName(r.TeamOf(d)))), one(3, Text(said.Who))
	if d.Action {
		spans[4], spans[5] = Em("Action: "), Text(said.Text)
		cells[4] = spans[4:6:6]
	} else {
		cells[4] = one(4, Text(said.Text))
	}
	cells[5], cells[6], cells[7] = one(6, Text(said.Rationale)), one(7, Text(event.StageLabel(stage))), one(8, Text(b.injectLabel(r.InjectOf(d))))
	return cells
}

// slab is how many spans or cells the builder takes at once for the
// rows it makes.
const slab = 4096

// spans returns n spans of a block the builder takes them from; a block
// is never reused (the rows made from it may be written long after).
func (b *builder) spans(n int) []Span { return take(&b.spanSlab, n) }

// cells returns n cells, as spans does spans.
func (b *builder) cells(n int) []Cell { return take(&b.cellSlab, n) }

// take returns n values from the front of *block, starting a new block of
// slab values (or n, if more) when it has fewer.
func take[T any](block *[]T, n int) []T {
	if len(*block) < n {
		*block = make([]T, max(slab, n))
	}
	s := (*block)[:n:n]
	*block = (*block)[n:]
	return s
}

// injectLabel is an inject's id and title, as the decision log names it.
func (b *builder) injectLabel(id string) string {
	if l, ok := b.labels[id]; ok {
		return l
	}
	l := id
	if t := b.r.InjectTitle(id); t != "" {
		l += " " + t
	}
	if b.labels == nil {
		b.labels = map[string]string{}
	}
	b.labels[id] = l
	return l
}

// history is a cell of a value amendments may change (a rationale, a
// stage): each value replaced struck through, the one that stands after
// them, struck too when the decision was struck out.
func history(was string, fixes []event.Fix, of func(event.Fix) string) Cell {
	var out Cell
	now := was
	for _, f := range fixes {
		if f.Struck {
			if now != "" {
				out = append(out, Struck(now))
			}
			return out
		}
		if v := of(f); v != "" && v != now {
			if now != "" {
				out = append(out, Struck(now), Text("\n"))
			}
			now = v
		}
	}
	return append(out, Text(now))
}
