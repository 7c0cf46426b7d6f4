package injects

import (
	"testing"
	"time"
)

func TestBundledScenariosValidate(t *testing.T) {
	names := Names()
	if len(names) < 2 || names[0] != Default {
		t.Fatalf("names = %v, want the default first", names)
	}
	for _, name := range names {
		sc, probs := Load(name)
		if len(probs) > 0 {
			t.Errorf("%s:\n%s", name, probs)
			continue
		}
		contingency := 0
		for i := range sc.Injects {
			if sc.Injects[i].Contingency() {
				contingency++
			}
		}
		if len(sc.Branches) == 0 || contingency == 0 {
			t.Errorf("%s: %d branches and %d contingency injects; every bundled scenario shows both", name, len(sc.Branches), contingency)
		}
	}
}

func TestDefaultScenarioShape(t *testing.T) {
	sc, _ := Load(Default)
	if n := len(sc.Injects); n < 28 || n > 40 {
		t.Errorf("london has %d injects, want about 30", n)
	}
	if sc.DurationValue() != 3*time.Hour {
		t.Errorf("duration = %v", sc.DurationValue())
	}
	if len(sc.Teams) != 7 {
		t.Errorf("teams = %d, want 7", len(sc.Teams))
	}
}

func TestUnknownName(t *testing.T) {
	if sc, probs := Load("nope"); sc != nil || !probs.HasErrors() {
		t.Error("an unknown bundled name must be an error")
	}
}
