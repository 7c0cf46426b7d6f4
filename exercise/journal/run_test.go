package journal

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"ttx/exercise/event"
)

// blocks makes Scan's reader cut blocks of first, then size bytes, so
// that a small file has many block boundaries.
func blocks(first, size int) ScanOption {
	return func(s *scanner) { s.blocks = [2]int{first, size} }
}

// blockSizes are the ways the tests cut a file: the defaults, a line (or
// two) to a block, and a few lines to a block.
var blockSizes = [][2]int{{0, 0}, {1, 1}, {700, 1000}}

// decisionsFile is a session file: session.opened, n decisions, the one at
// index long (if any) with pad bytes more of text, and session.closed.
func decisionsFile(t *testing.T, n, long, pad int) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "s.jsonl")
	w, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	evs := []event.Event{ev(t, event.SessionOpened, 0, map[string]any{"scenario": map[string]any{}})}
	for i := range n {
		text := "Hold all trains short of the station; send two units north " + fmt.Sprint(i)
		if i == long {
			text += strings.Repeat("x", pad)
		}
		e, err := event.New(event.DecisionRecorded, "participant:Zoë "+fmt.Sprint(i%7), t0.Add(time.Duration(i)*time.Second), time.Duration(i)*time.Second,
			event.Said{Team: "met", Who: "Zoë", Text: text, Inject: "L-01"})
		if err != nil {
			t.Fatal(err)
		}
		evs = append(evs, e)
	}
	evs = append(evs, ev(t, event.SessionClosed, n+1, event.Closed{Events: int64(n + 2)}))
	if _, err := w.Append(evs...); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// runsAgree scans data for the chain alone, cut every way blockSizes
// says, and with every event read whole (line by line, whatever the
// blocks): the reports must all be the same. It returns that report.
func runsAgree(t *testing.T, what string, data []byte) Report {
	t.Helper()
	full, err := Scan(bytes.NewReader(data), func(event.Event) error { return nil })
	for _, bs := range blockSizes {
		chain, err1 := Scan(bytes.NewReader(data), nil, blocks(bs[0], bs[1]))
		if (err1 == nil) != (err == nil) || !reflect.DeepEqual(chain, full) {
			t.Fatalf("%s, blocks of %v: the chain scan and the full scan disagree:\n%v %+v %+v\n%v %+v %+v", what, bs, err1, chain, chain.Break, err, full, full.Break)
		}
	}
	return full
}

// damage returns the lines of data with line i (0-based) changed as how
// says.
func damage(lines [][]byte, i int, how string) [][]byte {
	out := append([][]byte{}, lines[:i]...)
	switch how {
	case "changed":
		out = append(out, bytes.Replace(lines[i], []byte("Hold all"), []byte("Held all"), 1))
	case "prev changed":
		l := bytes.Clone(lines[i])
		if len(l) > 70 {
			l[len(l)-10] ^= 1
		}
		out = append(out, l)
	case "removed":
	case "swapped":
		if i+1 < len(lines) {
			return append(append(out, lines[i+1], lines[i]), lines[i+2:]...)
		}
		out = append(out, lines[i])
	case "copied":
		out = append(out, lines[i], lines[i])
	case "torn":
		return append(out, lines[i][:len(lines[i])/2])
	default:
		var back int
		fmt.Sscanf(how, "copied %d on", &back)
		rest := append([][]byte{}, lines[i:]...)
		at := min(back, len(rest))
		rest = append(rest[:at], append([][]byte{lines[i]}, rest[at:]...)...)
		return append(out, rest...)
	}
	return append(out, lines[i+1:]...)
}

