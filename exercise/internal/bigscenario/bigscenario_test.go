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
	for _, gen := range []func(int) []byte{bigscenario.YAML, bigscenario.LongYAML} {
		sc, probs := scenario.Parse("big.yaml", gen(1000))
		if sc == nil {
			t.Fatalf("not valid:\n%.2000s", probs)
		}
		if len(sc.Injects) != 1000 || len(sc.Teams) != bigscenario.Teams || len(sc.Branches) != 5 {
			t.Errorf("%d injects, %d teams, %d branches", len(sc.Injects), len(sc.Teams), len(sc.Branches))
		}
	}
}

// TestHundredThousandFit: the benchmarks' largest scenario is within the
// size ttx reads.
func TestHundredThousandFit(t *testing.T) {
	if n := len(bigscenario.YAML(100000)); n > scenario.MaxFileSize {
		t.Errorf("100,000 injects take %d bytes, more than %d", n, scenario.MaxFileSize)
	}
}

// TestWriteBigScenario writes a generated scenario (LongYAML) of
// TTX_BIG_N injects to TTX_BIG, for measuring the built binary:
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
	if err := os.WriteFile(path, bigscenario.LongYAML(n), 0o644); err != nil {
		t.Fatal(err)
	}
}
