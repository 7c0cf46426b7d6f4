package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ttx/cmd/ttx/internal/verify"
	"ttx/exercise/text/texttest"
)

// hostileSession is a session file with a terminal attack (OSC 52, clear
// screen, OSC 0 title, bidi override, C1 CSI, DEL, NUL) in every text
// field, written by exercise/review's TestHostileFixture.
const hostileSession = "../../exercise/review/testdata/TestHostileFixture.golden"

// hostileSeq is the attack as a session file's JSON writes it.
const hostileSeq = `\u001b]52;c;ZXZpbA==\u0007 osc52 \u001b[2J clear \u001b]0;pwned\u0007 title \u202eevil\u202c rlo \u009b31m c1 \u007f del \u0000 nul`

// TestHostileFileNeverReachesTheTerminal runs every command that prints
// what a file holds on crafted files: a session with the attack in every
// field, one whose first event's type is the attack (verify and report
// quote it), a scenario whose problems quote it, and an MSEL spreadsheet
// full of it. No control or bidi character reaches stdout or stderr, and
// what was there is shown escaped.
func TestHostileFileNeverReachesTheTerminal(t *testing.T) {
	dir := t.TempDir()
	head := filepath.Join(dir, "head.jsonl")
	os.WriteFile(head, []byte(`{"v":1,"seq":0,"at":"2026-11-24T09:00:00.000Z","t":0,"type":"x`+hostileSeq+`","by":"a`+hostileSeq+`","data":{},"prev":""}`+"\n"), 0o644)
	yaml := "../../exercise/text/testdata/hostile.yaml"
	runs := []struct {
		args  []string
		shows string // what must be seen, escaped, in stdout or stderr
	}{
		{[]string{"verify", hostileSession}, "intact"},
		{[]string{"verify", "--json", hostileSession}, "intact"},
		{[]string{"verify", head}, `the first event is x\u001b]52;c;ZXZpbA==\u0007 osc52 \u001b[2J`},
		{[]string{"verify", "--json", head}, `the first event is x\u001b]52;c;ZXZpbA==\u0007 osc52 \u001b[2J clear \u001b]0;pwned\u0007 title \u202eevil\u202c`},
		{[]string{"report", hostileSession}, `Decision \\u001b\]52;c;ZXZpbA==\\u0007`},
		{[]string{"report", "--format", "html", hostileSession}, `Decision \u001b]52;c;ZXZpbA==\u0007`},
		{[]string{"report", "--format", "csv", hostileSession}, `'=HYPERLINK`},
		{[]string{"report", "--format", "csv", "--table", "injects", hostileSession}, `Reason \u001b]52`},
		{[]string{"report", head}, `x\u001b]52`},
		{[]string{"replay", head}, `x\u001b]52`},
		{[]string{"run", "--resume", head}, `x\u001b]52`},
		{[]string{"validate", "../../exercise/text/testdata/hostile-invalid.yaml"}, `unknown team`},
		{[]string{"validate", yaml}, "valid"},
		{[]string{"rehearse", "--speed", "0", yaml}, "Inject title"},
		{[]string{"export", yaml}, "'=HYPERLINK"},
		{[]string{"import", "../../exercise/text/testdata/hostile-msel.csv"}, "problem"},
	}
	for _, r := range runs {
		name := strings.Join(r.args, " ")
		_, out, errs := run(t, r.args...)
		texttest.AssertInert(t, name+": stdout", out)
		texttest.AssertInert(t, name+": stderr", errs)
		if !strings.Contains(out+errs, r.shows) {
			t.Errorf("%s: %q is not shown:\n%s\n%s", name, r.shows, out, errs)
		}
		if r.args[1] == "--json" {
			var res verify.Result
			if err := json.Unmarshal([]byte(out), &res); err != nil {
				t.Errorf("%s: not JSON any more: %v", name, err)
			}
		}
	}
}
