package main

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"ttx/cmd/ttx/internal/memory"
	"ttx/cmd/ttx/internal/outfile"
)

// TestReportTables: every CSV table is a header row and its rows; an
// unknown table is refused with the names to choose from.
func TestReportTables(t *testing.T) {
	path, _ := sessionFile(t)
	for table, want := range map[string]string{"decisions": "Stop trains", "injects": "D-01", "requests": "answered_by",
		"notes": "Good start", "observations": "objective", "conduct": "clock started at 1x", "attendance": "remote",
		"log": "Stop trains", "improvement": "corrective_action"} {
		head := map[string]string{"injects": "inject,", "log": "said_at,", "improvement": "objective,"}[table]
		if head == "" {
			head = "seq,"
		}
		code, out, errOut := run(t, "report", "--format", "csv", "--table", table, path)
		if code != 0 || !strings.Contains(out, want) || !strings.HasPrefix(out, "\uFEFF"+head) {
			t.Errorf("--table %s: code %d, stderr %q\n%s", table, code, errOut, out)
		}
	}
	code, _, errOut := run(t, "report", "--format", "csv", "--table", "people", path)
	if code == 0 || !strings.Contains(errOut, "choose decisions, injects, requests, notes, observations, conduct, attendance, log, improvement") {
		t.Errorf("--table people: code %d, %q", code, errOut)
	}
}

// TestReportOfATamperedFileSaysSoFirst: the report's first line names the
// file unverified; the warning on stderr still comes too.
func TestReportOfATamperedFileSaysSoFirst(t *testing.T) {
	path, _ := sessionFile(t)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(b), "Good start", "Poor start", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, "report", path)
	first, _, _ := strings.Cut(out, "\n")
	if code != 0 || !strings.HasPrefix(first, "# UNVERIFIED — ") || !strings.Contains(errOut, "warning: NOT INTACT") {
		t.Errorf("code %d, first line %q, stderr %q", code, first, errOut)
	}
}

// TestReportFailingMidwayLeavesNoShortFile: a report whose decisions fail
// to read back after part of it is written (a full temporary disk)
// leaves neither a short file under -o's name nor a temporary one, and
// an earlier report there stays as it was; a complete one replaces it.
func TestReportFailingMidwayLeavesNoShortFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "aar.md")
	if err := outfile.Write(nil, out, func(w io.Writer) error {
		io.WriteString(w, "# After-action report\n")
		return errors.New("the decisions could not all be read back")
	}); err == nil {
		t.Fatal("a failed write reports no error")
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed report left %s (%v)", out, err)
	}
	if err := outfile.Write(nil, out, func(w io.Writer) error { _, err := io.WriteString(w, "complete\n"); return err }); err != nil {
		t.Fatal(err)
	}
	outfile.Write(nil, out, func(w io.Writer) error { io.WriteString(w, "short"); return errors.New("failed") })
	if b, _ := os.ReadFile(out); string(b) != "complete\n" {
		t.Errorf("a failed report replaced the earlier one with %q", b)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("the directory holds %d files after the reports, want 1: %v", len(ents), ents)
	}
}

// TestReportMemoryLimit: a report's memory limit never overrides the
// user's GOMEMLIMIT, is not set when the decisions stay in memory (no
// temporary file can be made), and stays above twice the live heap.
func TestReportMemoryLimit(t *testing.T) {
	for _, c := range []struct {
		env   string
		spill bool
		live  uint64
		limit int64
		ok    bool
	}{
		{"", true, 50 << 20, memory.ReportHeap, true},
		{"", true, 300 << 20, 600 << 20, true},
		{"1GiB", true, 50 << 20, 0, false},
		{"off", true, 50 << 20, 0, false},
		{"", false, 50 << 20, 0, false},
	} {
		if limit, ok := memory.ReportLimit(c.env, c.spill, c.live); limit != c.limit || ok != c.ok {
			t.Errorf("GOMEMLIMIT=%q, spill %v, live heap %d: limit %d, %v; want %d, %v", c.env, c.spill, c.live, limit, ok, c.limit, c.ok)
		}
	}
}

// TestReportKeepsTheUsersGOMEMLIMIT: ttx report, run with GOMEMLIMIT
// set, leaves the limit the user gave.
func TestReportKeepsTheUsersGOMEMLIMIT(t *testing.T) {
	path, _ := sessionFile(t)
	t.Setenv("GOMEMLIMIT", "1GiB")
	was := debug.SetMemoryLimit(1 << 30) // as the runtime read it at start
	defer debug.SetMemoryLimit(was)
	if code, _, errOut := run(t, "report", path); code != 0 {
		t.Fatalf("report: %d %s", code, errOut)
	}
	if got := debug.SetMemoryLimit(-1); got != 1<<30 {
		t.Errorf("after a report the memory limit is %d, want the user's %d", got, 1<<30)
	}
}
