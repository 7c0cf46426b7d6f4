package scenario

import (
	"strings"
	"testing"
)

const eegScenario = `title: Exercise River Guard
duration: 2h
overview:
  dates: 12 March 2027
  mission_areas: [Response]
  threat: Marauding terrorist attack
  sponsor: London Resilience
  poc: "Sam Evans, exercise director"
  handling: OFFICIAL-SENSITIVE
teams:
  - {id: police, name: Met Police}
objectives:
  - id: OBJ-1
    text: Establish a joint command
    capability: Operational Coordination
    targets:
      - id: T1
        text: Within 30 minutes, hold a joint meeting of commanders
        tasks:
          - {id: T1-1, text: Agree the rendezvous point}
          - {id: T1-2, text: Share a METHANE message}
injects:
  - {id: I1, at: "00:10", title: First call, to: [police], objectives: [OBJ-1]}
`

func TestEvaluationGuideLoads(t *testing.T) {
	s, probs := Parse("eeg.yaml", []byte(eegScenario))
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	if s.Overview == nil || s.Overview.Threat != "Marauding terrorist attack" || s.Overview.Contact != "Sam Evans, exercise director" {
		t.Errorf("overview %+v", s.Overview)
	}
	o := s.Objective("OBJ-1")
	if !s.HasEEG() || o.Target("T1") == nil || o.Target("T1").Task("T1-2") == nil || o.Target("T9") != nil {
		t.Errorf("targets %+v", o.Targets)
	}
}

func TestEvaluationGuideProblemsSayWhere(t *testing.T) {
	src := strings.Replace(eegScenario, "{id: T1-2, text: Share a METHANE message}", "{id: T1-1, text: ''}", 1)
	src = strings.Replace(src, "      - id: T1\n", "      - id: T 1\n", 1)
	src = strings.Replace(src, "  threat:", "  threet:", 1)
	_, probs := Parse("eeg.yaml", []byte(src))
	got := probs.String()
	for _, want := range []string{
		`eeg.yaml:6:3: unknown field "threet" in overview; did you mean "threat"?`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	src = strings.Replace(src, "  threet:", "  threat:", 1)
	_, probs = Parse("eeg.yaml", []byte(src))
	got = probs.String()
	for _, want := range []string{
		`capability target id "T 1" must be letters`,
		`critical task "T1-1" appears twice in target "T 1"`,
		`critical task "T1-1" of target "T 1" has no text`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}

// TestOverviewLengths: the handling caveat is printed in every page's
// header; one of a thousand characters is refused at its line.
func TestOverviewLengths(t *testing.T) {
	src := strings.Replace(eegScenario, "handling: OFFICIAL-SENSITIVE", "handling: "+strings.Repeat("x", 1000), 1)
	_, probs := Parse("eeg.yaml", []byte(src))
	if want := "eeg.yaml:9:13: overview handling is 1000 characters; keep it to 200"; !strings.Contains(probs.String(), want) {
		t.Errorf("missing %q in:\n%s", want, probs)
	}
}
