// Package names reads the names an MSEL cell lists: the teams an inject
// goes to (where a slash or "and" is one team and where it is two, who
// "All Players" is, which cells name no one) and the objectives it serves
// (ids and texts kept apart), and makes ids of them; and it splits a
// column's header into the words that say what the column holds.
package names

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
	everyone     = regexp.MustCompile(`^(?:all|everyone|everybody|players|participants|all(?:participating|playing|exercise)?(?:participants?|players?|agenc(?:y|ies)|teams?|parties|departments?|organi[sz]ations?|groups?|stakeholders?|responders?|cells?|units?|attendees|staff))$`)
	objSplit     = regexp.MustCompile(`\s*[;\n]\s*`)
	objCode      = regexp.MustCompile(`^([A-Za-z]{0,6}[- ]?\d{1,3}(?:\.\d{1,3})*[a-z]?)(?:\s*[:–—-]\s*(.+))?$`)
	objNamed     = regexp.MustCompile(`^([A-Za-z0-9][A-Za-z0-9_-]{0,23}):\s+(.+)$`)
	objLabel     = regexp.MustCompile(`(?i)^(objectives?|obj|goal|aim)\s*[-#.]?\s*(\d{1,3}(?:\.\d{1,3})*[a-z]?)\b\s*[:.)–—-]?\s*(.*)$`)
	objWord      = regexp.MustCompile(`(?i)^(?:objectives?|obj|core capabilit(?:y|ies)|capabilit(?:y|ies)|goal|aim)\s*:\s*`)
	placeholders = map[string]bool{"": true, "na": true, "tbd": true, "tbc": true, "tba": true, "none": true, "nil": true, "null": true, "unknown": true}
)

// idClean is what an id may not hold.
var idClean = regexp.MustCompile(`[^A-Za-z0-9_-]+`)

// ID makes an id of s: each run of characters other than letters,
// digits, - and _ becomes -.
func ID(s string) string { return idClean.ReplaceAllString(s, "-") }

// Placeholder reports whether a cell names no one and nothing: blank,
// ---, N/A, TBD, None and the like.
func Placeholder(cell string) bool { return placeholders[sheet.Normalize(cell)] }

// Split splits a To cell where it certainly lists several names: on
// commas, semicolons and new lines.
func Split(cell string) []string { return hardSplit.Split(cell, -1) }

// Recipients splits a To cell into names: on commas, semicolons and new
// lines; on a slash, "and", "&" or "+" only where each side is a team the
// sheet names on its own elsewhere ("Police and Fire" splits; "Fire and
// Rescue" and "PR/Comm" do not). Placeholders (---, N/A, TBD, None) name
// no one.
func Recipients(cell string, whole map[string]bool) []string {
	var out []string
	for _, part := range Split(cell) {
		if part = strings.TrimSpace(part); Placeholder(part) {
			continue
		}
		out = append(out, splitAll(part, softSplit.Split(part, -1), func(p string) bool {
			n := sheet.Normalize(p)
			return whole[n] || everyone.MatchString(n)
		})...)
	}
	return out
}

// Partly says, for a To cell, the name kept whole although part of it is
// a team the sheet names on its own ("Police & Fire" where Police is a
// team: Police's seat would not see it), as a warning; "" when none is.
func Partly(cell string, whole map[string]bool) string {
	for _, name := range Recipients(cell, whole) {
		pieces := softSplit.Split(name, -1)
		if i := slices.IndexFunc(pieces, func(p string) bool { return whole[sheet.Normalize(p)] }); len(pieces) > 1 && i >= 0 {
			return fmt.Sprintf("%q is read as one team, though %q is a team of its own; write them apart (%s) to send it to each", name, pieces[i], strings.Join(pieces, "; "))
		}
	}
	return ""
}

