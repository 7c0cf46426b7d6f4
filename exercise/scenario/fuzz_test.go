package scenario

import (
	"encoding/json"
	"testing"
)

// FuzzParse feeds arbitrary bytes to the scenario loader: it must never
// panic, and a scenario it accepts must survive the copy a session file
// keeps of it.
func FuzzParse(f *testing.F) {
	f.Add([]byte(good))
	f.Add([]byte("title: x\nduration: 1h\nteams: [{id: a, name: A}]\ninjects: [{id: I, at: '00:10', title: t, to: a}]\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("- - - - - -\n"))
	f.Add([]byte("title: \"\\e[2J\"\n"))
	f.Add([]byte("\x00\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, probs := Parse("fuzz.yaml", data)
		if s == nil {
			if !probs.HasErrors() {
				t.Fatal("rejected without an error")
			}
			return
		}
		copyJSON, err := json.Marshal(s.ForJournal())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := FromJSON(copyJSON); err != nil {
			t.Fatalf("an accepted scenario does not survive the session file's copy: %v", err)
		}
	})
}
