package msel

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"ttx/exercise/msel/sheet"
	"ttx/exercise/scenario"
	"ttx/exercise/text"
)

var (
	hardSplit = regexp.MustCompile(`\s*[,;\n]\s*`)
	softSplit = regexp.MustCompile(`\s*/\s*|\s+(?:and|&|\+)\s+`)
	// everyone is a recipient cell that means every team, normalised.
	everyone    = regexp.MustCompile(`^(?:all|everyone|everybody|players|participants|all(?:participating|playing|exercise)?(?:participants?|players?|agenc(?:y|ies)|teams?|parties|departments?|organi[sz]ations?|groups?|stakeholders?|responders?|cells?|units?|attendees|staff))$`)
	objSplit    = regexp.MustCompile(`\s*[;\n]\s*`)
	objCode     = regexp.MustCompile(`^([A-Za-z]{0,6}[- ]?\d{1,3}[a-z]?)(?:\s*[:–—-]\s*(.+))?$`)
	objNamed    = regexp.MustCompile(`^([A-Za-z0-9][A-Za-z0-9_-]{0,23}):\s+(.+)$`)
	objLabel    = regexp.MustCompile(`(?i)^(objectives?|obj|goal|aim)\s*[-#.]?\s*(\d{1,3}[a-z]?)\b\s*[:.)–—-]?\s*(.*)$`)
	objWord     = regexp.MustCompile(`(?i)^(?:objectives?|obj|core capabilit(?:y|ies)|capabilit(?:y|ies)|goal|aim)\s*:\s*`)
	placeholder = map[string]bool{"": true, "na": true, "tbd": true, "tbc": true, "tba": true, "none": true, "nil": true, "null": true, "unknown": true}
)

// recipients splits a To cell into names: on commas, semicolons and new
// lines; on a slash, "and", "&" or "+" only where each side is a team the
// sheet names on its own elsewhere ("Police and Fire" splits; "Fire and
// Rescue" and "PR/Comm" do not). Placeholders (---, N/A, TBD, None) name
// no one.
func recipients(cell string, whole map[string]bool) []string {
	var out []string
	for _, part := range hardSplit.Split(cell, -1) {
		if part = strings.TrimSpace(part); placeholder[sheet.Normalize(part)] {
			continue
		}
		pieces := softSplit.Split(part, -1)
		split := len(pieces) > 1
		for _, p := range pieces {
			if n := sheet.Normalize(p); !whole[n] && !everyone.MatchString(n) {
				split = false
			}
		}
		if split {
			out = append(out, pieces...)
		} else {
			out = append(out, part)
		}
	}
	return out
}

// addTeams reads a To cell into team ids, adding teams sc lacks; "All
// Players", "Everyone" and the like are every team.
func addTeams(sc *scenario.Scenario, cell string, whole map[string]bool) []string {
	var to []string
	for _, name := range recipients(cell, whole) {
		name = text.Line(name, 80)
		id := scenario.AllTeams
		if !everyone.MatchString(sheet.Normalize(name)) {
			id = slug(name)
			if !slices.ContainsFunc(sc.Teams, func(t scenario.Team) bool { return t.ID == id }) {
				sc.Teams = append(sc.Teams, scenario.Team{ID: id, Name: name})
			}
		}
		if !slices.Contains(to, id) {
			to = append(to, id)
		}
	}
	return to
}

// objectiveItems splits an Objective cell on semicolons and new lines, and
// on commas only between objective codes ("OBJ-1, OBJ-3", "1, 3"), since
// an objective's text may have commas of its own.
func objectiveItems(cell string) []string {
	var out []string
	for _, part := range objSplit.Split(cell, -1) {
		commas := strings.Split(part, ",")
		codes := len(commas) > 1
		for _, c := range commas {
			if c = strings.TrimSpace(c); !objCode.MatchString(c) && !objLabel.MatchString(c) {
				codes = false
			}
		}
		if codes {
			out = append(out, commas...)
		} else {
			out = append(out, part)
		}
	}
	return out
}

// notesObjectives finds the lines of a Notes cell that name an objective
// ("Obj 2: Open the shelter"), for a sheet with no objective column.
func notesObjectives(notes string) (out []string) {
	for _, l := range strings.Split(notes, "\n") {
		if l = strings.TrimSpace(l); objLabel.MatchString(l) {
			out = append(out, l)
		}
	}
	return out
}

// objectiveID reads an item's id and text: "Objective 1: Keep the media
// informed" and "Obj 1" are OBJ-1; "COMMUNICATE: Agencies pass …" (as
// ttx exports them) keeps its id; text alone ("Objective: …" too) has
// no id.
func objectiveID(item string) (id, label string) {
	item = objWord.ReplaceAllString(item, "")
	if m := objLabel.FindStringSubmatch(item); m != nil {
		id = "OBJ-" + strings.ToUpper(m[2])
		if w := strings.ToUpper(m[1]); w == "GOAL" || w == "AIM" {
			id = w + "-" + strings.ToUpper(m[2])
		}
		return id, cmp.Or(m[3], id)
	}
	if m := objNamed.FindStringSubmatch(item); m != nil && !objCode.MatchString(m[1]) {
		return m[1], m[2]
	}
	if m := objCode.FindStringSubmatch(item); m != nil {
		id = strings.ToUpper(idClean.ReplaceAllString(m[1], "-"))
		return id, cmp.Or(m[2], id)
	}
	return "", item
}

// objective adds an objective item to sc once and returns its id. Text
// alone is the same objective wherever it is written the same; the same
// id with two texts is a warning, never a quiet choice.
func (im *importer) objective(sc *scenario.Scenario, r int, item string) string {
	if item = text.Line(item, 0); placeholder[sheet.Normalize(item)] {
		return ""
	}
	id, label := objectiveID(item)
	find := func(id string) int {
		return slices.IndexFunc(sc.Objectives, func(o scenario.Objective) bool { return o.ID == id })
	}
	if id == "" {
		if i := slices.IndexFunc(sc.Objectives, func(o scenario.Objective) bool { return sheet.Normalize(o.Text) == sheet.Normalize(label) }); i >= 0 {
			return sc.Objectives[i].ID
		}
		id = slug(label)
		for n := 2; find(id) >= 0; n++ {
			id = fmt.Sprintf("%s-%d", slug(label), n) // texts that share their first forty letters
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

// slug makes an id from a name: "Metropolitan Police" -> "metropolitan-police".
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
			dash = false
		case b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.Trim(b.String(), "-")
	if r := []rune(s); len(r) > 40 {
		s = strings.Trim(string(r[:40]), "-")
	}
	if s == "" {
		s = "x"
	}
	return s
}
