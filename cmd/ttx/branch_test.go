package main

import (
	"os"
	"strings"
	"testing"
)

// TestReportFinalFollowsTheGenuineBranch: with the final hash written
// down, report follows the branch ttx wrote past a forged line, and says
// it chose it by that hash; without it, the report stops at the fork and
// says how to choose.
func TestReportFinalFollowsTheGenuineBranch(t *testing.T) {
	path, head := sessionFile(t)
	data, _ := os.ReadFile(path)
	lines := strings.SplitAfter(string(data), "\n")
	forged := strings.Replace(lines[3], "Stop trains", "Pay the ransom", 1)
	os.WriteFile(path, []byte(strings.Join(lines[:3], "")+forged+strings.Join(lines[3:], "")), 0o600)
	if _, csv, _ := run(t, "report", "--format", "csv", "--final", head, path); !strings.Contains(csv, "Stop trains") || strings.Contains(csv, "Pay the ransom") {
		t.Errorf("report --final: the decisions are not the genuine branch's:\n%s", csv)
	}
	code, out, errOut := run(t, "report", "--final", head, path)
	if code != 0 || !strings.Contains(out, "Good start") ||
		!strings.Contains(out, "ends the branch from line 5, so this report follows that branch, the one ttx wrote, and sets aside the branch from line 4") ||
		!strings.Contains(errOut, "showing the branch from line 5, which ends in the final hash given") {
		t.Errorf("report --final: code %d, stderr %q\n%s", code, errOut, out)
	}
	code, out, errOut = run(t, "report", path)
	if code != 0 || strings.Contains(out, "Good start") || !strings.Contains(out, "ttx report --final HASH") || !strings.Contains(errOut, "--final HASH") {
		t.Errorf("report: code %d, stderr %q\n%s", code, errOut, out)
	}
}

// TestVerifySaysTheLineEndsWereConverted: a sealed file converted to CRLF
// is named as such, with the chain checked as ttx wrote it, not as line 2
// changed; an edit in it as well is named with the line ends put back.
func TestVerifySaysTheLineEndsWereConverted(t *testing.T) {
	path, head := sessionFile(t)
	data, _ := os.ReadFile(path)
	crlf := strings.ReplaceAll(string(data), "\n", "\r\n")
	os.WriteFile(path, []byte(crlf), 0o600)
	code, out, _ := run(t, "verify", path)
	if code != 1 || !strings.Contains(out, "line ends were changed to CRLF (Windows)") || !strings.Contains(out, "it is intact (6 events, final hash "+head+")") ||
		strings.Contains(out, "line 2") || !strings.Contains(out, "dos2unix") {
		t.Errorf("verify: code %d\n%s", code, out)
	}
	os.WriteFile(path, []byte(strings.Replace(crlf, "Good start", "Bad start", 1)), 0o600)
	code, out, _ = run(t, "verify", path)
	if code != 1 || !strings.Contains(out, "changed to CRLF (Windows), and with them put back: ") || !strings.Contains(out, "line 5: ") {
		t.Errorf("verify, edited: code %d\n%s", code, out)
	}
}
