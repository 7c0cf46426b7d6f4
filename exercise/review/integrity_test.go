package review

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ttx/exercise/journal"
)

// forked writes smallSession with a forged decision (and depth-1 more
// forged lines chained onto it) inserted before the genuine decision,
// each with a correct prev: two lines then claim seq 3.
func forked(t *testing.T, depth int) string {
	t.Helper()
	data, _ := os.ReadFile(smallSession(t))
	lines := strings.SplitAfter(string(data), "\n")
	forged := []string{strings.Replace(lines[3], "Stop eastbound trains", "We pay the ransom", 1)}
	for i := 1; i < depth; i++ {
		prev := journal.Hash([]byte(strings.TrimSuffix(forged[i-1], "\n")))
		l := lines[3+i]
		cut := strings.LastIndex(l, `"prev":"`) + len(`"prev":"`)
		forged = append(forged, l[:cut]+prev+l[cut+64:])
	}
	out := strings.Join(lines[:3], "") + strings.Join(forged, "") + strings.Join(lines[3:], "")
	path := filepath.Join(t.TempDir(), fmt.Sprintf("forked%d.jsonl", depth))
	os.WriteFile(path, []byte(out), 0o600)
	return path
}

// TestForkedFileIsNotPresentedAsTheRecord: where two lines claim one
// place, neither branch is shown: replay and report cover the events
// before the fork, and the report says why.
func TestForkedFileIsNotPresentedAsTheRecord(t *testing.T) {
	for _, depth := range []int{1, 2} {
		path := forked(t, depth)
		for name, opts := range map[string][]Option{"in memory": nil, "fold only": {FoldOnly()}} {
			t.Run(fmt.Sprintf("%d forged, %s", depth, name), func(t *testing.T) {
				l, err := Open(path, opts...)
				if err != nil {
					t.Fatal(err)
				}
				defer l.Close()
				if l.Scan.Fork == nil || l.Scan.Events != 3 || len(l.Final.Decisions) != 0 || l.Final.Injects.At(1).Released {
					t.Fatalf("fork %+v, %d events, %d decisions", l.Scan.Fork, l.Scan.Events, len(l.Final.Decisions))
				}
				if opts == nil && len(l.Events) != 3 {
					t.Errorf("%d events kept for replay, want the 3 before the fork", len(l.Events))
				}
				var b bytes.Buffer
				r := Build(l)
				if err := WriteMarkdown(&b, r); err != nil {
					t.Fatal(err)
				}
				md := b.String()
				if strings.Contains(md, "ransom") || strings.Contains(md, "Stop eastbound") || r.Counts.Decisions != 0 {
					t.Error("the report presents a branch of the fork as the record")
				}
				if !strings.Contains(md, fmt.Sprintf("Lines 4 and %d both claim the same place in the record (seq 3)", 4+depth)) || r.Integrity.Intact {
					t.Errorf("the report does not name the fork:\n%s", md[strings.Index(md, "## Integrity"):])
				}
			})
		}
	}
}

// rechain gives lines[from:] (each edited by edit) the prev of the line
// before, as a writer appending them would.
func rechain(lines []string, from int, edit func(string) string) []string {
	for i := from; i < len(lines) && lines[i] != ""; i++ {
		l := strings.TrimSuffix(edit(lines[i]), "\n")
		cut := strings.LastIndex(l, `"prev":"`) + len(`"prev":"`)
		lines[i] = l[:cut] + journal.Hash([]byte(strings.TrimSuffix(lines[i-1], "\n"))) + l[cut+64:] + "\n"
	}
	return lines
}

func toV2(l string) string { return strings.Replace(l, `{"v":1,`, `{"v":2,`, 1) }

// TestNewerFormatAndEditedVersion: a line whose "v" was edited is a
// changed line, and the report covers the events before it; lines a newer
// ttx appended, chained on, are said to be its, and the report covers the
// events before them. Neither refuses the file.
func TestNewerFormatAndEditedVersion(t *testing.T) {
	data, _ := os.ReadFile(smallSession(t))
	for name, tc := range map[string]struct {
		edit   func([]string) []string
		events int64
		want   string
	}{
		"edited": {func(l []string) []string { l[5] = toV2(l[5]); return l }, 5, "line 6: changed: it claims format v2"},
		"newer":  {func(l []string) []string { return rechain(l, 5, toV2) }, 5, "cannot check all of it**: from line 6 on, the file was written by a newer ttx (format v2)"},
	} {
		lines := tc.edit(strings.SplitAfter(string(data), "\n"))
		path := filepath.Join(t.TempDir(), name+".jsonl")
		os.WriteFile(path, []byte(strings.Join(lines, "")), 0o600)
		for _, opts := range [][]Option{nil, {FoldOnly()}} {
			l, err := Open(path, opts...)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			var b bytes.Buffer
			r := Build(l)
			WriteMarkdown(&b, r)
			if l.Scan.Events != tc.events || r.Integrity.Intact || !strings.Contains(b.String(), tc.want) || !strings.Contains(b.String(), "Stop eastbound") {
				t.Errorf("%s: %d events, intact %v; integrity:\n%s", name, l.Scan.Events, r.Integrity.Intact, b.String()[strings.Index(b.String(), "## Integrity"):])
			}
			l.Close()
		}
	}
}
