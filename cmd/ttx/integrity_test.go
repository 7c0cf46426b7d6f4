package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"ttx/cmd/ttx/internal/verify"
	"ttx/exercise/event"
	"ttx/exercise/journal"
	"ttx/exercise/session"
	"ttx/injects"
)

// TestVerifyNamesAForgedBranch: a forged decision with a correct prev
// inserted in the middle is named as two lines claiming one place, the
// report shows neither branch, and the final hash written down says
// which one ttx wrote.
func TestVerifyNamesAForgedBranch(t *testing.T) {
	path, head := sessionFile(t)
	data, _ := os.ReadFile(path)
	lines := strings.SplitAfter(string(data), "\n")
	forged := strings.Replace(lines[3], "Stop trains", "Pay the ransom", 1)
	os.WriteFile(path, []byte(strings.Join(lines[:3], "")+forged+strings.Join(lines[3:], "")), 0o600)
	code, out, _ := run(t, "verify", path)
	if code != 1 || !strings.Contains(out, "lines 4 and 5 both claim seq 3") || !strings.Contains(out, "lines 1 to 3 are intact (3 events)") ||
		!strings.Contains(out, "--final HASH") || strings.Contains(out, "inserted or moved") {
		t.Errorf("verify: code %d\n%s", code, out)
	}
	code, out, _ = run(t, "verify", "--final", head, path)
	if code != 1 || !strings.Contains(out, "ends the branch from line 5: that is the one ttx wrote; the branch from line 4 was not") {
		t.Errorf("verify --final: code %d\n%s", code, out)
	}
	code, out, _ = run(t, "verify", "--json", "--final", head, path)
	var res verify.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil || res.Intact || res.Fork == nil || res.GivenLine != 5 {
		t.Errorf("json: %v %+v", err, res)
	}
	code, out, errOut := run(t, "report", path)
	if code != 0 || strings.Contains(out, "Pay the ransom") || strings.Contains(out, "Stop trains") || !strings.Contains(out, "Lines 4 and 5 both claim the same place") {
		t.Errorf("report: code %d, stderr %q\n%s", code, errOut, out)
	}
}

// TestVerifyFinalHash: --final passes a file that ends in the hash
// written down and fails one that does not.
func TestVerifyFinalHash(t *testing.T) {
	path, head := sessionFile(t)
	if code, out, _ := run(t, "verify", "--final", strings.ToUpper(head), path); code != 0 || !strings.Contains(out, "ends in the final hash written down") {
		t.Errorf("code %d\n%s", code, out)
	}
	if code, out, _ := run(t, "verify", "--final", strings.Repeat("0", 64), path); code != 1 || !strings.Contains(out, "does not end in the final hash written down") {
		t.Errorf("code %d\n%s", code, out)
	}
}

// TestSealWithoutNewlineStaysSealed: a closed session that lost only its
// last newline verifies as sealed, and resuming it is refused without
// moving the seal aside.
func TestSealWithoutNewlineStaysSealed(t *testing.T) {
	path, head := sessionFile(t)
	data, _ := os.ReadFile(path)
	os.WriteFile(path, bytes.TrimSuffix(data, []byte("\n")), 0o600)
	if code, out, _ := run(t, "verify", path); code != 0 || !strings.Contains(out, "sealed (closed cleanly)") || !strings.Contains(out, head) || strings.Contains(out, "torn") {
		t.Errorf("verify: code %d\n%s", code, out)
	}
	if code, _, errOut := run(t, "run", "--resume", path); code == 0 || !strings.Contains(errOut, "closed cleanly") {
		t.Errorf("resume: code %d, %q", code, errOut)
	}
	if _, err := os.Stat(path + ".torn"); err == nil {
		t.Error("the seal was moved aside")
	}
	if now, _ := os.ReadFile(path); !bytes.Equal(now, bytes.TrimSuffix(data, []byte("\n"))) {
		t.Error("the refused resume changed the file")
	}
}

// TestNewerFormatSaidByVerifyAndReport: lines a newer ttx appended,
// chained on, are said to be its, and the report covers the events
// before them; a "v" edited on one line is a changed line, named as such,
// not put down to a newer ttx, and the report covers the events before it.
func TestNewerFormatSaidByVerifyAndReport(t *testing.T) {
	for name, tc := range map[string]struct {
		from         int // first line edited (0-based)
		rechain      bool
		verify, warn string
	}{
		"newer ttx": {4, true, "CANNOT CHECK: from line 5 on, the file was written by a newer ttx (format v2); this build reads format v1: update ttx", "showing the 4 events before line 5"},
		"edited v":  {4, false, "NOT INTACT: line 5: changed: it claims format v2, of a newer ttx, but its hash does not match prev on the next line", "showing the 4 events before it"},
	} {
		path, _ := sessionFile(t)
		data, _ := os.ReadFile(path)
		lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
		for i := tc.from; i < len(lines) && (tc.rechain || i == tc.from); i++ {
			lines[i] = strings.Replace(lines[i], `{"v":1,`, `{"v":2,`, 1)
			if tc.rechain {
				cut := strings.LastIndex(lines[i], `"prev":"`) + len(`"prev":"`)
				lines[i] = lines[i][:cut] + journal.Hash([]byte(lines[i-1])) + lines[i][cut+64:]
			}
		}
		os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600)
		if code, out, _ := run(t, "verify", path); code != 1 || !strings.Contains(out, tc.verify) || !strings.Contains(out, "lines 1 to 4 are intact (4 events)") {
			t.Errorf("%s: verify: code %d\n%s", name, code, out)
		}
		if code, out, errOut := run(t, "report", "--format", "csv", path); code != 0 || !strings.Contains(out, "Stop trains") || !strings.Contains(errOut, tc.warn) {
			t.Errorf("%s: report: code %d, stderr %q", name, code, errOut)
		}
	}
}

