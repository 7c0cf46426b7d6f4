package scenario

import (
	"strings"
	"testing"
	"time"
)

const good = `title: Test exercise
duration: 1h
start: "09:00"
teams:
  - id: police
    name: Police
  - id: fire
    name: Fire
objectives:
  - id: OBJ-1
    text: Communicate
branches:
  - id: evac
    title: Evacuate the station?
    after: I2
    options:
      - {id: yes, label: Evacuate}
      - {id: no, label: Shelter in place}
injects:
  - id: I1
    at: "00:05"
    title: First call
    to: police
    objectives: [OBJ-1]
  - id: I2
    at: 15m
    title: Smoke reported
    to: [police, fire]
  - id: I3
    at: "00:30"
    title: Evacuation under way
    to: all
    requires: [evac.yes]
  - id: C1
    title: Contingency
    to: fire
`

func TestParseGood(t *testing.T) {
	s, probs := Parse("good.yaml", []byte(good))
	if probs.HasErrors() {
		t.Fatalf("unexpected problems:\n%s", probs)
	}
	if got := len(s.Injects); got != 4 {
		t.Fatalf("injects = %d, want 4", got)
	}
	if d, ok := s.Inject("I2").Offset(); !ok || d != 15*time.Minute {
		t.Errorf("I2 offset = %v %v, want 15m true", d, ok)
	}
	if !s.Inject("C1").Contingency() {
		t.Error("C1 should be a contingency inject")
	}
	if s.Inject("I1").To[0] != "police" || !s.Inject("I3").To.Includes("fire") {
		t.Error("recipients not decoded: single string and all")
	}
	if s.DurationValue() != time.Hour {
		t.Errorf("duration = %v", s.DurationValue())
	}
	if st, tod := s.StartTime(); !tod || st.Hour() != 9 {
		t.Errorf("start = %v %v", st, tod)
	}
	if s.Branch("evac").Option("no").Label != "Shelter in place" {
		t.Error("branch option lookup failed")
	}
}

func TestParseProblems(t *testing.T) {
	tests := []struct {
		name string
		edit func(string) string
		want []string // each a "line:col: substring" or a substring
	}{
		{"unknown team", func(s string) string { return strings.Replace(s, "to: police\n", "to: polce\n", 1) },
			[]string{`:23:9: inject "I1" is sent to unknown team "polce"; use one of police, fire, or all`}},
		{"unknown objective in list", func(s string) string { return strings.Replace(s, "[OBJ-1]", "[OBJ-1, OBJ-9]", 1) },
			[]string{`:24:25: inject "I1" names unknown objective "OBJ-9"`}},
		{"duplicate inject id", func(s string) string { return strings.Replace(s, "id: I2", "id: I1", 1) },
			[]string{`:25:9: duplicate inject id "I1" (first used at line 20)`, `unknown inject "I2"`}},
		{"bad offset", func(s string) string { return strings.Replace(s, "at: 15m", "at: 1:5x", 1) },
			[]string{`:26:9: inject "I2": "1:5x" is not a time offset; write hh:mm like 01:05, or 1h05m`}},
		{"offset after end", func(s string) string { return strings.Replace(s, `at: "00:30"`, `at: "02:30"`, 1) },
			[]string{`:30:9: inject "I3" is at 02:30, after the exercise ends`}},
		{"bad duration", func(s string) string { return strings.Replace(s, "duration: 1h", "duration: soon", 1) },
			[]string{`:2:11: duration "soon" is not a length of time`}},
		{"never due", func(s string) string { return strings.Replace(s, "[evac.yes]", "[evac.yes, evac.no]", 1) },
			[]string{`can never become due: it requires both evac.yes and evac.no`}},
		{"unknown option", func(s string) string { return strings.Replace(s, "[evac.yes]", "[evac.maybe]", 1) },
			[]string{`branch "evac" has no option "maybe"; its options are yes, no`}},
		{"unknown field with suggestion", func(s string) string { return strings.Replace(s, "title: First call", "titel: First call", 1) },
			[]string{`:22:5: unknown field "titel" in injects; did you mean "title"?`}},
		{"unknown top-level field", func(s string) string { return "colour: red\n" + s },
			[]string{`:1:1: unknown field "colour"`}},
		{"several at once", func(s string) string {
			s = strings.Replace(s, "to: police\n", "to: polce\n", 1)
			return strings.Replace(s, "at: 15m", "at: later", 1)
		}, []string{`unknown team "polce"`, `"later" is not a time offset`}},
		{"syntax error", func(s string) string { return strings.Replace(s, "title: Test exercise", "title: [unclosed", 1) },
			[]string{`good.yaml:2:1: ',' or ']' must be specified; check the YAML syntax`}},
		{"no title", func(s string) string { return strings.Replace(s, "title: Test exercise\n", "", 1) },
			[]string{`the scenario has no title`}},
		{"injects not a list", func(s string) string { return strings.Split(s, "injects:")[0] + "injects: 5\n" },
			[]string{`injects must be a list`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, probs := Parse("good.yaml", []byte(tt.edit(good)))
			if s != nil {
				t.Fatal("a scenario with errors must not be returned")
			}
			all := probs.String()
			for _, w := range tt.want {
				if !strings.Contains(all, w) {
					t.Errorf("problems do not contain %q; got:\n%s", w, all)
				}
			}
		})
	}
}

