package aar

import (
	"fmt"
	"io"
	"strings"

	"ttx/exercise/clock"
	"ttx/exercise/review"
	"ttx/exercise/review/aar/internal/worddoc"
	"ttx/exercise/review/aar/internal/wordml"
)

// handling is the caveat on the cover and in every page's header.
const handling = "Handling: exercise material. A draft for the exercise planning team and the evaluators; " +
	"do not circulate beyond the participating organisations until it is agreed."

// landscapeTeams is how many teams the response table takes on a
// portrait page; with more, it has a landscape page of its own.
const landscapeTeams = 4

// WriteDOCX writes the after-action report draft as a Word document
// (Office Open XML): the content of the Markdown report, with Word
// headings, tables whose header row repeats on each page, page numbers in
// the footer and a title page marked DRAFT with a handling caveat. paper
// is a key of Papers ("a4" when empty). The same report always makes the
// same bytes.
func WriteDOCX(w io.Writer, r *review.Report, paper string) error {
	if paper == "" {
		paper = "a4"
	}
	pp, ok := wordml.PageSizes[strings.ToLower(paper)]
	if !ok {
		return fmt.Errorf("paper %q: choose a4 or letter", paper)
	}
	return worddoc.Write(w, document(r), pp, r.Opened, func(b *wordml.Body) { docxBody(b, r) })
}

// docxBody writes the report's sections, in the Markdown report's order.
func docxBody(b *wordml.Body, r *review.Report) {
	b.Heading(1, "1. Exercise overview")
	kv := [][]string{
		{"Exercise", r.Title},
		{"Scenario source", r.Source},
		{"Date", r.Opened.UTC().Format("Monday 2 January 2006")},
		{"Session (wall clock, UTC)", fmt.Sprintf("%s to %s (%s)", r.Opened.UTC().Format("15:04"), r.LastAt.UTC().Format("15:04"), hm(r.LastAt.Sub(r.Opened)))},
		{"Exercise time played", clock.Format(r.ExerciseEnd)},
		{"Facilitator", byName(r.Facilitator)},
		{"Session closed cleanly", yesNo(r.Sealed)},
		{"Injects", fmt.Sprintf("%d: %d released, %d skipped, %d never released", r.Counts.Injects, r.Counts.Released, r.Counts.Skipped, r.Counts.NeverReleased)},
		{"Decisions, requests for information, notes, observations", fmt.Sprintf("%d, %d, %d, %d", r.Counts.Decisions, r.Counts.Requests, r.Counts.Notes, r.Counts.Observations)},
	}
	if sum := r.RefusedSummary(); sum != "" {
		kv = append(kv, []string{"Refused attempts to join", sum})
	}
	b.Table([]wordml.Column{{Weight: 2}, {Weight: 5}}, nil, kv)
	if s := strings.TrimSpace(r.Summary); s != "" {
		b.Heading(2, "Scenario")
		for p := range strings.SplitSeq(s, "\n\n") {
			b.Para("", inline(strings.ReplaceAll(strings.TrimSpace(p), "\n", " "))...)
		}
	}
	b.Heading(2, "Participating teams")
	var teams [][]string
	for _, t := range r.Teams {
		teams = append(teams, []string{t.Name, fmt.Sprint(t.InjectsReceived), fmt.Sprint(t.Answered), fmt.Sprint(t.Decisions), fmt.Sprint(t.Requests), minutesOrDash(t.MedianResponse, t.Answered > 0)})
	}
	num := wordml.Column{Weight: 2, Right: true}
	b.Table([]wordml.Column{{Weight: 3}, num, num, num, num, {Weight: 3, Right: true}},
		[]string{"Team", "Injects received", "Answered", "Decisions", "Requests", "Median first response"}, teams)
	if len(r.Participants) > 0 {
		b.Heading(2, "People named in the record")
		b.Para("", wordml.Plain(strings.Join(r.Participants, ", ")))
	}

	b.Heading(1, "2. Timeline")
	for _, in := range r.Injects {
		b.Item(0, wordml.Bold(sched(in)+" "+in.Inject.ID), wordml.Plain(" "+in.Inject.Title+" · "+in.Inject.From+" → "+strings.Join(in.Recipients, ", ")+" · "), wordml.Italic(injectOutcome(in)))
		for _, d := range in.Decisions {
			said := r.Said(d)
			by := ""
			if said.Who != "" {
				by = " (" + said.Who + ")"
			}
			b.Item(1, wordml.Plain(clock.Format(d.T)+" "), wordml.Bold(r.TeamName(r.TeamOf(d))), wordml.Plain(by+after(d)+": "+said.Text))
		}
	}
	if len(r.Branches) > 0 {
		b.Heading(2, "Branch points")
		for _, br := range r.Branches {
			chosen := wordml.Italic("not reached")
			if br.Chosen != nil {
				chosen = wordml.Plain(br.Chosen.Label)
			}
			b.Item(0, wordml.Plain(br.Branch.Title+": "), chosen)
		}
	}

	docxResponse(b, r)
	docxObjectives(b, r)
	docxRequests(b, r)
	docxConduct(b, r)

	b.Heading(1, "Improvement plan")
	plan := make([][]string, improvementRows)
	b.Table([]wordml.Column{{Weight: 6}, {Weight: 7}, {Weight: 7}, {Weight: 4}, {Weight: 6}, {Weight: 6}},
		[]string{"Objective / capability", "Issue or area for improvement", "Corrective action", "Owner", "Start date", "Completion date"}, plan)

	docxIntegrity(b, r)
}

