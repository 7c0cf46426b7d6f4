package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ttx/cmd/ttx/internal/verify"
	"ttx/exercise/session"
	"ttx/injects"
)

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = execute(args, &out, &errb)
	return code, out.String(), errb.String()
}

// sessionFile writes a closed demo session with a release and a decision.
func sessionFile(t *testing.T) (path, head string) {
	t.Helper()
	sc, _ := injects.Load("demo")
	path = filepath.Join(t.TempDir(), "s.jsonl")
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	a := session.Facilitator("ana")
	s, err := session.Create(path, sc, "demo", a, session.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []session.Command{session.StartClock{}, session.Release{Inject: "D-01"},
		session.RecordDecision{Team: "transport", Text: "Stop trains"}, session.RecordNote{Text: "Good start"}} {
		if _, err := s.Do(a, c); err != nil {
			t.Fatal(err)
		}
	}
	head, err = s.Close(a)
	if err != nil {
		t.Fatal(err)
	}
	return path, head
}

func TestVerifyIntact(t *testing.T) {
	path, head := sessionFile(t)
	code, out, _ := run(t, "verify", path)
	if code != 0 || !strings.Contains(out, "intact · 6 events") || !strings.Contains(out, "sealed") || !strings.Contains(out, head) {
		t.Errorf("code %d, out %q", code, out)
	}
	code, out, _ = run(t, "verify", "--json", path)
	var res verify.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil || code != 0 || !res.Intact || res.FinalHash != head || res.Events != 6 {
		t.Errorf("json: code %d err %v res %+v", code, err, res)
	}
}

func TestVerifyNamesTheChangedLine(t *testing.T) {
	path, _ := sessionFile(t)
	data, _ := os.ReadFile(path)
	lines := strings.Split(string(data), "\n")
	lines[3] = strings.Replace(lines[3], "Stop trains", "Stop Trains", 1)
	os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644)
	code, out, _ := run(t, "verify", path)
	if code != 1 || !strings.Contains(out, "NOT INTACT: line 4: changed") {
		t.Errorf("code %d, out %q", code, out)
	}
}

func TestValidate(t *testing.T) {
	code, out, _ := run(t, "validate", "london", "demo")
	if code != 0 || strings.Count(out, ": valid") != 2 {
		t.Errorf("bundled: code %d out %q", code, out)
	}
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte("title: x\nduration: 1h\nteams:\n  - id: a\n    name: A\ninjects:\n  - id: I1\n    at: \"1:5\"\n    title: t\n    to: b\n"), 0o644)
	code, out, _ = run(t, "validate", bad)
	if code != 1 || !strings.Contains(out, bad+":8:9: inject \"I1\": \"1:5\" is not a time offset") ||
		!strings.Contains(out, bad+":10:9: inject \"I1\" is sent to unknown team \"b\"") {
		t.Errorf("bad: code %d out %q", code, out)
	}
	code, _, errOut := run(t, "validate", "no-such-thing")
	if code != 1 || !strings.Contains(errOut, "neither a scenario file nor a bundled scenario") {
		t.Errorf("missing: code %d err %q", code, errOut)
	}
}

func TestScenarios(t *testing.T) {
	code, out, _ := run(t, "scenarios")
	if code != 0 || !strings.Contains(out, "london (default)") || !strings.Contains(out, "Operation Meridian Shield") || !strings.Contains(out, "demo") {
		t.Errorf("code %d out %q", code, out)
	}
}

func TestRunRefusesBadInputBeforeTheConsole(t *testing.T) {
	path, _ := sessionFile(t)
	code, _, errOut := run(t, "run", "--resume", path)
	if code != 2 || !strings.Contains(errOut, "closed cleanly") {
		t.Errorf("resume sealed: code %d err %q", code, errOut)
	}
	code, _, errOut = run(t, "run", "--session", path, "demo")
	if code != 2 || !strings.Contains(errOut, "already exists") {
		t.Errorf("existing session file: code %d err %q", code, errOut)
	}
}

func TestDefaultSessionPath(t *testing.T) {
	got := defaultSessionPath("../my exercise.yaml", time.Date(2026, 11, 24, 9, 5, 7, 0, time.UTC))
	if got != filepath.Join("sessions", "2026-11-24T090507-my-exercise.jsonl") {
		t.Errorf("path = %s", got)
	}
}

