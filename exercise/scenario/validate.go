package scenario

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"ttx/exercise/text"
)

// Severity says whether a problem stops the scenario from loading.
type Severity int

// Severities of a Problem.
const (
	Error Severity = iota
	Warning
)

// Problem is one thing wrong with a scenario, with where it is and what to
// write instead.
type Problem struct {
	File      string
	Line, Col int
	Severity  Severity
	Msg       string
}

// String formats the problem as "file:line:col: message" (warnings are
// marked), the form editors and CI logs understand.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", p.Line, p.Col)
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if p.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// Problems is a list of problems, in file order.
type Problems []Problem

// HasErrors reports whether any problem is an error (not a warning).
func (ps Problems) HasErrors() bool {
	return slices.ContainsFunc(ps, func(p Problem) bool { return p.Severity == Error })
}

// Errors returns only the errors.
func (ps Problems) Errors() Problems {
	return slices.DeleteFunc(slices.Clone(ps), func(p Problem) bool { return p.Severity != Error })
}

// String lists the problems one per line.
func (ps Problems) String() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

func (ps Problems) sort() {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Col - b.Col
	})
}

// Locator returns the line and column of the YAML node at a path of keys
// and list indexes, e.g. ("injects", 3, "to", 1). Scenarios that did not
// come from YAML have none.
type Locator func(path ...any) (line, col int)

var idPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)

// validator collects problems with positions.
type validator struct {
	at    Locator
	probs Problems
}

func (v *validator) add(sev Severity, path []any, format string, args ...any) {
	p := Problem{Severity: sev, Msg: fmt.Sprintf(format, args...)}
	if v.at != nil {
		p.Line, p.Col = v.at(path...)
	}
	v.probs = append(v.probs, p)
}

func path(p ...any) []any { return p }

// Validate checks s and reports every problem at once. at locates YAML
// positions and may be nil. When there are no errors, s is prepared:
// offsets are parsed and lookups by id work.
func Validate(s *Scenario, at Locator) Problems {
	v := &validator{at: at}
	s.prepared = false
	s.clean()
	if strings.TrimSpace(s.Title) == "" {
		v.add(Error, path("title"), "the scenario has no title; add a line like title: Operation Northern Lights")
	}
	if s.Duration == "" {
		v.add(Error, path("duration"), "the scenario has no duration; add a line like duration: 3h")
	} else if d, err := ParseOffset(s.Duration); err != nil || d <= 0 {
		v.add(Error, path("duration"), "duration %q is not a length of time; write it like 3h or 02:30", s.Duration)
	} else {
		s.duration = d
	}
	s.start, s.startOfDay = time.Time{}, false
	if s.Start != "" {
		t, tod, err := ParseStart(s.Start)
		if err != nil {
			v.add(Error, path("start"), "%v", err)
		}
		s.start, s.startOfDay = t, tod
	}

	s.teamIdx = ids(v, "teams", len(s.Teams), func(i int) string { return s.Teams[i].ID }, "team")
	if len(s.Teams) == 0 {
		v.add(Error, path("teams"), "the scenario has no teams; list them under teams: with an id and a name each")
	}
	for i, t := range s.Teams {
		if t.ID == AllTeams {
			v.add(Error, path("teams", i, "id"), "%q is reserved for sending to every team; choose another team id", AllTeams)
		}
		if strings.TrimSpace(t.Name) == "" {
			v.add(Error, path("teams", i), "team %q has no name; add name: with the agency's name", t.ID)
		}
	}
	s.objIdx = ids(v, "objectives", len(s.Objectives), func(i int) string { return s.Objectives[i].ID }, "objective")
	s.branchIdx = ids(v, "branches", len(s.Branches), func(i int) string { return s.Branches[i].ID }, "branch")
	s.injectIdx = ids(v, "injects", len(s.Injects), func(i int) string { return s.Injects[i].ID }, "inject")

	for i, p := range s.Roster {
		if strings.TrimSpace(p.Name) == "" {
			v.add(Error, path("roster", i), "roster entry %d has no name", i+1)
		}
		switch p.Role {
		case RoleParticipant:
			if p.Team == "" {
				v.add(Error, path("roster", i), "participant %q has no team; add team: with one of %s", p.Name, teamList(s))
			}
		case RoleFacilitator, RoleEvaluator, RoleObserver, RoleController, RoleSimCell:
		default:
			v.add(Error, path("roster", i, "role"), "role %q is not one of participant, evaluator, observer, facilitator, controller, simcell", p.Role)
		}
		if p.Team != "" {
			if _, ok := s.teamIdx[p.Team]; !ok {
				v.add(Error, path("roster", i, "team"), "unknown team %q; use one of %s", p.Team, teamList(s))
			}
		}
	}

	validateRoster(v, s)
	validateCell(v, s)
	validateEEG(v, s)

	for i, b := range s.Branches {
		if strings.TrimSpace(b.Title) == "" {
			v.add(Error, path("branches", i), "branch %q has no title; write the question the room must answer", b.ID)
		}
		if len(b.Options) < 2 {
			v.add(Error, path("branches", i, "options"), "branch %q needs at least two options", b.ID)
		}
		seen := map[string]bool{}
		for j, o := range b.Options {
			switch {
			case !idPattern.MatchString(o.ID):
				v.add(Error, path("branches", i, "options", j), "option id %q must be letters, digits, - or _", o.ID)
			case seen[o.ID]:
				v.add(Error, path("branches", i, "options", j), "option %q appears twice in branch %q", o.ID, b.ID)
			}
			seen[o.ID] = true
		}
		if b.After != "" {
			if _, ok := s.injectIdx[b.After]; !ok {
				v.add(Error, path("branches", i, "after"), "unknown inject %q; after: names the inject that raises this question", b.After)
			}
		}
	}

	for i := range s.Injects {
		validateInject(v, s, i)
	}
	if !v.probs.HasErrors() {
		s.prepared = true
		advise(v, s)
	}
	return v.probs
}