func docxResponse(b *wordml.Body, r *review.Report) {
	wide := len(r.Teams) > landscapeTeams
	if wide {
		b.Turn()
		defer b.Turn()
	}
	b.Heading(1, "3. Response")
	b.Para("", wordml.Plain("Time from an inject's release to each recipient team's first decision against it."))
	cols := []wordml.Column{{Weight: 4}, {Weight: 3}}
	header := []string{"Inject", "Released"}
	for _, t := range r.Teams {
		cols = append(cols, wordml.Column{Weight: 3, Right: true})
		header = append(header, t.Name)
	}
	var rows [][]string
	for _, in := range r.Injects {
		if !in.State.Released {
			continue
		}
		row := []string{in.Inject.ID + " " + in.Inject.Title, clock.Format(in.State.ReleasedT)}
		for _, t := range r.Teams {
			row = append(row, responseCell(in, t.ID))
		}
		rows = append(rows, row)
	}
	b.Table(cols, header, rows)
	var none []string
	for _, in := range r.Injects {
		if in.Unanswered() {
			none = append(none, in.Inject.ID+" "+in.Inject.Title)
		}
	}
	b.Para("", wordml.Bold("Released injects nobody answered: "), wordml.Plain(orNone(strings.Join(none, "; "))+"."))
}

func docxObjectives(b *wordml.Body, r *review.Report) {
	b.Heading(1, "4. Analysis of objectives")
	b.Para("", wordml.Plain("Ratings: "+ratingLegend()+"."))
	for _, o := range r.Objectives {
		b.Heading(2, o.Objective.ID+": "+o.Objective.Text)
		if o.Objective.Capability != "" {
			b.Para("", wordml.Plain("Capability: "+o.Objective.Capability))
		}
		b.Item(0, wordml.Plain("Injects: "+orNone(strings.Join(o.Injects, ", "))))
		b.Item(0, wordml.Plain(fmt.Sprintf("Decisions recorded against them: %d", o.Decisions)))
		b.Item(0, wordml.Plain("Evaluator ratings: "+ratingSummary(o.Ratings)))
		for _, ob := range o.Observations {
			rating := ""
			if ob.Rating != "" {
				rating = " [" + ob.Rating + "]"
			}
			b.Item(1, wordml.Plain(clock.Format(ob.T)+rating+" "+byName(ob.By)+": "+ob.Text))
		}
		b.Heading(3, "Strengths (to complete)")
		b.Item(0)
		b.Heading(3, "Areas for improvement (to complete)")
		b.Item(0)
	}
}

