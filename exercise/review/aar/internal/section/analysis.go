package section

import (
	"fmt"
	"strings"

	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/exercise/review"
	"ttx/exercise/scenario"
)

// findings are one objective's strengths and areas for improvement: its
// observations that stand, as corrected, by finding.
type findings struct {
	strengths, improvements []event.Entry
}

// finding is what an observation records: its finding, or else what its
// rating says (P or S a strength, M or U an area for improvement).
func finding(ob event.Entry) string {
	if ob.Finding != "" {
		return ob.Finding
	}
	switch ob.Rating {
	case "P", "S":
		return event.Strength
	case "M", "U":
		return event.Improvement
	}
	return ""
}

func (b *builder) allFindings() []findings {
	out := make([]findings, len(b.r.Objectives))
	for k, o := range b.r.Objectives {
		for _, ob := range o.Observations {
			now, struck := b.r.FixedEntry(ob)
			if struck != nil {
				continue
			}
			switch finding(now) {
			case event.Strength:
				out[k].strengths = append(out[k].strengths, now)
			case event.Improvement:
				out[k].improvements = append(out[k].improvements, now)
			}
		}
	}
	return out
}

// corrected is an entry's words with its corrections: every version,
// each superseded one struck through, with who, when and why.
func (b *builder) corrected(e event.Entry) []Span {
	fixes := b.r.FixesOf(e.Seq)
	if len(fixes) == 0 {
		return []Span{Text(e.Text)}
	}
	return fixSpans(e.Text, fixes)
}

// fixSpans are words as their corrections leave them, as a paper log
// keeps them: the original, then each amendment, every version but the
// one that stands struck through (that one too when the entry was struck
// out), each correction's who, when and why after the words it replaced.
// The fixes are the entry's, in journal order, as the review accepted
// them (none after a strike).
func fixSpans(was string, fixes []event.Fix) []Span {
	var out []Span
	words := was
	for _, f := range fixes {
		out = append(out, Struck(words), Em("\n"+fixNote(f)+"\n"))
		if f.Struck {
			return trimNewline(out)
		}
		words = f.Text
	}
	return append(out, Text(words))
}

// fixNote says what a correction did, when, by whom and why.
func fixNote(f event.Fix) string {
	verb := "amended"
	if f.Struck {
		verb = "struck through"
	}
	return fmt.Sprintf("%s at %s by %s: %s", verb, clock.Format(f.T), ByRole(f.By), f.Reason)
}

// trimNewline drops the line break that ends the last span.
func trimNewline(spans []Span) []Span {
	if n := len(spans); n > 0 {
		spans[n-1].Text = strings.TrimSuffix(spans[n-1].Text, "\n")
	}
	return spans
}

// observation is one observation in a line: time, rating, evaluator,
// words (corrected), and its target and task.
func (b *builder) observation(ob event.Entry) []Span {
	head := clock.Format(ob.T)
	if ob.Rating != "" {
		head += " [" + ob.Rating + "]"
	}
	head += " " + ByName(ob.By)
	if ob.Target != "" {
		head += " (target " + ob.Target
		if ob.Task != "" {
			head += ", task " + ob.Task
		}
		head += ")"
	}
	return append([]Span{Text(head + ": ")}, b.corrected(ob)...)
}

// analysis is section 2: the analysis of core capabilities.
func (b *builder) analysis() Part {
	r := b.r
	p := Part{ID: "analysis", Number: "#", Title: "Analysis of core capabilities"}
	p.Blocks = append(p.Blocks, Block{Para: []Span{Text("Aligning exercise objectives and core capabilities, with the evaluators' ratings. Ratings: " + RatingLegend() + ". Where an objective was rated more than once, the rating shown is the one given most often (the worse of two given as often), with the count of each; the evaluation team confirms it.")}})
	t := &Table{Head: []string{"Objective", "Core capability", "Performed without challenges (P)", "Performed with some challenges (S)", "Performed with major challenges (M)", "Unable to be performed (U)"},
		Widths: []int{6, 4, 2, 2, 2, 2}, Empty: "The scenario names no objectives."}
	for _, o := range r.Objectives {
		row := []Cell{Plain(o.Objective.ID + ": " + o.Objective.Text), blank(o.Objective.Capability)}
		up := RollUp(o.Ratings)
		for _, rt := range Ratings {
			c := Plain("")
			if n := o.Ratings[rt.Code]; n > 0 {
				mark := fmt.Sprintf("×%d", n)
				if rt.Code == up {
					c = Cell{Strong(rt.Code), Text(" " + mark)}
				} else {
					c = Plain(mark)
				}
			}
			row = append(row, c)
		}
		t.Rows = append(t.Rows, row)
	}
	p.Blocks = append(p.Blocks, Block{Table: t})
	if len(r.Objectives) > 0 {
		p.Blocks = append(p.Blocks, Block{Note: []Span{Text("Ratings are the evaluators' as recorded; an objective without a mark was not rated. Observations struck through are not counted.")}})
	}
	for k, o := range r.Objectives {
		p.Blocks = append(p.Blocks, b.objective(o, b.findings[k])...)
	}
	return p
}