// splitAll returns the pieces of part where there are several and each
// is one of a list (as one says), and part whole otherwise.
func splitAll(part string, pieces []string, one func(string) bool) []string {
	if len(pieces) < 2 || slices.ContainsFunc(pieces, func(p string) bool { return !one(p) }) {
		return []string{part}
	}
	return pieces
}

// AddTeams reads a To cell into team ids, adding teams sc lacks; "All
// Players", "Everyone" and the like are every team.
func AddTeams(sc *scenario.Scenario, cell string, whole map[string]bool) []string {
	var to []string
	for _, name := range Recipients(cell, whole) {
		name = text.Line(name, 80)
		id := scenario.AllTeams
		if !everyone.MatchString(sheet.Normalize(name)) {
			id = Slug(name)
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

// ObjectiveItems splits an Objective cell on semicolons and new lines, and
// on commas only between objective codes ("OBJ-1, OBJ-3", "1, 3"), since
// an objective's text may have commas of its own.
func ObjectiveItems(cell string) []string {
	var out []string
	for _, part := range objSplit.Split(cell, -1) {
		out = append(out, splitAll(part, strings.Split(part, ","), func(c string) bool {
			c = strings.TrimSpace(c)
			return objCode.MatchString(c) || objLabel.MatchString(c)
		})...)
	}
	return out
}

// NotesObjectives finds the lines of a Notes cell that name an objective
// ("Obj 2: Open the shelter"), for a sheet with no objective column.
func NotesObjectives(notes string) (out []string) {
	for _, l := range strings.Split(notes, "\n") {
		if l = strings.TrimSpace(l); objLabel.MatchString(l) {
			out = append(out, l)
		}
	}
	return out
}

// ObjectiveID reads an item's id and text: "Objective 1: Keep the media
// informed" and "Obj 1" are OBJ-1; "COMMUNICATE: Agencies pass …" (as
// ttx exports them) keeps its id; text alone ("Objective: …" too) has
// no id.
func ObjectiveID(item string) (id, label string) {
	item = objWord.ReplaceAllString(item, "")
	if m := objLabel.FindStringSubmatch(item); m != nil {
		id = "OBJ-" + ID(strings.ToUpper(m[2])) // Objective 1.2 is OBJ-1-2
		if w := strings.ToUpper(m[1]); w == "GOAL" || w == "AIM" {
			id = w + "-" + ID(strings.ToUpper(m[2]))
		}
		return id, cmp.Or(m[3], id)
	}
	if m := objNamed.FindStringSubmatch(item); m != nil && !objCode.MatchString(m[1]) {
		return m[1], m[2]
	}
	if m := objCode.FindStringSubmatch(item); m != nil {
		id = strings.ToUpper(ID(m[1]))
		return id, cmp.Or(m[2], id)
	}
	return "", item
}

// Slug makes an id from a name: "Metropolitan Police" -> "metropolitan-police".
func Slug(name string) string {
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

// Words splits a header into singular lower-case words: "ScheduledTime"
// is scheduled, time; "SEND TO (RECIPIENT PLAYERS)" is send, to,
// recipient, player; "#" is no; "Simulated" (SEND FROM (Simulated)) says
// nothing of the field and is left out.
func Words(h string) []string {
	var out []string
	for _, w := range camel.FindAllString(strings.ReplaceAll(h, "#", " no "), -1) {
		w = strings.ToLower(w)
		switch {
		case strings.HasSuffix(w, "ies") && len(w) > 4:
			w = w[:len(w)-3] + "y"
		case strings.HasSuffix(w, "s") && len(w) > 3 && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
			w = w[:len(w)-1]
		}
		if w != "s" && w != "simulated" {
			out = append(out, w)
		}
	}
	return out
}

// camel finds the words of a header, splitting a run of letters where a
// capital follows a small letter ("ExpectedOutcomes").
var camel = regexp.MustCompile(`\p{Lu}\p{Ll}+|\p{Lu}+|\p{Ll}+|\d+`)
