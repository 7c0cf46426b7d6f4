package scenario

import (
	"strings"
	"testing"
)

// TestMisspeltFieldHidesNothing: a misspelt field is reported with every
// other problem in the file, each once, as validate promises; before, the
// unknown field was the only problem reported until it was mended.
func TestMisspeltFieldHidesNothing(t *testing.T) {
	src := `titel: Test
duration: 1h
teams:
  - {id: police, name: Police}
injects:
  - id: I1
    at: "1:5"
    titel: One
    chanel: phone
    to: [b]
  - id: I2
    at: "00:10"
    title: Two
    to: [police]
`
	_, probs := Parse("bad.yaml", []byte(src))
	var got []string
	for _, p := range probs {
		if p.Severity == Error {
			got = append(got, p.String())
		}
	}
	want := []string{
		`bad.yaml:1:1: unknown field "titel"; did you mean "title"?`,
		`bad.yaml:7:9: inject "I1": "1:5" is not a time offset; write hh:mm like 01:05, or 1h05m`,
		`bad.yaml:8:5: unknown field "titel" in injects; did you mean "title"?`,
		`bad.yaml:9:5: unknown field "chanel" in injects; did you mean "channel"?`,
		`bad.yaml:10:10: inject "I1" is sent to unknown team "b"; use one of police, or all`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestBrokenEntryStillStops: a problem that leaves part of the file
// unread (a list where a value belongs) still stops the checks that would
// only report what could not be read.
func TestBrokenEntryStillStops(t *testing.T) {
	src := `title: [a, b]
duration: 1h
teams:
  - {id: police, name: Police}
injects: []
`
	_, probs := Parse("bad.yaml", []byte(src))
	for _, p := range probs {
		if strings.Contains(p.Msg, "has no title") {
			t.Fatalf("a title that could not be read is reported missing too: %v", probs)
		}
	}
	if !probs.HasErrors() {
		t.Fatal("a list for the title passed")
	}
}
