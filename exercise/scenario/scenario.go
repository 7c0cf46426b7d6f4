// Package scenario is the exercise plan: teams, objectives, branch points and
// the timed injects of the Master Scenario Events List (MSEL).
//
// A Scenario is loaded from YAML (Load, Parse) or from the copy a session
// file carries (FromJSON). Either way it is checked by Validate, which
// reports every problem at once, and then prepared so that offsets and
// lookups are ready to use.
package scenario

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"ttx/exercise/scenario/internal/recipients"
	"ttx/exercise/text"
)

// Scenario is a whole exercise plan.
type Scenario struct {
	// Title names the exercise, e.g. "Operation Northern Lights".
	Title string `yaml:"title" json:"title"`
	// Summary is a short Markdown description for the console and report.
	Summary string `yaml:"summary,omitempty" json:"summary,omitempty"`
	// Start is the scenario's wall-clock start: a time of day ("09:00") or
	// a date and time ("2027-03-12 09:00"). Empty means the real time at
	// which the session opened.
	Start string `yaml:"start,omitempty" json:"start,omitempty"`
	// Duration is the planned exercise length, e.g. "3h" or "03:00".
	Duration string `yaml:"duration" json:"duration"`
	// Teams are the playing teams (agencies, cells).
	Teams []Team `yaml:"teams" json:"teams"`
	// Objectives are what the exercise sets out to test.
	Objectives []Objective `yaml:"objectives,omitempty" json:"objectives,omitempty"`
	// Roster lists who may take part and in what role (optional).
	Roster []Person `yaml:"roster,omitempty" json:"roster,omitempty"`
	// Branches are decision points whose chosen option decides which
	// injects fall due afterwards.
	Branches []Branch `yaml:"branches,omitempty" json:"branches,omitempty"`
	// Injects are the scenario's messages and events.
	Injects []Inject `yaml:"injects" json:"injects"`
	// Overview is what the after-action report's exercise overview says
	// (optional).
	Overview *Overview `yaml:"overview,omitempty" json:"overview,omitempty"`
	// Simulated are the organisations not in the room that the simulation
	// cell plays: requests for information may be addressed to them, and
	// they send live injects (optional).
	Simulated []Organisation `yaml:"simulated,omitempty" json:"simulated,omitempty"`

	prepared   bool
	start      time.Time
	startOfDay bool
	duration   time.Duration
	injectIdx  map[string]int
	teamIdx    map[string]int
	objIdx     map[string]int
	branchIdx  map[string]int
}

// Team is one playing team.
type Team struct {
	ID          string `yaml:"id" json:"id"`
	Name        string `yaml:"name" json:"name"`
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
}

// Objective is one exercise objective.
type Objective struct {
	ID         string `yaml:"id" json:"id"`
	Text       string `yaml:"text" json:"text"`
	Capability string `yaml:"capability,omitempty" json:"capability,omitempty"`
	// Targets are the objective's Exercise Evaluation Guide: capability
	// targets and their critical tasks, rated by the evaluators (optional).
	Targets []Target `yaml:"targets,omitempty" json:"targets,omitempty"`
}

// Person is one roster entry.
type Person struct {
	Name string   `yaml:"name" json:"name"`
	Team string   `yaml:"team,omitempty" json:"team,omitempty"`
	Role string   `yaml:"role" json:"role"`
	Keys []string `yaml:"keys,omitempty" json:"keys,omitempty"`
	Code string   `yaml:"code,omitempty" json:"code,omitempty"`
	// Lead is true for the lead controller, who alone changes the clock,
	// ends the session and hands the lead over (controller only).
	Lead bool `yaml:"lead,omitempty" json:"lead,omitempty"`
	// Teams and Injects scope a controller: they release, delay, hold and
	// skip only the injects named, or sent only to those teams. Both
	// empty: every inject.
	Teams   []string `yaml:"teams,omitempty" json:"teams,omitempty"`
	Injects []string `yaml:"injects,omitempty" json:"injects,omitempty"`
	// Plays lists the simulated organisations (ids from simulated:) a
	// SimCell member answers for.
	Plays []string `yaml:"plays,omitempty" json:"plays,omitempty"`
}

// Roles a roster entry may hold.
const (
	RoleFacilitator = "facilitator"
	RoleEvaluator   = "evaluator"
	RoleParticipant = "participant"
	RoleObserver    = "observer"
	// RoleController is a controller of the control cell over SSH: the
	// facilitator's console, perhaps scoped to some teams or injects.
	RoleController = "controller"
	// RoleSimCell is a member of the simulation cell, who answers for the
	// simulated organisations they play.
	RoleSimCell = "simcell"
)

