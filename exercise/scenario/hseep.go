package scenario

import (
	"reflect"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"

	"ttx/exercise/scenario/internal/hseep"
	"ttx/exercise/scenario/internal/yamlguard"
)

// Overview is what an after-action report's exercise overview table
// says of the exercise (the HSEEP AAR/IP shape): every field optional; the
// report leaves a blank for the planner to fill where the scenario is
// silent.
type Overview struct {
	// Dates are the exercise dates as the report should give them
	// ("12–13 March 2027"); empty: the dates the session ran.
	Dates string `yaml:"dates,omitempty" json:"dates,omitempty"`
	// Scope says what the exercise covers and how (a tabletop, its hours,
	// its sites).
	Scope string `yaml:"scope,omitempty" json:"scope,omitempty"`
	// MissionAreas are the mission areas exercised (prevention,
	// protection, mitigation, response, recovery).
	MissionAreas []string `yaml:"mission_areas,omitempty" json:"mission_areas,omitempty"`
	// Capabilities are the core capabilities exercised; empty: those the
	// objectives name.
	Capabilities []string `yaml:"core_capabilities,omitempty" json:"core_capabilities,omitempty"`
	// Threat is the threat or hazard.
	Threat string `yaml:"threat,omitempty" json:"threat,omitempty"`
	// Scenario is the scenario in a sentence or two; empty: the summary.
	Scenario string `yaml:"scenario,omitempty" json:"scenario,omitempty"`
	// Sponsor is the sponsoring organisation.
	Sponsor string `yaml:"sponsor,omitempty" json:"sponsor,omitempty"`
	// Organisations are the participating organisations; empty: the
	// teams' names.
	Organisations []string `yaml:"organisations,omitempty" json:"organisations,omitempty"`
	// Contact is the point of contact: name, role, telephone, email.
	Contact string `yaml:"poc,omitempty" json:"poc,omitempty"`
	// Handling is the handling caveat printed on the cover and every page
	// ("OFFICIAL-SENSITIVE", "For Official Use Only"); empty: the report's
	// own draft caveat.
	Handling string `yaml:"handling,omitempty" json:"handling,omitempty"`
}

// overview decodes the overview mapping, naming each unknown field where
// it is.
func (l *loader) overview(n ast.Node) *Overview {
	m, ok := n.(*ast.MappingNode)
	if !ok {
		l.problem(n, "overview is a mapping of fields (dates: …, sponsor: …, poc: …)")
		return nil
	}
	typ := reflect.TypeFor[Overview]()
	for _, kv := range m.Values {
		if name := kv.Key.String(); !yamlguard.HasField(typ, name) {
			l.unknownField(kv.Key, name, "overview", typ)
		}
	}
	var o Overview
	if err := yaml.NodeToValue(n, &o); err != nil {
		l.yamlError(err, n)
		return nil
	}
	return &o
}

// Target is a capability target of an objective's Exercise Evaluation
// Guide: a measurable outcome the evaluators rate, and the critical tasks
// that achieve it.
type Target struct {
	ID    string `yaml:"id" json:"id"`
	Text  string `yaml:"text" json:"text"`
	Tasks []Task `yaml:"tasks,omitempty" json:"tasks,omitempty"`
}

// Task is one critical task of a capability target.
type Task struct {
	ID   string `yaml:"id" json:"id"`
	Text string `yaml:"text" json:"text"`
}

// Target returns the objective's capability target with that id, or nil.
func (o *Objective) Target(id string) *Target {
	for i := range o.Targets {
		if o.Targets[i].ID == id {
			return &o.Targets[i]
		}
	}
	return nil
}

// Task returns the target's critical task with that id, or nil.
func (t *Target) Task(id string) *Task {
	for i := range t.Tasks {
		if t.Tasks[i].ID == id {
			return &t.Tasks[i]
		}
	}
	return nil
}

// HasEEG reports whether any objective names capability targets: the
// report then rolls up the evaluators' ratings by target and task.
func (s *Scenario) HasEEG() bool {
	for i := range s.Objectives {
		if len(s.Objectives[i].Targets) > 0 {
			return true
		}
	}
	return false
}

// cleanHSEEP is clean for the overview and the evaluation guides.
func (s *Scenario) cleanHSEEP(line, block func(*string)) {
	if o := s.Overview; o != nil {
		for _, p := range []*string{&o.Dates, &o.Threat, &o.Sponsor, &o.Handling} {
			line(p)
		}
		for _, p := range []*string{&o.Scope, &o.Scenario, &o.Contact} {
			block(p)
		}
		for _, list := range [][]string{o.MissionAreas, o.Capabilities, o.Organisations} {
			for i := range list {
				line(&list[i])
			}
		}
	}
	for i := range s.Objectives {
		for j := range s.Objectives[i].Targets {
			t := &s.Objectives[i].Targets[j]
			block(&t.Text)
			for k := range t.Tasks {
				block(&t.Tasks[k].Text)
			}
		}
	}
}

// validateEEG checks the overview's lengths and the evaluation guides
// (hseep.Overview, hseep.Targets).
func validateEEG(v *validator, s *Scenario) {
	report := func(at []any, format string, args ...any) { v.add(Error, at, format, args...) }
	if o := s.Overview; o != nil {
		hseep.Overview(report, [][2]string{{"dates", o.Dates}, {"threat", o.Threat}, {"sponsor", o.Sponsor}, {"handling", o.Handling}},
			[][2]string{{"scope", o.Scope}, {"scenario", o.Scenario}, {"poc", o.Contact}})
	}
	for i := range s.Objectives {
		o := &s.Objectives[i]
		targets := make([]hseep.Target, len(o.Targets))
		for j, t := range o.Targets {
			targets[j] = hseep.Target{Item: hseep.Item{ID: t.ID, Text: t.Text}, Tasks: make([]hseep.Item, len(t.Tasks))}
			for k, task := range t.Tasks {
				targets[j].Tasks[k] = hseep.Item{ID: task.ID, Text: task.Text}
			}
		}
		hseep.Targets(report, idPattern.MatchString, i, o.ID, targets)
	}
}