func TestRehearseBothBundledScenarios(t *testing.T) {
	code, out, errOut := run(t, "rehearse", "london", "--speed", "0", "--branch", "network=keep")
	if code != 0 || !strings.Contains(out, "Ended at T+02:50:00: 28 released") || !strings.Contains(out, "branch network: What happens to the Underground in Zone 1? → Keep services running") ||
		!strings.Contains(out, "L-20") || strings.Contains(out, "L-18   ") {
		t.Errorf("london: code %d\n%s\n%s", code, out, errOut)
	}
	code, out, _ = run(t, "rehearse", "ransomware", "--speed", "0", "--branch", "ransom=pay")
	if code != 0 || !strings.Contains(out, "Ended at T+03:50:00") || !strings.Contains(out, "R-16") || strings.Contains(out, "R-15   ") {
		t.Errorf("ransomware: code %d\n%s", code, out)
	}
	code, out, _ = run(t, "rehearse", "demo", "--speed", "0")
	if code != 0 || !strings.Contains(out, "Ended at T+00:09:00") || !strings.Contains(out, "(first option)") {
		t.Errorf("demo: code %d\n%s", code, out)
	}
	path := filepath.Join(t.TempDir(), "r.jsonl")
	if code, _, _ = run(t, "rehearse", "demo", "--speed", "0", "--session", path); code != 0 {
		t.Fatal("rehearse with --session failed")
	}
	if code, out, _ = run(t, "verify", path); code != 0 || !strings.Contains(out, "sealed") {
		t.Errorf("the rehearsal's session file: %s", out)
	}
	if code, _, errOut = run(t, "rehearse", "demo", "--branch", "nope=x"); code == 0 || !strings.Contains(errOut, `there is no branch "nope"; the branches are evacuate (full, hold)`) {
		t.Errorf("a bad --branch: code %d %s", code, errOut)
	}
}

// TestRehearseNamesTheOptions: a --branch option the branch does not
// have is refused with the options it has, before anything is rehearsed.
func TestRehearseNamesTheOptions(t *testing.T) {
	code, out, errOut := run(t, "rehearse", "demo", "--speed", "0", "--branch", "evacuate=bogus")
	if code == 0 || !strings.Contains(errOut, `branch "evacuate" has no option "bogus"; its options are full, hold`) {
		t.Errorf("code %d: %s", code, errOut)
	}
	if strings.Contains(out, "Rehearsing") {
		t.Errorf("the rehearsal started before its options were checked:\n%s", out)
	}
}

// TestValidateCountsInWords: validate's summary says "1 branch point",
// not "1 branch points".
func TestValidateCountsInWords(t *testing.T) {
	code, out, _ := run(t, "validate", "demo")
	if code != 0 || !strings.Contains(out, "valid · 8 injects · 3 teams · 2 objectives · 1 branch point · ") {
		t.Errorf("code %d: %s", code, out)
	}
}

func TestImportWritesNothingOnErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "msel.csv")
	os.WriteFile(bad, []byte("Inject #,Time,To,Description\n1,09:00,Police,Shots\n2,9.75,Fire,Smoke\n"), 0o644)
	out := filepath.Join(dir, "scenario.yaml")
	code, stdout, errOut := run(t, "import", bad, "-o", out)
	if code != 1 || !strings.Contains(errOut, `msel.csv:R3:C2: time "9.75" is not a time; write 09:45`) {
		t.Errorf("code %d, errors %q", code, errOut)
	}
	// Problems go to standard error: ttx import x.csv > x.yaml leaves
	// no error text in the scenario file.
	if code, stdout, _ = run(t, "import", bad); code != 1 || stdout != "" {
		t.Errorf("code %d, standard output %q", code, stdout)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("the import wrote a file despite errors")
	}
	good := filepath.Join(dir, "good.csv")
	os.WriteFile(good, []byte("Inject #,Time,To,Description\n1,09:00,Police,Shots\n2,09:45,Fire,Smoke\n"), 0o644)
	if code, _, errOut := run(t, "import", good, "-o", out); code != 0 {
		t.Fatalf("good import: %s", errOut)
	}
	if code, stdout, _ := run(t, "validate", out); code != 0 || !strings.Contains(stdout, "valid · 2 injects") {
		t.Errorf("the imported scenario does not validate: %s", stdout)
	}
}

// TestReportRefusesAFileThatIsNotASession: no empty report, but an error
// that names the line, and a failing exit code.
func TestReportRefusesAFileThatIsNotASession(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.jsonl")
	if err := os.WriteFile(path, []byte("hello\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, "report", path)
	if code == 0 || out != "" || !strings.Contains(errOut, "line 1") || !strings.Contains(errOut, "not a readable ttx session file") {
		t.Errorf("code %d, out %q, err %q", code, out, errOut)
	}
}

// TestExportFollowsTheFilesEnding: -o msel.xlsx writes a workbook, not
// CSV under a workbook's name; a --format that contradicts the ending is
// refused.
func TestExportFollowsTheFilesEnding(t *testing.T) {
	out := filepath.Join(t.TempDir(), "msel.xlsx")
	if code, _, errOut := run(t, "export", "demo", "-o", out); code != 0 {
		t.Fatalf("code %d: %s", code, errOut)
	}
	data, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(data, []byte("PK")) {
		t.Fatalf("msel.xlsx is not a workbook: %q", data[:min(len(data), 40)])
	}
	if code, _, errOut := run(t, "export", "demo", "--format", "csv", "-o", out); code == 0 || !strings.Contains(errOut, "the file's ending says otherwise") {
		t.Errorf("--format csv -o msel.xlsx: code %d %s", code, errOut)
	}
}
