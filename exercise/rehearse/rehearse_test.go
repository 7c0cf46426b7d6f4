package rehearse

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"ttx/exercise/internal/bigscenario"
	"ttx/exercise/scenario"
	"ttx/injects"
)

// tangled is a scenario whose rehearsal takes every turn: an inject due
// before the branch it waits for is answered, a chain of branches, two
// injects due at once listed out of order, one off the chosen branch,
// one that needs two choices, and a contingency inject.
const tangled = `title: Tangled
duration: 2h
teams:
  - {id: a, name: A}
  - {id: b, name: B}
objectives:
  - {id: O1, text: One}
  - {id: O2, text: Two}
branches:
  - id: x
    title: X?
    after: I1
    options: [{id: p, label: P}, {id: q, label: Q}]
  - id: y
    title: Y?
    options: [{id: p, label: P}, {id: q, label: Q}]
  - id: z
    title: Z?
    after: W
    options: [{id: p, label: P}, {id: q, label: Q}]
injects:
  - {id: W, at: "00:05", title: Waits for x, to: a, requires: [x.p], objectives: [O2]}
  - {id: I1, at: "00:10", title: Raises x, to: [a, b], objectives: [O1]}
  - {id: U, at: "00:07", title: Waits for z, to: b, requires: [z.p]}
  - {id: I3, at: "00:30", title: Listed first, to: all}
  - {id: I2, at: "00:30", title: Listed second, to: a, objectives: [O1, O2]}
  - {id: V, at: "00:20", title: Off the branch, to: b, requires: [x.q]}
  - {id: T, at: "00:40", title: Needs two, to: a, requires: [y.p, x.p]}
  - {id: L, at: "01:50", title: Late, to: b, requires: [z.q]}
  - {id: C, title: By hand, to: a}
`

// TestRehearsalUnchanged holds what a rehearsal prints, journals and sums
// up to what it was before rehearsals kept a schedule instead of looking
// at every inject at every step: bundled scenarios, the tangled one with
// either option, and a generated one of 1,200 injects.
func TestRehearsalUnchanged(t *testing.T) {
	cases := []struct {
		name     string
		sc       func(t *testing.T) *scenario.Scenario
		branches map[string]string
	}{
		{"tangled", parsed([]byte(tangled)), nil},
		{"tangled-q", parsed([]byte(tangled)), map[string]string{"x": "q", "z": "q"}},
		{"generated", parsed(bigscenario.YAML(1200)), nil},
	}
	for _, name := range injects.Names() {
		cases = append(cases, struct {
			name     string
			sc       func(t *testing.T) *scenario.Scenario
			branches map[string]string
		}{name, func(t *testing.T) *scenario.Scenario {
			sc, probs := injects.Load(name)
			if sc == nil {
				t.Fatal(probs)
			}
			return sc
		}, nil})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "r.jsonl")
			var out bytes.Buffer
			res, err := Run(c.sc(t), c.name, Options{Branches: c.branches, Path: path, Out: &out})
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&out, "\nresult: %+v\n\njournal:\n", *res)
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			sc := bufio.NewScanner(f)
			sc.Buffer(nil, 64<<20)
			for sc.Scan() {
				var line struct {
					Seq  int64           `json:"seq"`
					T    int64           `json:"t"`
					Type string          `json:"type"`
					By   string          `json:"by"`
					Data json.RawMessage `json:"data"`
				}
				if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
					t.Fatal(err)
				}
				if line.Type == "session.opened" {
					line.Data = nil // the scenario; wall times vary
				}
				fmt.Fprintf(&out, "%d %d %s %s %s\n", line.Seq, line.T, line.Type, line.By, line.Data)
			}
			golden.RequireEqual(t, out.Bytes())
		})
	}
}

func parsed(data []byte) func(t *testing.T) *scenario.Scenario {
	return func(t *testing.T) *scenario.Scenario {
		sc, probs := scenario.Parse("s.yaml", data)
		if sc == nil {
			t.Fatal(probs)
		}
		return sc
	}
}