func docxRequests(b *wordml.Body, r *review.Report) {
	if len(r.Requests) == 0 && len(r.Notes) == 0 {
		return
	}
	b.Heading(1, "5. Requests for information and controller notes")
	for _, q := range r.Requests {
		by := ""
		if q.Who != "" {
			by = " (" + q.Who + ")"
		}
		b.Item(0, wordml.Plain(clock.Format(q.T)+" request from "), wordml.Bold(teamNameOr(r, q.Team)), wordml.Plain(by+": "+q.Text))
		if a, ok := r.Replies[q.Seq]; ok {
			b.Item(1, wordml.Plain("answered at "+clock.Format(a.T)+": "+a.Text))
		} else {
			b.Item(1, wordml.Italic("unanswered"))
		}
	}
	for _, n := range r.Notes {
		about := ""
		if n.Inject != "" {
			about = " (" + n.Inject + ")"
		}
		b.Item(0, wordml.Plain(clock.Format(n.T)+" note by "+byName(n.By)+about+": "+n.Text))
	}
}

func docxIntegrity(b *wordml.Body, r *review.Report) {
	b.Heading(1, "Integrity of the record")
	in := r.Integrity
	switch {
	case in.Intact:
		b.Para("", wordml.Code("ttx verify"), wordml.Plain(fmt.Sprintf(" passed: %d events, hash chain intact.", in.Events)))
	case in.Chosen:
		b.Para("", wordml.Bold("ttx verify failed"), wordml.Plain(": two lines claim one place in the record. "+in.ChosenSentence()))
	}
	switch {
	case in.Intact:
	case in.NewerLine > 0:
		b.Para("", wordml.Bold("ttx verify cannot check all of it"), wordml.Plain(fmt.Sprintf(": %s. The report covers the %d events before line %d.", in.Problem, in.Events, in.NewerLine)))
	case in.Problem != "":
		b.Para("", wordml.Bold("ttx verify failed"), wordml.Plain(fmt.Sprintf(": %s. The report covers the %d events before the break.", in.Problem, in.Events)))
	case !in.Chosen:
		b.Para("", wordml.Bold("ttx verify failed"), wordml.Plain(": "+in.Summary+"."))
	}
	if in.Forked {
		b.Para("", wordml.Plain(in.ForkSentence()))
	}
	for _, a := range in.SetAside {
		b.Para("", wordml.Plain(a.Sentence()))
	}
	if in.TornBytes > 0 {
		b.Para("", wordml.Plain(fmt.Sprintf("The file ends in a torn line of %d bytes (a write cut short by a crash; never acknowledged).", in.TornBytes)))
	}
	b.Para("", wordml.Plain("Final hash (SHA-256 of the last line): "), wordml.Code(in.FinalHash))
	if !r.Sealed {
		b.Para("", wordml.Plain("The session was not closed cleanly (no "), wordml.Code("session.closed"), wordml.Plain(")."))
	}
	if len(r.Unknown) > 0 || len(r.Anomalies) > 0 {
		b.Para("", wordml.Plain("Events this version of ttx does not know, shown raw:"))
		for _, e := range r.Unknown {
			b.Item(0, wordml.Plain(fmt.Sprintf("line %d, %s, ", e.Seq+1, clock.Format(e.T))), wordml.Code(e.Type), wordml.Plain(": "), wordml.Code(string(e.Data)))
		}
		for _, a := range r.Anomalies {
			b.Item(0, wordml.Plain(a))
		}
	}
}

// inline turns the **bold** and *italic* of a scenario's Markdown
// summary into runs; other Markdown is left as written.
func inline(s string) []wordml.Run {
	var runs []wordml.Run
	strong := false
	for i, part := range strings.Split(s, "**") {
		if i > 0 {
			strong = !strong
		}
		for j, p := range strings.Split(part, "*") {
			runs = append(runs, wordml.Run{Text: p, Bold: strong, Italic: j%2 == 1})
		}
	}
	return runs
}
