package scenario

import (
	"strings"
	"testing"
)

const cell = `simulated:
  - {id: media, name: BBC London}
roster:
  - {name: Lee, role: controller, lead: true, code: RIVER-4821-KQ}
  - {name: Cat, role: controller, teams: [fire], injects: [I1], code: OTTER-7733-ZX}
  - {name: Sim, role: simcell, plays: [media], code: HERON-5120-PL}
`

func TestControlCellParses(t *testing.T) {
	s, probs := Parse("cell.yaml", []byte(good+cell))
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	if o := s.Org("media"); o == nil || o.Name != "BBC London" {
		t.Errorf("org %v", o)
	}
	if p := s.Roster[1]; p.Role != RoleController || p.Teams[0] != "fire" || p.Injects[0] != "I1" || !s.Roster[0].Lead || s.Roster[2].Plays[0] != "media" {
		t.Errorf("roster %+v", s.Roster)
	}
}

func TestControlCellProblems(t *testing.T) {
	for _, tt := range []struct{ name, from, to, want string }{
		{"unknown team", "teams: [fire]", "teams: [army]", `:41:43: "Cat" is scoped to unknown team "army"; use one of police, fire`},
		{"unknown inject", "injects: [I1]", "injects: [I9]", `"Cat" is scoped to unknown inject "I9"`},
		{"unknown org", "plays: [media]", "plays: [bbc]", `:42:40: "Sim" plays "bbc", which is not under simulated:`},
		{"plays nothing", "plays: [media], ", "", `simcell member "Sim" plays no organisation`},
		{"lead participant", "role: controller, lead", "role: observer, lead", `"Lee" is a observer; only a controller can be the lead`},
		{"org without name", "name: BBC London", "name: ''", `simulated organisation "media" has no name`},
		{"bad role", "role: simcell", "role: simcel", `role "simcel" is not one of participant, evaluator, observer, facilitator, controller, simcell`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := Parse("cell.yaml", []byte(good+strings.Replace(cell, tt.from, tt.to, 1)))
			if !strings.Contains(probs.String(), tt.want) {
				t.Errorf("problems do not contain %q; got:\n%s", tt.want, probs)
			}
		})
	}
}

func TestWithInjectLeavesTheScenarioAsItWas(t *testing.T) {
	s, probs := Parse("good.yaml", []byte(good))
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	n := len(s.Injects)
	c, err := s.WithInject(Inject{ID: "live-9", Title: "Statement", To: Recipients{"fire"}, At: "00:10"})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Injects) != n || s.Inject("live-9") != nil || c.Inject("live-9") == nil || !c.Inject("live-9").Contingency() || c.Inject("I1") == nil {
		t.Error("WithInject changed the original, or its copy lacks the inject")
	}
	if _, err := c.WithInject(Inject{ID: "I1", Title: "x", To: Recipients{"fire"}}); err == nil || !strings.Contains(err.Error(), `already an inject "I1"`) {
		t.Errorf("duplicate id: %v", err)
	}
	if _, err := s.WithInject(Inject{ID: "x", Title: "x", To: Recipients{"army"}}); err == nil || !strings.Contains(err.Error(), `unknown team "army"`) {
		t.Errorf("unknown team: %v", err)
	}
}
