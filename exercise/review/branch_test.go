package review_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ttx/exercise/journal"
	"ttx/exercise/review"
	"ttx/exercise/review/aar"
	"ttx/exercise/session"
	"ttx/injects"
)

// lastHash is the hash of a file's last line: its final hash.
func lastHash(t *testing.T, path string) string {
	t.Helper()
	data, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	return journal.Hash([]byte(lines[len(lines)-1]))
}

// TestFinalHashChoosesTheBranch: where a forged branch claims a place,
// the final hash given picks the branch ttx wrote: the report and replay
// then cover every genuine event and none forged, and the report says the
// branch was chosen by the final hash and which lines were set aside.
// Without it (or with a hash that ends neither branch), the record stops
// at the fork and the report names --final.
func TestFinalHashChoosesTheBranch(t *testing.T) {
	genuine := review.SmallSession(t)
	final := lastHash(t, genuine)
	whole, _ := review.Open(genuine)
	for given, want := range map[string]string{final: "", strings.Repeat("0", 64): "the file does not end in the final hash given"} {
		l, _ := review.Open(genuine, review.WithFinal(given))
		if p := l.Problem(); want == "" && p != "" || !strings.Contains(p, want) || review.Build(l).Integrity.Intact != (want == "") {
			t.Errorf("no fork, final %s: problem %q", given[:8], p)
		}
	}
	for _, depth := range []int{1, 2} {
		path := review.Forked(t, depth)
		for name, opts := range map[string][]review.Option{"in memory": nil, "fold only": {review.FoldOnly()}} {
			t.Run(fmt.Sprintf("%d forged, %s", depth, name), func(t *testing.T) {
				l, err := review.Open(path, append(opts, review.WithFinal(strings.ToUpper(final)))...)
				if err != nil {
					t.Fatal(err)
				}
				defer l.Close()
				if l.Scan.Chosen == nil || l.Scan.Events != whole.Scan.Events || !l.Scan.Sealed || l.Scan.Head != final {
					t.Fatalf("chosen %+v, %d events of %d, sealed %v", l.Scan.Chosen, l.Scan.Events, whole.Scan.Events, l.Scan.Sealed)
				}
				if opts == nil && l.Len() != whole.Len() {
					t.Errorf("%d events kept for replay, want %d", l.Len(), whole.Len())
				}
				var b bytes.Buffer
				r := review.Build(l)
				aar.WriteMarkdown(&b, r)
				md := b.String()
				if strings.Contains(md, "ransom") || !strings.Contains(md, "Stop eastbound") || r.Counts.Decisions != 1 || r.Integrity.Intact {
					t.Error("the report does not follow the genuine branch alone")
				}
				want := fmt.Sprintf("ends the branch from line %d, so this report follows that branch, the one ttx wrote, and sets aside the branch from line 4 (lines 4 to %d)", 4+depth, 3+depth)
				if !strings.Contains(md, want) || !strings.Contains(l.Problem(), "showing the branch from line") {
					t.Errorf("the report does not say how the branch was chosen:\n%s", md[strings.Index(md, "## Integrity"):])
				}
				var h bytes.Buffer
				if err := aar.WriteHTML(&h, r); err != nil || !strings.Contains(h.String(), want) {
					t.Errorf("the HTML report does not say how the branch was chosen (%v)", err)
				}
			})
		}
		for _, given := range []string{"", strings.Repeat("0", 64)} {
			l, err := review.Open(path, review.WithFinal(given))
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			aar.WriteMarkdown(&b, review.Build(l))
			want, problem := "ttx report --final HASH", "with --final HASH"
			if given != "" {
				want, problem = "ends neither branch", "ends neither branch"
			}
			if l.Scan.Events != 3 || l.Scan.Chosen != nil || !strings.Contains(b.String(), want) || !strings.Contains(l.Problem(), problem) {
				t.Errorf("final %q: %d events, problem %q", given, l.Scan.Events, l.Problem())
			}
		}
	}
}

// TestCutBackLogCountsRefusalsOnce: when a log read in memory is cut back
// to the events before a fork, refused attempts to join are counted once,
// and none from the forged branch.
func TestCutBackLogCountsRefusalsOnce(t *testing.T) {
	sc, _ := injects.Load("demo")
	now := review.GenStart
	a := session.Facilitator("ana")
	path := filepath.Join(t.TempDir(), "refused.jsonl")
	s, err := session.Create(path, sc, "demo", a, session.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	s.Do(a, session.StartClock{})
	s.Do(session.SystemSSH, session.RefuseAccess{User: "x", Remote: "192.0.2.7:4000", Reason: "wrong join code"})
	s.Do(a, session.Release{Inject: "D-01"})
	s.Do(a, session.RecordNote{Text: "kept"})
	s.Close(a)
	data, _ := os.ReadFile(path)
	lines := strings.SplitAfter(string(data), "\n")
	// A forged refusal from another address claims seq 3, and a second
	// forged line chains onto it.
	forged := strings.Replace(strings.Replace(lines[2], "192.0.2.7", "203.0.113.9", 2), `"seq":2,`, `"seq":3,`, 1)
	two := rechain([]string{lines[2], forged, lines[4]}, 1, func(l string) string { return l })
	out := strings.Join(lines[:3], "") + two[1] + two[2] + strings.Join(lines[3:], "")
	os.WriteFile(path, []byte(out), 0o600)
	l, err := review.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	r := review.Build(l)
	if l.Scan.Fork == nil || l.Scan.Events != 3 || len(r.RefusedBy) != 1 || r.RefusedBy[0].Source != "192.0.2.7" || r.RefusedBy[0].Attempts != 1 {
		t.Errorf("fork %v, %d events, refused by %+v", l.Scan.Fork, l.Scan.Events, r.RefusedBy)
	}
}
