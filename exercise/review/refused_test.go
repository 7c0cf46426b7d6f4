package review

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ttx/exercise/session"
	"ttx/injects"
)

// TestReportShowsRefusedAttempts: the report adds up the counts of the
// access.refused lines by source, so an attack journaled once a minute
// still reads as the attempts it was.
func TestReportShowsRefusedAttempts(t *testing.T) {
	sc, _ := injects.Load("demo")
	now := genStart
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
	l := openLog(t, path)
	if lines := len(l.Events); lines > 12 {
		t.Errorf("%d lines in the file for 301 refused attempts", lines)
	}
	r := Build(l)
	var md, html bytes.Buffer
	if err := WriteMarkdown(&md, r); err != nil {
		t.Fatal(err)
	}
	if err := WriteHTML(&html, r); err != nil {
		t.Fatal(err)
	}
	want := "301: 300 from 192.0.2.7 at 09:00–09:04; 1 from 198.51.100.4 at 09:00"
	if !strings.Contains(md.String(), "| Refused attempts to join | "+want+" |") {
		t.Errorf("the Markdown report lacks %q:\n%s", want, md.String()[:min(md.Len(), 1500)])
	}
	if !strings.Contains(html.String(), "<th>Refused attempts to join</th><td>"+want) {
		t.Errorf("the HTML report lacks %q", want)
	}
}