// TestRunsFindWhatLinesFind: verify, checking the chain within each
// block on the workers, names every break as reading line by line does,
// wherever the blocks meet: a word changed, a prev changed, a line
// removed, two lines swapped, a line copied, a torn last line, at every
// line of a file cut into blocks of a line or two, and of a few lines.
func TestRunsFindWhatLinesFind(t *testing.T) {
	data := decisionsFile(t, 40, -1, 0)
	if rep := runsAgree(t, "intact", data); rep.Break != nil || rep.Events != 42 || !rep.Sealed {
		t.Fatalf("intact file read as %+v", rep)
	}
	lines := bytes.SplitAfter(data, []byte("\n"))
	lines = lines[:len(lines)-1]
	for _, how := range []string{"changed", "prev changed", "removed", "swapped", "copied", "copied 5 on", "torn"} {
		for i := range lines {
			mod := bytes.Join(damage(lines, i, how), nil)
			rep := runsAgree(t, fmt.Sprintf("line %d %s", i+1, how), mod)
			switch last := i == len(lines)-1; {
			case how == "torn":
				if rep.Torn == nil || rep.Torn.Offset != int64(len(mod)-len(lines[i])/2) || rep.Events != int64(i) {
					t.Errorf("torn in line %d: %+v %+v", i+1, rep, rep.Torn)
				}
			case !last && rep.Break == nil && !bytes.Equal(mod, data): // the seal removed: the rest intact
				t.Errorf("line %d %s: no break found", i+1, how)
			}
		}
	}
	// Two lines swapped where a block of a few lines ends: the break is
	// named at the first of them.
	at := cuts(data, 700, 1000)[1]
	i := bytes.Count(data[:at], []byte("\n")) - 1
	mod := bytes.Join(damage(lines, i, "swapped"), nil)
	rep := runsAgree(t, "swapped at a boundary", mod)
	if rep.Break == nil || rep.Break.Line != i+1 || !strings.HasPrefix(rep.Break.Msg, "removed: seq jumps") {
		t.Errorf("lines %d and %d swapped across a block boundary: %+v", i+1, i+2, rep.Break)
	}
}

// cuts returns where blocks of first, then size bytes start in data
// (each line shorter than a block).
func cuts(data []byte, first, size int) []int {
	starts := []int{0}
	for pos, n := 0, first; pos+n < len(data); n = size {
		pos += bytes.LastIndexByte(data[pos:pos+n], '\n') + 1
		starts = append(starts, pos)
	}
	return starts
}

// TestRunsKeepTheRecentLines: a copy of a line put in 511 to 514 lines
// on is named as a copy while the line is among the 512 kept (and the
// one not yet confirmed), and as too far back to tell after, as reading
// line by line names it, though the lines between came in Runs.
func TestRunsKeepTheRecentLines(t *testing.T) {
	data := decisionsFile(t, 700, -1, 0)
	lines := bytes.SplitAfter(data, []byte("\n"))
	lines = lines[:len(lines)-1]
	for _, back := range []int{511, 512, 513, 514} {
		for _, i := range []int{3, 100, 150} {
			mod := bytes.Join(damage(lines, i, fmt.Sprintf("copied %d on", back)), nil)
			rep := runsAgree(t, fmt.Sprintf("line %d copied %d on", i+1, back), mod)
			copied := strings.Contains(rep.Break.Msg, "a copy of line")
			if copied != (back <= recentKept+1) {
				t.Errorf("line %d copied %d lines on: %+v", i+1, back, rep.Break)
			}
		}
	}
}

// TestRunsAcrossALongLine: a line of 300 KB, longer than a block, read
// in pieces across block boundaries: a word changed in it, the line after
// it changed, it removed, the file torn inside it.
func TestRunsAcrossALongLine(t *testing.T) {
	const long = 60
	data := decisionsFile(t, 120, long, 300<<10)
	lines := bytes.SplitAfter(data, []byte("\n"))
	lines = lines[:len(lines)-1]
	i := long + 1 // the line: session.opened is line 1
	if len(lines[i]) < 300<<10 {
		t.Fatalf("line %d is %d bytes", i+1, len(lines[i]))
	}
	if rep := runsAgree(t, "intact", data); rep.Break != nil || rep.Events != 122 {
		t.Fatalf("intact file read as %+v", rep)
	}
	for _, c := range []struct {
		how  string
		at   int
		line int
	}{{"changed", i, i + 1}, {"changed", i + 1, i + 2}, {"removed", i, i + 1}, {"prev changed", i, i + 1}} {
		rep := runsAgree(t, c.how, bytes.Join(damage(lines, c.at, c.how), nil))
		if rep.Break == nil || rep.Break.Line != c.line {
			t.Errorf("line %d %s: %+v, want the break at line %d", c.at+1, c.how, rep.Break, c.line)
		}
	}
	start := len(bytes.Join(lines[:i], nil))
	rep := runsAgree(t, "torn", data[:start+200<<10])
	if rep.Torn == nil || rep.Torn.Offset != int64(start) || rep.Events != int64(i) {
		t.Errorf("torn inside line %d: %+v %+v", i+1, rep, rep.Torn)
	}
}
