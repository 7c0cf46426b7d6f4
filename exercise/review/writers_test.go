package review_test

// The report writers' tests (package aar), on the fixtures of package
// review's tests: they are here, an external test package, so that they
// may import aar, which imports review. export_test.go lends them review's
// test helpers.

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"ttx/exercise/internal/bigscenario"
	"ttx/exercise/journal"
	"ttx/exercise/review"
	"ttx/exercise/review/aar"
	"ttx/exercise/session"
	"ttx/exercise/text/texttest"
	"ttx/injects"
)

// bom is the byte order mark the CSV writers begin with.
const bom = "\uFEFF"

// TestFoldOnlyReportsTheSame writes every format from a log kept in
// memory and from a fold-only log that reads decisions back from the file:
// the reports must be byte for byte the same.
func TestFoldOnlyReportsTheSame(t *testing.T) {
	// The rows and words go to temporary files, read back as the report
	// is written.
	t.Run("spilled", func(t *testing.T) { foldOnlySame(t, review.WordBudget(), true) })
	// Where those cannot be made, they are kept in memory.
	t.Run("words kept", func(t *testing.T) { defer review.NoSpill()(); foldOnlySame(t, review.WordBudget(), false) })
	// Past the word budget, rows point to the file and the words are read
	// back as the report is written: a budget of 40 KB keeps the words of
	// the first few hundred decisions only.
	t.Run("words read back", func(t *testing.T) { defer review.NoSpill()(); foldOnlySame(t, 40<<10, false) })
}

// BenchmarkMarkdown100k builds and writes the Markdown report.
func BenchmarkMarkdown100k(b *testing.B) {
	l := review.BigLog(b)
	for b.Loop() {
		if err := aar.WriteMarkdown(io.Discard, review.Build(l)); err != nil {
			b.Fatal(err)
		}
	}
}

// TestReportsEscapeHostileFile writes every report format from the
// hostile file: no control or bidi character gets through, and what was
// there is still shown, escaped.
func TestReportsEscapeHostileFile(t *testing.T) {
	l, err := review.Open(review.HostileFixture)
	if err != nil {
		t.Fatal(err)
	}
	r := review.Build(l)
	for name, write := range map[string]func(*bytes.Buffer) error{
		"md":          func(b *bytes.Buffer) error { return aar.WriteMarkdown(b, r) },
		"html":        func(b *bytes.Buffer) error { return aar.WriteHTML(b, r) },
		"csv":         func(b *bytes.Buffer) error { return aar.WriteDecisionsCSV(b, r) },
		"csv injects": func(b *bytes.Buffer) error { return aar.WriteInjectsCSV(b, r) },
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(name, err)
		}
		out := b.String()
		texttest.AssertInert(t, name, out)
		for _, want := range []string{`\u001b]52;c;ZXZpbA==\u0007 osc52`, `\u202eevil\u202c`, `\u009b31m`, `\u007f del \u0000 nul \u000d cr`} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: %q is not shown", name, want)
			}
		}
	}
}