// Branch is a decision point with named options.
type Branch struct {
	ID string `yaml:"id" json:"id"`
	// Title is the question the room must answer.
	Title string `yaml:"title" json:"title"`
	// After names the inject that raises the question (optional).
	After   string   `yaml:"after,omitempty" json:"after,omitempty"`
	Options []Option `yaml:"options" json:"options"`
}

// Option is one answer at a branch point.
type Option struct {
	ID    string `yaml:"id" json:"id"`
	Label string `yaml:"label" json:"label"`
}

// Inject is one scripted message or event.
type Inject struct {
	ID string `yaml:"id" json:"id"`
	// At is the offset from the exercise start ("00:15", "1h05m"); empty
	// for a contingency inject, released only by hand.
	At      string     `yaml:"at,omitempty" json:"at,omitempty"`
	Title   string     `yaml:"title" json:"title"`
	From    string     `yaml:"from,omitempty" json:"from,omitempty"`
	To      Recipients `yaml:"to" json:"to"`
	Channel string     `yaml:"channel,omitempty" json:"channel,omitempty"`
	// Body is Markdown, shown to the recipients when released.
	Body string `yaml:"body,omitempty" json:"body,omitempty"`
	// Expected lists the expected player actions (controllers only).
	Expected   string   `yaml:"expected,omitempty" json:"expected,omitempty"`
	Objectives []string `yaml:"objectives,omitempty" json:"objectives,omitempty"`
	// Requires lists branch options, as "branch.option", that must all
	// have been chosen for the inject to fall due.
	Requires []string `yaml:"requires,omitempty" json:"requires,omitempty"`
	// Notes are for controllers only.
	Notes string `yaml:"notes,omitempty" json:"notes,omitempty"`

	offset time.Duration
	timed  bool
}

// AllTeams is the recipient that means every team.
const AllTeams = recipients.All

// Recipients are team ids, or AllTeams. In YAML or JSON it may be a
// single string or a list.
type Recipients = recipients.List

// Offset returns the inject's scheduled offset from the exercise start and
// true, or false for a contingency inject.
func (in *Inject) Offset() (time.Duration, bool) { return in.offset, in.timed }

// Contingency reports whether the inject has no scheduled time.
func (in *Inject) Contingency() bool { return !in.timed }

// RequiredOption splits a "branch.option" requirement.
func RequiredOption(req string) (branch, option string) {
	branch, option, _ = strings.Cut(req, ".")
	return branch, option
}

// DurationValue returns the planned exercise length.
func (s *Scenario) DurationValue() time.Duration { return s.duration }

// StartTime returns the scenario's wall-clock start and whether it is only
// a time of day (on the date the session opened). The zero time means the
// scenario names no start.
func (s *Scenario) StartTime() (t time.Time, timeOfDay bool) { return s.start, s.startOfDay }

// InjectIndex returns the index of the inject with id, or -1.
func (s *Scenario) InjectIndex(id string) int {
	if i, ok := s.injectIdx[id]; ok {
		return i
	}
	return -1
}

// lookup returns the element of list whose index idx gives for id, or nil.
func lookup[T any](idx map[string]int, list []T, id string) *T {
	if i, ok := idx[id]; ok {
		return &list[i]
	}
	return nil
}

// Inject returns the inject with id, or nil.
func (s *Scenario) Inject(id string) *Inject {
	if i := s.InjectIndex(id); i >= 0 {
		return &s.Injects[i]
	}
	return nil
}

// Team returns the team with id, or nil.
func (s *Scenario) Team(id string) *Team { return lookup(s.teamIdx, s.Teams, id) }

// Objective returns the objective with id, or nil.
func (s *Scenario) Objective(id string) *Objective { return lookup(s.objIdx, s.Objectives, id) }

// Branch returns the branch with id, or nil.
func (s *Scenario) Branch(id string) *Branch { return lookup(s.branchIdx, s.Branches, id) }

// Option returns the option with id, or nil.
func (b *Branch) Option(id string) *Option {
	for i := range b.Options {
		if b.Options[i].ID == id {
			return &b.Options[i]
		}
	}
	return nil
}

// FromJSON decodes a scenario from the JSON copy a session file carries,
// validates it and prepares it for use. Every text in it is escaped first
// (text.EscapeAll): ttx cleaned the scenario before it wrote the copy, so
// a control character or escape sequence here was put in the file by
// something else, and is shown as text (\u001b) rather than dropped.
func FromJSON(data []byte) (*Scenario, error) {
	var s Scenario
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("scenario copy in the session file: %w", err)
	}
	text.EscapeAll(&s)
	if probs := Validate(&s, nil); probs.HasErrors() {
		return nil, fmt.Errorf("scenario copy in the session file is not valid:\n%s", probs.Errors())
	}
	return &s, nil
}
