package bigscenario_test

import (
	"os"
	"strconv"
	"testing"

	"ttx/exercise/internal/bigscenario"
	"ttx/exercise/scenario"
)

// TestGeneratedScenarioIsValid loads a generated scenario: it has no
// errors and the injects, teams and branches asked for.
func TestGeneratedScenarioIsValid(t *testing.T) {
	sc, probs := scenario.Parse("big.yaml", bigscenario.YAML(1000))
	if sc == nil {
		t.Fatalf("not valid:\n%.2000s", probs)
	}
	if len(sc.Injects) != 1000 || len(sc.Teams) != bigscenario.Teams || len(sc.Branches) != 5 {
		t.Errorf("%d injects, %d teams, %d branches", len(sc.Injects), len(sc.Teams), len(sc.Branches))
	}
}

// TestWriteBigScenario writes a generated scenario of TTX_BIG_N injects
// to TTX_BIG, for measuring the built binary:
//
//	TTX_BIG=/tmp/big.yaml TTX_BIG_N=62000 go test ./exercise/internal/bigscenario -run TestWriteBigScenario
func TestWriteBigScenario(t *testing.T) {
	path := os.Getenv("TTX_BIG")
	if path == "" {
		t.Skip("set TTX_BIG to a path (and TTX_BIG_N to a count) to write a scenario")
	}
	n, err := strconv.Atoi(os.Getenv("TTX_BIG_N"))
	if err != nil {
		n = 62000
	}
	if err := os.WriteFile(path, bigscenario.YAML(n), 0o644); err != nil {
		t.Fatal(err)
	}
}
