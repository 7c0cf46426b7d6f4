package export

import (
	"slices"
	"strings"

	"ttx/exercise/msel/sheet"
	"ttx/exercise/scenario"
	"ttx/exercise/text"
)

// overviewKeys are the Settings table's rows of the exercise overview (the
// HSEEP AAR/IP's), in order, each with the field it fills. A list is one
// item a line in its cell.
var overviewKeys = []struct {
	Name string
	line func(*scenario.Overview) *string
	list func(*scenario.Overview) *[]string
}{
	{Name: "Dates", line: func(o *scenario.Overview) *string { return &o.Dates }},
	{Name: "Scope", line: func(o *scenario.Overview) *string { return &o.Scope }},
	{Name: "Mission areas", list: func(o *scenario.Overview) *[]string { return &o.MissionAreas }},
	{Name: "Core capabilities", list: func(o *scenario.Overview) *[]string { return &o.Capabilities }},
	{Name: "Threat or hazard", line: func(o *scenario.Overview) *string { return &o.Threat }},
	{Name: "Scenario", line: func(o *scenario.Overview) *string { return &o.Scenario }},
	{Name: "Sponsor", line: func(o *scenario.Overview) *string { return &o.Sponsor }},
	{Name: "Participating organisations", list: func(o *scenario.Overview) *[]string { return &o.Organisations }},
	{Name: "Point of contact", line: func(o *scenario.Overview) *string { return &o.Contact }},
	{Name: "Handling", line: func(o *scenario.Overview) *string { return &o.Handling }},
}

// overviewRows are the Settings rows of sc's overview (none without one).
func overviewRows(sc *scenario.Scenario) [][]string {
	if sc.Overview == nil {
		return nil
	}
	var rows [][]string
	for _, k := range overviewKeys {
		if k.line != nil {
			rows = append(rows, []string{k.Name, *k.line(sc.Overview)})
		} else {
			rows = append(rows, []string{k.Name, strings.Join(*k.list(sc.Overview), "\n")})
		}
	}
	return rows
}

// setOverview reads a Settings row of the overview; false if key is none.
func (s *Settings) setOverview(key, value string) bool {
	for _, k := range overviewKeys {
		if sheet.Normalize(k.Name) != key {
			continue
		}
		if s.Overview == nil {
			s.Overview = &scenario.Overview{}
		}
		if k.line != nil {
			*k.line(s.Overview) = text.Clean(value, 0)
			return true
		}
		var items []string
		for item := range strings.SplitSeq(value, "\n") {
			if item = text.Line(item, 0); item != "" {
				items = append(items, item)
			}
		}
		*k.list(s.Overview) = items
		return true
	}
	return false
}

// guideRows are the Evaluation guide table's rows: a row for each
// capability target (no task) and one for each of its critical tasks.
func guideRows(sc *scenario.Scenario) [][]string {
	var rows [][]string
	for _, o := range sc.Objectives {
		for _, t := range o.Targets {
			rows = append(rows, []string{o.ID, t.ID, "", t.Text})
			for _, task := range t.Tasks {
				rows = append(rows, []string{o.ID, t.ID, task.ID, task.Text})
			}
		}
	}
	return rows
}

// guideRow reads a row of the Evaluation guide table at row r.
func (s *Settings) guideRow(r int, objective, target, task, words string) {
	for _, id := range []string{objective, target} {
		if !ValidID(id) {
			s.note(false, r, 0, "evaluation guide: objective and target ids must be letters, digits, - or _ (%q is not), and are needed", id)
			return
		}
	}
	if task != "" && !ValidID(task) {
		s.note(false, r, 2, "evaluation guide: critical task id %q must be letters, digits, - or _", task)
		return
	}
	if objectives, ok := s.Lists["Objectives"]; ok && !slices.ContainsFunc(objectives, func(e [3]string) bool { return e[0] == objective }) {
		s.note(false, r, 0, "evaluation guide: there is no objective %q in the Objectives table; add it there, or correct the id", objective)
		return
	}
	if s.Guide == nil {
		s.Guide = map[string][]scenario.Target{}
	}
	targets := s.Guide[objective]
	i := len(targets) - 1
	if i < 0 || targets[i].ID != target {
		targets, i = append(targets, scenario.Target{ID: target}), len(targets)
	}
	if task == "" {
		targets[i].Text = text.Clean(words, 0)
	} else {
		targets[i].Tasks = append(targets[i].Tasks, scenario.Task{ID: task, Text: text.Clean(words, 0)})
	}
	s.Guide[objective] = targets
}
