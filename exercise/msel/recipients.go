package msel

import (
	"fmt"
	"slices"

	"ttx/exercise/msel/internal/names"
	"ttx/exercise/msel/sheet"
	"ttx/exercise/scenario"
	"ttx/exercise/text"
)

// objective adds an objective item to sc once and returns its id. Text
// alone is the same objective wherever it is written the same; the same
// id with two texts is a warning, never a quiet choice.
func (im *importer) objective(sc *scenario.Scenario, r int, item string) string {
	if item = text.Line(item, 0); names.Placeholder(item) {
		return ""
	}
	id, label := names.ObjectiveID(item)
	find := func(id string) int {
		return slices.IndexFunc(sc.Objectives, func(o scenario.Objective) bool { return o.ID == id })
	}
	if id == "" {
		if i := slices.IndexFunc(sc.Objectives, func(o scenario.Objective) bool { return sheet.Normalize(o.Text) == sheet.Normalize(label) }); i >= 0 {
			return sc.Objectives[i].ID
		}
		id = names.Slug(label)
		for n := 2; find(id) >= 0; n++ {
			id = fmt.Sprintf("%s-%d", names.Slug(label), n) // texts that share their first forty letters
		}
	}
	switch i := find(id); {
	case i < 0:
		sc.Objectives = append(sc.Objectives, scenario.Objective{ID: id, Text: label})
		im.objs[id] = r
	case sc.Objectives[i].Text == id:
		sc.Objectives[i].Text = label // "OBJ-1" alone first, its text later
	case label != id && sheet.Normalize(label) != sheet.Normalize(sc.Objectives[i].Text):
		im.warn(r, max(im.col[FieldObjectives], im.col[FieldNotes]), "objective %s is %q here but %q at row %d; ttx kept the first: give each objective its own number", id, label, sc.Objectives[i].Text, im.objs[id]+1)
	}
	return id
}
