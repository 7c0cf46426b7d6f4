// Package injects holds the scenarios bundled with ttx, embedded in the
// binary so that `ttx run` works anywhere with nothing else installed.
package injects

import (
	"embed"
	"path"
	"slices"
	"strings"

	"ttx/exercise/scenario"
)

//go:embed *.yaml
var files embed.FS

// Default is the scenario `ttx` runs when none is named.
const Default = "london"

// Names lists the bundled scenarios, default first.
func Names() []string {
	entries, _ := files.ReadDir(".")
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), path.Ext(e.Name())))
	}
	slices.SortFunc(names, func(a, b string) int {
		switch {
		case a == Default:
			return -1
		case b == Default:
			return 1
		}
		return strings.Compare(a, b)
	})
	return names
}

// Has reports whether name is a bundled scenario.
func Has(name string) bool { return slices.Contains(Names(), name) }

// Source returns the YAML text of the bundled scenario name.
func Source(name string) ([]byte, error) { return files.ReadFile(name + ".yaml") }

// Load parses and validates the bundled scenario name.
func Load(name string) (*scenario.Scenario, scenario.Problems) {
	data, err := Source(name)
	if err != nil {
		return nil, scenario.Problems{{File: name, Msg: "no bundled scenario of that name; ttx scenarios lists them"}}
	}
	return scenario.Parse(name+".yaml", data)
}
