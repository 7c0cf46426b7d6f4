package termtest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// HostileSession is the path of a session file with a terminal attack
// (OSC 52, clear screen, OSC 0 title, bidi override, C1 CSI, DEL, NUL) in
// every text field, written by exercise/review's TestHostileFixture.
func HostileSession() string {
	_, here, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(here), "..", "..", "..", "exercise", "review", "testdata", "TestHostileFixture.golden")
}

// OpenHostileSession writes the crafted file without its session.closed
// line, and without its event of a type ttx does not know (which ttx does
// not resume), the lines after it numbered and chained again, to a folder
// of the test's, so that it can be resumed, and returns its path.
func OpenHostileSession(t testing.TB) string {
	t.Helper()
	lines := hostileLines(t)
	var kept [][]byte
	for _, l := range lines {
		var e struct{ Type string }
		if err := json.Unmarshal(l, &e); err != nil {
			t.Fatalf("the hostile file has a line that is no event: %v", err)
		}
		if strings.HasPrefix(e.Type, "x.new") { // the type ttx does not know
			continue
		}
		if n := len(kept); n > 0 {
			// The envelope's seq is the first, its prev the last field;
			// a payload may hold a "seq" of its own (an amendment's).
			i := seqRe.FindIndex(l)
			l = slices.Concat(l[:i[0]], []byte(`"seq":`+strconv.Itoa(n)), l[i[1]:])
			sum := sha256.Sum256(bytes.TrimSuffix(kept[n-1], []byte("\n")))
			j := bytes.LastIndex(l, []byte(`"prev":"`))
			l = slices.Concat(l[:j], []byte(`"prev":"`+hex.EncodeToString(sum[:])+"\"}\n"))
		}
		kept = append(kept, l)
	}
	return writeHostile(t, kept)
}

// OpenHostileSessionAsCrafted is OpenHostileSession with the event of a
// type ttx does not know kept: resuming it must be refused.
func OpenHostileSessionAsCrafted(t testing.TB) string {
	t.Helper()
	return writeHostile(t, hostileLines(t))
}

// seqRe finds the field a line is numbered by, as ttx writes it.
var seqRe = regexp.MustCompile(`"seq":[0-9]+`)

// hostileLines is the crafted file's lines but session.closed, each with
// its newline.
func hostileLines(t testing.TB) [][]byte {
	t.Helper()
	data, err := os.ReadFile(HostileSession())
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.SplitAfter(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
	return lines[:len(lines)-1]
}

func writeHostile(t testing.TB, lines [][]byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "hostile.jsonl")
	if err := os.WriteFile(path, bytes.Join(lines, nil), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// AssertInert fails if a frame holds a character from the file that
// drives a terminal or reorders text: C0 but newline and tab, DEL, C1,
// and the bidi embeddings, overrides and isolates (the tests draw with
// the ASCII profile, so a frame has no escape sequence of its own).
func AssertInert(t testing.TB, where, s string) {
	t.Helper()
	for i, r := range s {
		bad := r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f ||
			r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
		if bad {
			lo, hi := max(i-40, 0), min(i+40, len(s))
			t.Fatalf("%s: raw %U at byte %d: …%q…", where, r, i, s[lo:hi])
		}
	}
}

// InertFrames draws n frames of view, pressing key after each, holds
// every frame to AssertInert (naming it after who, "the console" say),
// and returns them all, for what they must show as text.
func InertFrames(t testing.TB, who string, view tea.Model, key tea.KeyMsg, n int) string {
	t.Helper()
	var all strings.Builder
	for i := range n {
		frame := view.View()
		AssertInert(t, fmt.Sprintf("%s, frame %d", who, i), frame)
		all.WriteString(frame)
		view.Update(key)
	}
	return all.String()
}