// objective is one objective's analysis: what the record shows, the
// observations, and its strengths and areas for improvement with their
// reference and analysis.
func (b *builder) objective(o review.ObjectiveRow, f findings) []Block {
	var out []Block
	out = append(out, Block{Heading: o.Objective.ID + ": " + o.Objective.Text, Level: 3})
	capability := Cell{Em(ToComplete)}
	if o.Objective.Capability != "" {
		capability = Plain(o.Objective.Capability)
	}
	rating := "not rated"
	if up := RollUp(o.Ratings); up != "" {
		rating = up + " (" + RatingSummary(o.Ratings) + ")"
	}
	out = append(out, Block{Para: append([]Span{Strong("Core capability: ")}, capability...)},
		Block{List: [][]Span{
			{Text("Injects: " + OrNone(strings.Join(o.Injects, ", ")))},
			{Text(fmt.Sprintf("Decisions recorded against them: %d", o.Decisions))},
			{Text("Evaluator ratings: " + rating)},
		}})
	if len(o.Observations) > 0 {
		var list [][]Span
		for _, ob := range o.Observations {
			list = append(list, b.observation(ob))
		}
		out = append(out, Block{Heading: "Observations", Level: 4}, Block{List: list})
	}
	out = append(out, findingBlocks("Strengths", "Strength", f.strengths)...)
	out = append(out, findingBlocks("Areas for improvement", "Area for improvement", f.improvements)...)
	return out
}

// findingBlocks are the strengths or areas for improvement of an
// objective, each with its source, reference and analysis.
func findingBlocks(title, one string, list []event.Entry) []Block {
	out := []Block{{Heading: title, Level: 4}}
	if len(list) == 0 {
		return append(out, Block{Note: []Span{Text("None recorded by the evaluators " + ToComplete + ".")}})
	}
	for i, ob := range list {
		out = append(out,
			Block{Para: []Span{Strong(fmt.Sprintf("%s %d: ", one, i+1)), Text(ob.Text)}},
			Block{Para: []Span{Em("Observed by " + ByName(ob.By) + " at " + clock.Format(ob.T) + source(ob) + ".")}},
			Block{Para: []Span{Strong("Reference: "), Em(ToComplete)}},
			Block{Para: []Span{Strong("Analysis: "), Em(ToComplete)}})
	}
	return out
}

// source says where in the record an observation was made.
func source(ob event.Entry) string {
	var s []string
	if ob.Rating != "" {
		s = append(s, "rated "+ob.Rating)
	}
	if ob.Inject != "" {
		s = append(s, "inject "+ob.Inject)
	}
	if ob.Target != "" {
		s = append(s, "target "+ob.Target)
	}
	if ob.Task != "" {
		s = append(s, "task "+ob.Task)
	}
	if len(s) == 0 {
		return ""
	}
	return " (" + strings.Join(s, ", ") + ")"
}

// eeg is the roll-up of the Exercise Evaluation Guides: per objective,
// each capability target and critical task with the ratings given, who
// gave them and their notes; those never rated are listed as not rated.
func (b *builder) eeg() Part {
	p := Part{ID: "eeg", Number: "#", Title: "Exercise Evaluation Guide roll-up"}
	p.Blocks = append(p.Blocks, Block{Para: []Span{Text("The evaluators' ratings of each capability target and critical task the scenario's evaluation guides name. Observations struck through are shown struck and not counted.")}})
	for _, o := range b.r.Objectives {
		obj := o.Objective
		if len(obj.Targets) == 0 {
			continue
		}
		h := obj.ID + ": " + obj.Text
		if obj.Capability != "" {
			h += " — " + obj.Capability
		}
		t := &Table{Head: []string{"Capability target or critical task", "Rating", "Evaluator", "Time", "Notes"}, Widths: []int{6, 2, 3, 2, 8}}
		for _, tg := range obj.Targets {
			b.eegRows(t, o, Cell{Strong("Target " + tg.ID + ": "), Text(tg.Text)}, tg.ID, "")
			for _, tk := range tg.Tasks {
				b.eegRows(t, o, Plain("Task "+tk.ID+": "+tk.Text), tg.ID, tk.ID)
			}
		}
		p.Blocks = append(p.Blocks, Block{Heading: h, Level: 3}, Block{Table: t})
		if n := unplaced(obj, o.Observations); n > 0 {
			p.Blocks = append(p.Blocks, Block{Note: []Span{Text(fmt.Sprintf("%d observations of this objective name no target; they are in the analysis above.", n))}})
		}
	}
	return p
}

// eegRows adds the rows of one target or task: one per rating, or one
// "not rated".
func (b *builder) eegRows(t *Table, o review.ObjectiveRow, name Cell, target, task string) {
	n := 0
	for _, ob := range o.Observations {
		if ob.Target != target || ob.Task != task {
			continue
		}
		n++
		rating := Plain(OrNone(ob.Rating))
		if b.r.StruckBy(ob.Seq) != nil {
			rating = Cell{Struck(OrNone(ob.Rating))}
		}
		t.Rows = append(t.Rows, []Cell{name, rating, Plain(ByName(ob.By)), Plain(clock.Format(ob.T)), b.corrected(ob)})
	}
	if n == 0 {
		t.Rows = append(t.Rows, []Cell{name, Cell{Em("not rated")}, Plain(""), Plain(""), Plain("")})
	}
}

// unplaced counts observations that name no target of the objective.
func unplaced(o scenario.Objective, obs []event.Entry) int {
	n := 0
	for _, ob := range obs {
		if ob.Target == "" || o.Target(ob.Target) == nil {
			n++
		}
	}
	return n
}