// unclosed writes a demo session that stopped without closing.
func unclosed(t *testing.T) string {
	t.Helper()
	sc, _ := injects.Load("demo")
	path := filepath.Join(t.TempDir(), "s.jsonl")
	a := session.Facilitator("ana")
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	s, err := session.Create(path, sc, "demo", a, session.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []session.Command{session.StartClock{}, session.RecordNote{Text: "kept"}} {
		if _, err := s.Do(a, c); err != nil {
			t.Fatal(err)
		}
	}
	s.Abandon()
	return path
}

// TestGarbageTailSetAsideOnResume: a blank and a garbage line at the end
// make the file not intact, verify says what to do, resume refuses until
// asked with --set-aside-tail, which moves them aside byte for byte and
// journals where they were, their size and SHA-256.
func TestGarbageTailSetAsideOnResume(t *testing.T) {
	path := unclosed(t)
	intact, _ := os.ReadFile(path)
	tail := "\nnot an event\n"
	os.WriteFile(path, append(bytes.Clone(intact), tail...), 0o600)
	code, out, _ := run(t, "verify", path)
	if code != 1 || !strings.Contains(out, "NOT INTACT: line 4") || !strings.Contains(out, "lines 4 to 5 (14 bytes from byte") ||
		!strings.Contains(out, "ttx run --resume "+path+" --set-aside-tail") {
		t.Errorf("verify: code %d\n%s", code, out)
	}
	if code, _, errOut := run(t, "run", "--resume", path); code == 0 || !strings.Contains(errOut, "--set-aside-tail") {
		t.Errorf("resume: code %d, %q", code, errOut)
	}
	sess, notice, err := openSession(nil, &runOptions{resume: path, setAsideTail: true}, session.Facilitator("ana"), "", &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	sess.Abandon()
	if !strings.Contains(notice, "14 bytes after the last event") || !strings.Contains(notice, path+".tail") {
		t.Errorf("notice: %s", notice)
	}
	if moved, _ := os.ReadFile(path + ".tail"); string(moved) != tail {
		t.Errorf("set aside: %q", moved)
	}
	f, _ := os.Open(path)
	defer f.Close()
	var last event.Event
	rep, _ := journal.Scan(f, func(e event.Event) error { last = e; return nil })
	var d event.Resumed
	last.Decode(&d)
	if rep.Break != nil || last.Type != event.SessionResumed || d.TailFile != path+".tail" || d.TailOffset != int64(len(intact)) ||
		d.TailBytes != 14 || d.TailSHA256 != journal.Hash([]byte(tail)) || d.TailLines != [2]int{4, 5} {
		t.Errorf("journaled: break %v, %s %+v", rep.Break, last.Type, d)
	}
	if code, out, _ := run(t, "verify", path); code != 0 {
		t.Errorf("after setting the tail aside: code %d\n%s", code, out)
	}
	// The report says what was set aside, where it went and its hash.
	want := "lines 4 to 5 (14 bytes from byte " + strconv.Itoa(len(intact)) + "), which were not events, were moved to " + path + ".tail at the facilitator's request; SHA-256 " + journal.Hash([]byte(tail))
	if code, out, _ := run(t, "report", path); code != 0 || !strings.Contains(out, want) {
		t.Errorf("report: code %d, want %q in\n%s", code, want, out[strings.Index(out, "## Integrity"):])
	}
}

// TestVerifyOffersNoResumeOfANonSession: a file none of whose lines is an
// event is said not to be a session file, without the advice to resume
// it, which ttx run --resume then refuses ("start a new session").
func TestVerifyOffersNoResumeOfANonSession(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.jsonl")
	if err := os.WriteFile(path, []byte("not json\n{\"a\":1}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := run(t, "verify", path)
	if code != 1 || !strings.Contains(out, "NOT INTACT") || !strings.Contains(out, "is this a ttx session file?") {
		t.Errorf("verify of a file with no event: exit %d, %q", code, out)
	}
	if strings.Contains(out, "--resume") {
		t.Errorf("verify advises resuming a file that holds no event: %q", out)
	}
}

// TestRosterFileOnResumeKeepsTheCellsRights: people a roster file adds to
// a session being resumed come in with what the session can carry: a
// SimCell member with the organisations they play; a scoped or lead
// controller is refused, not let in to run everything.
func TestRosterFileOnResumeKeepsTheCellsRights(t *testing.T) {
	sc, _ := injects.Load("london")
	dir := t.TempDir()
	path := filepath.Join(dir, "s.jsonl")
	a := session.Facilitator("ana")
	s, err := session.Create(path, sc, "london", a, session.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Abandon()
	roster := func(yaml string) string {
		p := filepath.Join(dir, "roster.yaml")
		if err := os.WriteFile(p, []byte(yaml), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	scoped := roster("roster:\n  - {name: Cat Kay, role: controller, teams: [btp], code: CATK-73KQ-9M}\n")
	if _, _, err := openSession(nil, &runOptions{resume: path}, a, scoped, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "scoped controller cannot join") {
		t.Fatalf("a scoped controller from the roster file: %v", err)
	}
	sim := roster("roster:\n  - {name: Sim Two, role: simcell, plays: [media], code: SIM2-73KQ-9M}\n")
	sess, _, err := openSession(nil, &runOptions{resume: path}, a, sim, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Abandon()
	st := sess.State()
	if p := st.Person("Sim Two"); p == nil || !slices.Equal(p.Plays, []string{"media"}) {
		t.Errorf("Sim Two: %+v", p)
	}
}
