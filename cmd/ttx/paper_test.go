package main

import (
	"strings"
	"testing"
)

// TestReportPaper: report --format html lays the page out for A4 unless
// --paper letter asks for US Letter, and a paper it does not know is
// refused with the choices, before anything is written.
func TestReportPaper(t *testing.T) {
	path, _ := sessionFile(t)
	for _, c := range []struct {
		args []string
		size string
	}{{nil, "size: A4;"}, {[]string{"--paper", "letter"}, "size: letter;"}} {
		code, out, errOut := run(t, append([]string{"report", "--format", "html", path}, c.args...)...)
		if code != 0 || !strings.Contains(out, "@page { "+c.size) {
			t.Errorf("report %v: code %d, stderr %q, no @page %s", c.args, code, errOut, c.size)
		}
	}
	code, out, errOut := run(t, "report", "--format", "html", "--paper", "b5", path)
	if code == 0 || out != "" || !strings.Contains(errOut, `--paper "b5": choose a4 or letter`) {
		t.Errorf("report --paper b5: code %d, stdout %d bytes, stderr %q", code, len(out), errOut)
	}
}