func TestParseOffset(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		err  bool
	}{
		{"00:15", 15 * time.Minute, false},
		{"1:05", 65 * time.Minute, false},
		{"T+01:05", 65 * time.Minute, false},
		{"+15", 15 * time.Minute, false},
		{"01:05:30", 65*time.Minute + 30*time.Second, false},
		{"1h05m", 65 * time.Minute, false},
		{"1h05", 65 * time.Minute, false},
		{"1h5x", 0, true},
		{"90m", 90 * time.Minute, false},
		{"1:5", 0, true},
		{"1:60", 0, true},
		{"-5m", 0, true},
		{"", 0, true},
		{"soon", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseOffset(tt.in)
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("ParseOffset(%q) = %v, %v; want %v, err %v", tt.in, got, err, tt.want, tt.err)
		}
	}
	if got := FormatOffset(65*time.Minute + 5*time.Second); got != "01:05:05" {
		t.Errorf("FormatOffset = %q", got)
	}
	if got := FormatOffset(-90 * time.Minute); got != "-01:30" {
		t.Errorf("FormatOffset negative = %q", got)
	}
}

func TestFromJSONRoundTrip(t *testing.T) {
	s, probs := Parse("good.yaml", []byte(good))
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	data, err := jsonMarshal(s)
	if err != nil {
		t.Fatal(err)
	}
	back, err := FromJSON(data)
	if err != nil {
		t.Fatal(err)
	}
	if d, ok := back.Inject("I2").Offset(); !ok || d != 15*time.Minute {
		t.Errorf("offset lost in JSON round trip: %v %v", d, ok)
	}
	if len(back.Branches) != 1 || back.Branches[0].After != "I2" {
		t.Error("branches lost in JSON round trip")
	}
}

func TestScenarioTextIsCleaned(t *testing.T) {
	src := strings.Replace(good, "title: First call", "title: \"First\\e[2J call\\u202e\"\n    body: \"line\\e]0;pwned\\a one\\nline two\"", 1)
	s, probs := Parse("good.yaml", []byte(src))
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	in := s.Inject("I1")
	if in.Title != "First call" || in.Body != "line one\nline two" {
		t.Errorf("title %q body %q", in.Title, in.Body)
	}
}

func TestAdviceWarnsWithoutFailing(t *testing.T) {
	src := `title: Thin
duration: 3h
teams:
  - {id: a, name: A}
  - {id: b, name: B}
  - {id: c, name: C}
objectives:
  - {id: O1, text: Used}
  - {id: O2, text: Unused}
branches:
  - id: br
    title: Which way?
    options: [{id: x, label: X}, {id: y, label: Y}]
injects:
  - {id: I1, at: "00:05", title: One, to: a, objectives: [O1], expected: Act}
  - {id: I2, at: "00:05", title: Two, to: [a, b], expected: Act}
  - {id: I3, at: "00:10", title: Left, to: b, requires: [br.x], expected: Act}
  - {id: I4, at: "00:10", title: Right, to: b, requires: [br.y], expected: Act}
  - {id: I5, at: "01:20", title: Late, to: b}
`
	s, probs := Parse("thin.yaml", []byte(src))
	if s == nil {
		t.Fatalf("warnings must not fail the scenario:\n%s", probs)
	}
	all := probs.String()
	for _, want := range []string{
		`thin.yaml:6:6: warning: team "c" receives no inject`,
		`warning: objective "O2" is exercised by no inject`,
		`warning: I1 and I2 both reach a at T+00:05`,
		`warning: nothing is due from T+00:10 to T+01:20 (01:10)`,
		`warning: 1 inject(s) have no expected player actions (I5)`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("advice lacks %q:\n%s", want, all)
		}
	}
	if strings.Contains(all, "I3 and I4") {
		t.Error("injects on different options of one branch were warned about as clashing")
	}
}