// TestCSVNeutralisesFormulas: a decision typed as =HYPERLINK(...) and the
// other cells a spreadsheet would take for formulas are text with a
// leading quote; ordinary cells and numbers are untouched.
func TestCSVNeutralisesFormulas(t *testing.T) {
	l, err := review.Open(review.HostileFixture)
	if err != nil {
		t.Fatal(err)
	}
	r := review.Build(l)
	var b bytes.Buffer
	if err := aar.WriteDecisionsCSV(&b, r); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), bom))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	cells := map[string]bool{}
	for _, row := range rows[1:] {
		for _, c := range row {
			cells[c] = true
		}
	}
	for _, want := range []string{`'=HYPERLINK("http://x","y")`, "'@SUM(A1)", "'- send crews", "'\tx", "1.00", "t1"} {
		if !cells[want] {
			t.Errorf("no cell %q in %q", want, rows)
		}
	}
	b.Reset()
	if err := aar.WriteInjectsCSV(&b, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"'=HYPERLINK(""http://x"",""y"")"`) {
		t.Errorf("the inject titled =HYPERLINK is not quoted:\n%s", b.String())
	}
}

// TestForkedFileIsNotPresentedAsTheRecord: where two lines claim one
// place, neither branch is shown: replay and report cover the events
// before the fork, and the report says why.
func TestForkedFileIsNotPresentedAsTheRecord(t *testing.T) {
	for _, depth := range []int{1, 2} {
		path := review.Forked(t, depth)
		for name, opts := range map[string][]review.Option{"in memory": nil, "fold only": {review.FoldOnly()}} {
			t.Run(fmt.Sprintf("%d forged, %s", depth, name), func(t *testing.T) {
				l, err := review.Open(path, opts...)
				if err != nil {
					t.Fatal(err)
				}
				defer l.Close()
				if l.Scan.Fork == nil || l.Scan.Events != 3 || l.Final.Decisions.Len() != 0 || l.Final.Injects.At(1).Released {
					t.Fatalf("fork %+v, %d events, %d decisions", l.Scan.Fork, l.Scan.Events, l.Final.Decisions.Len())
				}
				if opts == nil && l.Len() != 3 {
					t.Errorf("%d events kept for replay, want the 3 before the fork", l.Len())
				}
				var b bytes.Buffer
				r := review.Build(l)
				if err := aar.WriteMarkdown(&b, r); err != nil {
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
	data, _ := os.ReadFile(review.SmallSession(t))
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
		for _, opts := range [][]review.Option{nil, {review.FoldOnly()}} {
			l, err := review.Open(path, opts...)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			var b bytes.Buffer
			r := review.Build(l)
			aar.WriteMarkdown(&b, r)
			if l.Scan.Events != tc.events || r.Integrity.Intact || !strings.Contains(b.String(), tc.want) || !strings.Contains(b.String(), "Stop eastbound") {
				t.Errorf("%s: %d events, intact %v; integrity:\n%s", name, l.Scan.Events, r.Integrity.Intact, b.String()[strings.Index(b.String(), "## Integrity"):])
			}
			l.Close()
		}
	}
}

// BenchmarkReport reads a played-through session of a generated scenario
// and writes its report in each format, as ttx report does.
func BenchmarkReport(b *testing.B) {
	formats := []struct {
		name  string
		write func(io.Writer, *review.Report) error
	}{{"md", aar.WriteMarkdown}, {"html", aar.WriteHTML}, {"csv", aar.WriteDecisionsCSV}, {"csv-injects", aar.WriteInjectsCSV}}
	for _, n := range bigscenario.Sizes() {
		for _, f := range formats {
			b.Run(fmt.Sprintf("injects=%d/%s", n, f.name), func(b *testing.B) {
				path := review.LargeSession(b, n)
				b.ReportAllocs()
				for b.Loop() {
					l, err := review.Open(path, review.FoldOnly())
					if err != nil {
						b.Fatal(err)
					}
					if err := f.write(io.Discard, review.Build(l)); err != nil {
						b.Fatal(err)
					}
					l.Close()
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/inject")
			})
		}
	}
}

// TestReportUnchanged holds each format of the report on a played-through
// generated session of 250 injects to what it was before the report's
// team and objective rows were gathered in one pass.
func TestReportUnchanged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.jsonl")
	review.WriteLargeSession(t, path, bigscenario.LongYAML(250))
	l, err := review.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	r := review.Build(l)
	for _, f := range []struct {
		name  string
		write func(io.Writer, *review.Report) error
	}{{"md", aar.WriteMarkdown}, {"html", aar.WriteHTML}, {"csv", aar.WriteDecisionsCSV}, {"csv-injects", aar.WriteInjectsCSV}} {
		t.Run(f.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := f.write(&b, r); err != nil {
				t.Fatal(err)
			}
			golden.RequireEqual(t, b.Bytes())
		})
	}
}

// TestReportWorkPerInjectFlat guards against a report whose work per
// inject grows with the scenario (folding the session copied the whole
// inject list at each release, and reading the scenario's line copied it
// once per 64 KB). It counts the bytes allocated, which do not depend on
// the machine's speed or load, per inject at 1,000 and 4,000 injects.
// Time spent scanning without allocating is not seen here:
// BenchmarkReport shows that.
func TestReportWorkPerInjectFlat(t *testing.T) {
	var per []float64
	for _, n := range []int{1000, 4000} {
		path := filepath.Join(t.TempDir(), "s.jsonl")
		review.WriteLargeSession(t, path, bigscenario.YAML(n))
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		l, err := review.Open(path, review.FoldOnly())
		if err != nil {
			t.Fatal(err)
		}
		for _, write := range []func(io.Writer, *review.Report) error{aar.WriteMarkdown, aar.WriteHTML, aar.WriteDecisionsCSV, aar.WriteInjectsCSV} {
			if err := write(io.Discard, review.Build(l)); err != nil {
				t.Fatal(err)
			}
		}
		l.Close()
		runtime.ReadMemStats(&after)
		per = append(per, float64(after.TotalAlloc-before.TotalAlloc)/float64(n))
	}
	t.Logf("%.0f bytes an inject at 1,000 injects, %.0f at 4,000", per[0], per[1])
	if per[1] > 1.5*per[0] {
		t.Errorf("a report allocates %.0f bytes an inject at 1,000 injects and %.0f at 4,000: it grows with the scenario", per[0], per[1])
	}
}

// TestReportShowsRefusedAttempts: the report adds up the counts of the
// access.refused lines by source, so an attack journaled once a minute
// still reads as the attempts it was.
func TestReportShowsRefusedAttempts(t *testing.T) {
	sc, _ := injects.Load("demo")
	now := review.GenStart
	a := session.Facilitator("ana")
	path := filepath.Join(t.TempDir(), "guessed.jsonl")
	s, err := session.Create(path, sc, "demo", a, session.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 300 {
		if _, err := s.Do(session.SystemSSH, session.RefuseAccess{User: "x", Remote: "192.0.2.7:4000", Reason: "wrong join code"}); err != nil {
			t.Fatal(err)
		}
		if i == 10 {
			s.Do(session.SystemSSH, session.RefuseAccess{User: "jo", Remote: "198.51.100.4:5000", Reason: "wrong join code"})
		}
		now = now.Add(time.Second)
	}
	if _, err := s.Close(a); err != nil {
		t.Fatal(err)
	}
	l := review.OpenLog(t, path)
	if lines := l.Len(); lines > 12 {
		t.Errorf("%d lines in the file for 301 refused attempts", lines)
	}
	r := review.Build(l)
	var md, html bytes.Buffer
	if err := aar.WriteMarkdown(&md, r); err != nil {
		t.Fatal(err)
	}
	if err := aar.WriteHTML(&html, r); err != nil {
		t.Fatal(err)
	}
	want := "301: 300 from 192.0.2.7 at 09:00–09:04; 1 from 198.51.100.4 at 09:00"
	if !strings.Contains(md.String(), "| Refused attempts to join | "+want+" |") {
		t.Errorf("the Markdown report lacks %q:\n%s", want, md.String()[:min(md.Len(), 1500)])
	}
	if !strings.Contains(html.String(), `<th scope="row">Refused attempts to join</th><td>`+want) {
		t.Errorf("the HTML report lacks %q", want)
	}
}

func TestMarkdownReportGolden(t *testing.T) {
	var b bytes.Buffer
	if err := aar.WriteMarkdown(&b, review.Build(review.OpenLog(t, review.GenSession(t, t.TempDir(), "demo", 24)))); err != nil {
		t.Fatal(err)
	}
	golden.RequireEqual(t, b.Bytes())
}

func TestDecisionsCSVParsesToOneRowPerDecision(t *testing.T) {
	r := review.Build(review.OpenLog(t, review.GenSession(t, t.TempDir(), "london", 500)))
	var b bytes.Buffer
	if err := aar.WriteDecisionsCSV(&b, r); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	if !bytes.HasPrefix(data, []byte(bom)) {
		t.Error("no UTF-8 byte order mark for spreadsheet programs")
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte(bom)))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows)-1 != r.Decisions.Len() || r.Decisions.Len() != 500 {
		t.Fatalf("%d data rows for %d decisions", len(rows)-1, r.Decisions.Len())
	}
	texts := map[string]bool{}
	for _, row := range rows[1:] {
		texts[row[9]] = true
	}
	for _, want := range review.DecisionTexts {
		if !texts[want] {
			t.Errorf("text %q did not survive the round trip", want)
		}
	}
	var ib bytes.Buffer
	if err := aar.WriteInjectsCSV(&ib, r); err != nil {
		t.Fatal(err)
	}
	irows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(ib.Bytes(), []byte(bom)))).ReadAll()
	if err != nil || len(irows)-1 != len(r.Injects) {
		t.Fatalf("injects CSV: %v, %d rows for %d injects", err, len(irows)-1, len(r.Injects))
	}
}

func TestHTMLIsSelfContained(t *testing.T) {
	r := review.Build(review.OpenLog(t, review.SmallSession(t)))
	var b bytes.Buffer
	if err := aar.WriteHTML(&b, r); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	for _, bad := range []string{"<script", "<link", "src=", "url(", "@import"} {
		if strings.Contains(html, bad) {
			t.Errorf("report has %q: it must need no external assets", bad)
		}
	}
	for _, want := range []string{"<svg", "Stop eastbound trains,\n&#34;then&#34; call 999", "Zoë", "Improvement plan", r.Integrity.FinalHash} {
		if !strings.Contains(html, want) {
			t.Errorf("report lacks %q", want)
		}
	}
}

func foldOnlySame(t *testing.T, budget int64, spill bool) {
	defer review.SetWordBudget(budget)()
	path := review.GenSession(t, t.TempDir(), "london", 1500)
	full := review.OpenLog(t, path)
	lean, err := review.Open(path, review.FoldOnly())
	if err != nil {
		t.Fatal(err)
	}
	defer lean.Close()
	if lean.Len() != 0 || lean.Final.Decisions.Len() > 1 {
		t.Errorf("a fold-only log kept %d events and %d decisions", lean.Len(), lean.Final.Decisions.Len())
	}
	kept, readBack, spilled := review.WordsKept(lean)
	switch {
	case spill && (spilled != 1500 || kept+readBack != 0):
		t.Fatalf("%d decisions' words in the temporary file, %d kept, %d to read back; want all 1500 in the file", spilled, kept, readBack)
	case !spill && (budget < 1<<20 && (kept == 0 || readBack == 0) || budget >= 1<<20 && readBack != 0 || spilled != 0):
		t.Fatalf("budget %d: %d decisions' words kept, %d to read back, %d in a temporary file", budget, kept, readBack, spilled)
	}
	for name, write := range map[string]func(io.Writer, *review.Report) error{
		"md": aar.WriteMarkdown, "html": aar.WriteHTML, "decisions.csv": aar.WriteDecisionsCSV, "injects.csv": aar.WriteInjectsCSV, "log.csv": aar.WriteLogCSV,
	} {
		var a, b bytes.Buffer
		if err := write(&a, review.Build(full)); err != nil {
			t.Fatal(err)
		}
		if err := write(&b, review.Build(lean)); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s differs between an in-memory and a fold-only log", name)
		}
		if name == "md" && !strings.Contains(b.String(), "Zoë Nowak (Łódź liaison)") {
			t.Error("the fold-only report lacks the decisions' text")
		}
	}
}