// clean strips terminal escape sequences and control characters from every
// text a scenario shows, so that a scenario file cannot paint over the
// console any more than a participant can.
func (s *Scenario) clean() {
	line := func(p *string) { *p = text.Line(*p, 0) }
	block := func(p *string) { *p = text.Clean(*p, 0) }
	line(&s.Title)
	block(&s.Summary)
	for i := range s.Teams {
		line(&s.Teams[i].Name)
		block(&s.Teams[i].Description)
	}
	for i := range s.Objectives {
		block(&s.Objectives[i].Text)
		line(&s.Objectives[i].Capability)
	}
	for i := range s.Roster {
		line(&s.Roster[i].Name)
	}
	s.cleanHSEEP(line, block)
	for i := range s.Branches {
		b := &s.Branches[i]
		line(&b.Title)
		for j := range b.Options {
			line(&b.Options[j].Label)
		}
	}
	for i := range s.Injects {
		in := &s.Injects[i]
		line(&in.Title)
		line(&in.From)
		line(&in.Channel)
		block(&in.Body)
		block(&in.Expected)
		block(&in.Notes)
	}
}

func validateInject(v *validator, s *Scenario, i int) {
	in := &s.Injects[i]
	if strings.TrimSpace(in.Title) == "" {
		v.add(Error, path("injects", i), "inject %q has no title; add title: with a one-line summary", in.ID)
	}
	in.timed = false
	if in.At != "" {
		d, err := ParseOffset(in.At)
		switch {
		case err != nil:
			v.add(Error, path("injects", i, "at"), "inject %q: %v", in.ID, err)
		case s.duration > 0 && d > s.duration:
			v.add(Error, path("injects", i, "at"), "inject %q is at %s, after the exercise ends (duration %s); move it earlier or lengthen duration", in.ID, FormatOffset(d), FormatOffset(s.duration))
		default:
			in.offset, in.timed = d, true
		}
	}
	if len(in.To) == 0 {
		v.add(Error, path("injects", i), "inject %q has no recipients; add to: with team ids or all", in.ID)
	}
	for j, t := range in.To {
		if t == AllTeams {
			continue
		}
		if _, ok := s.teamIdx[t]; !ok {
			v.add(Error, path("injects", i, "to", j), "inject %q is sent to unknown team %q; use one of %s, or all", in.ID, t, teamList(s))
		}
	}
	for j, o := range in.Objectives {
		if _, ok := s.objIdx[o]; !ok {
			v.add(Error, path("injects", i, "objectives", j), "inject %q names unknown objective %q; use one of %s", in.ID, o, objectiveList(s))
		}
	}
	chosen := map[string]string{}
	for j, r := range in.Requires {
		bid, oid := RequiredOption(r)
		bi, ok := s.branchIdx[bid]
		if !ok || oid == "" {
			v.add(Error, path("injects", i, "requires", j), "inject %q requires %q; write branch.option with a branch id from branches:", in.ID, r)
			continue
		}
		if s.Branches[bi].Option(oid) == nil {
			v.add(Error, path("injects", i, "requires", j), "branch %q has no option %q; its options are %s", bid, oid, optionList(&s.Branches[bi]))
			continue
		}
		if prev, ok := chosen[bid]; ok && prev != oid {
			v.add(Error, path("injects", i, "requires", j), "inject %q can never become due: it requires both %s.%s and %s.%s; keep one", in.ID, bid, prev, bid, oid)
		}
		chosen[bid] = oid
	}
}

// ids checks that every id in a list is well-formed and unique and returns
// the index by id.
func ids(v *validator, key string, n int, id func(int) string, what string) map[string]int {
	idx := make(map[string]int, n)
	for i := range n {
		s := id(i)
		switch {
		case s == "":
			v.add(Error, path(key, i), "this %s has no id; add id: with a short name like %s", what, exampleID(what))
		case !idPattern.MatchString(s):
			v.add(Error, path(key, i, "id"), "%s id %q must be letters, digits, - or _ (no spaces or dots)", what, s)
		default:
			if first, dup := idx[s]; dup {
				where := fmt.Sprintf("entry %d", first+1)
				if v.at != nil {
					if line, _ := v.at(key, first); line > 0 {
						where = fmt.Sprintf("line %d", line)
					}
				}
				v.add(Error, path(key, i, "id"), "duplicate %s id %q (first used at %s); give each %s its own id", what, s, where, what)
				continue
			}
			idx[s] = i
		}
	}
	return idx
}

func exampleID(what string) string {
	switch what {
	case "team":
		return "police"
	case "objective":
		return "OBJ-1"
	case "branch":
		return "evacuate"
	}
	return "INJ-01"
}

func teamList(s *Scenario) string {
	ids := make([]string, len(s.Teams))
	for i, t := range s.Teams {
		ids[i] = t.ID
	}
	return strings.Join(ids, ", ")
}

func objectiveList(s *Scenario) string {
	ids := make([]string, len(s.Objectives))
	for i, o := range s.Objectives {
		ids[i] = o.ID
	}
	if len(ids) == 0 {
		return "(none defined: add objectives: first)"
	}
	return strings.Join(ids, ", ")
}

func optionList(b *Branch) string {
	ids := make([]string, len(b.Options))
	for i, o := range b.Options {
		ids[i] = o.ID
	}
	return strings.Join(ids, ", ")
}
