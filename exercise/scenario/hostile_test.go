package scenario

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// parseWithin parses data and fails the test if it takes longer than limit
// (a hang; slowdown times that under the race detector) or panics.
func parseWithin(t *testing.T, name string, data []byte, limit time.Duration) (*Scenario, Problems) {
	t.Helper()
	type result struct {
		s     *Scenario
		probs Problems
	}
	done := make(chan result, 1)
	go func() {
		s, probs := Parse(name, data)
		done <- result{s, probs}
	}()
	select {
	case r := <-done:
		return r.s, r.probs
	case <-time.After(limit * slowdown):
		t.Fatalf("%s: no answer within %v", name, limit*slowdown)
		return nil, nil
	}
}

func billionLaughs(inInject bool) string {
	var b strings.Builder
	b.WriteString("title: bomb\nduration: 1h\nteams:\n  - id: x\n    name: X\ninjects:\n  - id: I1\n    at: \"00:10\"\n    title: t\n    to: x\n")
	prefix := "    notes: "
	if !inInject {
		prefix = "objectives: "
	}
	b.WriteString(prefix + "[&a lol")
	prev := "a"
	for _, name := range []string{"b", "c", "d", "e", "f", "g", "h", "i", "j"} {
		b.WriteString(", &" + name + " [" + strings.Repeat("*"+prev+",", 9) + "*" + prev + "]")
		prev = name
	}
	b.WriteString("]\n")
	return b.String()
}

func TestHostileScenarioFiles(t *testing.T) {
	var block strings.Builder
	for i := range 500 {
		block.WriteString(strings.Repeat("  ", i) + "- \n")
	}
	tests := []struct {
		name, src string
		want      string // "" means it must load
	}{
		{"alias bomb in an inject", billionLaughs(true), "aliases (*name) expand to more than"},
		{"alias bomb at the top", billionLaughs(false), "aliases (*name) expand to more than"},
		{"deep flow nesting", "title: x\nduration: 1h\nteams: " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\n", ":3:"},
		{"deep block nesting", "title: x\nduration: 1h\nteams:\n" + block.String(), "indented more than"},
		{"NUL byte", "title: x\x00y\nduration: 1h\n", ":1:9: the file has a NUL byte"},
		{"invalid UTF-8", "title: ok\nsummary: \xff\xfe\n", ":2:10: the file is not UTF-8"},
		{"1 MB single line", "title: " + strings.Repeat("x", 1<<20) + "\nduration: 1h\nteams: [{id: a, name: A}]\ninjects: []\n", ""},
		{"over the size limit", strings.Repeat("#", MaxFileSize+1), "more than the"},
		{"empty", "", "a scenario is a YAML mapping"},
		{"just a list", "- a\n- b\n", "a scenario is a YAML mapping"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before runtime.MemStats
			runtime.ReadMemStats(&before)
			s, probs := parseWithin(t, tt.name, []byte(tt.src), 10*time.Second)
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			if grew := after.TotalAlloc - before.TotalAlloc; grew > 512<<20 {
				t.Errorf("allocated %d MB", grew>>20)
			}
			if tt.want == "" {
				if s == nil {
					t.Fatalf("did not load: %s", probs)
				}
				return
			}
			if s != nil || !strings.Contains(probs.String(), tt.want) {
				t.Errorf("problems:\n%.400s\nwant %q", probs, tt.want)
			}
		})
	}
}

// TestHundredThousandInjects loads a 10 MB, 100,000-inject scenario.
func TestHundredThousandInjects(t *testing.T) {
	if testing.Short() {
		t.Skip("a large file")
	}
	var b strings.Builder
	b.WriteString("title: Big\nduration: 1000h\nteams:\n  - {id: a, name: A}\n  - {id: b, name: B}\ninjects:\n")
	for i := range 100000 {
		fmt.Fprintf(&b, "  - id: I%06d\n    at: %dm\n    title: Inject number %d with a plausible title\n    to: [a, b]\n    body: A short body of one sentence.\n", i, i/2, i)
	}
	data := []byte(b.String())
	start := time.Now()
	s, probs := parseWithin(t, "big.yaml", data, 60*time.Second)
	if s == nil || len(s.Injects) != 100000 {
		t.Fatalf("did not load: %.300s", probs)
	}
	t.Logf("%d MB, %d injects loaded in %v", len(data)>>20, len(s.Injects), time.Since(start))
}
