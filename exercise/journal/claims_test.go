package journal

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"ttx/exercise/event"
)

// line is the event's line, as the journal writes it.
func line(t *testing.T, e event.Event) string {
	t.Helper()
	b, err := event.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// forge returns a note line that claims seq and chains onto prevLine, as
// someone who knows the format would write it.
func forge(t *testing.T, seq int64, prevLine, text string) string {
	t.Helper()
	e := ev(t, event.NoteRecorded, int(seq), event.Note{Text: text})
	e.V, e.Seq, e.Prev = event.Version, seq, Hash([]byte(prevLine))
	return line(t, e)
}

// forkedSession writes a sealed session of n events and inserts, after
// its first at lines, depth forged lines chained onto the line before
// them. It returns the file, its genuine lines, their final hash and the
// forged lines.
func forkedSession(t *testing.T, n, at, depth int) (path string, lines []string, final string, forged []string) {
	t.Helper()
	path = writeSession(t, n, true)
	orig, _ := os.ReadFile(path)
	lines = strings.Split(strings.TrimSuffix(string(orig), "\n"), "\n")
	final = Hash([]byte(lines[len(lines)-1]))
	prev := lines[at-1]
	for i := range depth {
		f := forge(t, int64(at+i), prev, "we agreed to pay")
		forged, prev = append(forged, f), f
	}
	rewrite(t, path, func(l []string) []string {
		return append(append(append([]string{}, l[:at]...), forged...), l[at:]...)
	})
	return path, lines, final, forged
}

// TestForgedInsertionIsAFork: a forged line with a correct prev inserted
// in the middle makes two lines claim one place. The scan names both,
// keeps neither as the record, and says which branch ends in the final
// hash.
func TestForgedInsertionIsAFork(t *testing.T) {
	for _, depth := range []int{1, 3} {
		t.Run(fmt.Sprintf("%d forged lines", depth), func(t *testing.T) {
			path, lines, final, forged := forkedSession(t, 5, 3, depth)
			rep, evs := scanFile(t, path)
			f := rep.Fork
			if f == nil || rep.Break == nil {
				t.Fatalf("no fork found: break %v", rep.Break)
			}
			second := 4 + depth
			if f.Seq != 3 || f.Lines != [2]int{4, second} || rep.Break.Line != second ||
				!strings.Contains(rep.Break.Msg, fmt.Sprintf("lines 4 and %d both claim seq 3", second)) {
				t.Errorf("fork %+v, break %v", f, rep.Break)
			}
			if rep.Events != 3 || rep.Head != Hash([]byte(lines[2])) || rep.Sealed {
				t.Errorf("record up to the fork: %d events, head of line 3 %v, sealed %v", rep.Events, rep.Head == Hash([]byte(lines[2])), rep.Sealed)
			}
			for _, e := range evs[:min(len(evs), int(rep.Events))] {
				if bytes.Contains(e.Data, []byte("we agreed to pay")) {
					t.Error("a forged line is counted as the record")
				}
			}
			if depth == 1 && len(evs) != 3 {
				t.Errorf("%d events handed over, want the 3 before the fork", len(evs))
			}
			if f.Branch(final) != 1 || !f.Sealed[1] || f.Sealed[0] || f.To != [2]int{3 + depth, len(lines) + depth} || f.Broken != "" {
				t.Errorf("the final hash should match the second branch, which runs to the seal: %+v", f)
			}
			if f.Branch(Hash([]byte(forged[depth-1]))) != 0 {
				t.Error("the first branch should end in the last forged line")
			}
			if _, _, _, err := Open(path, SetAsideTail()); err == nil || !strings.Contains(err.Error(), "both claim seq 3") {
				t.Errorf("resume: %v", err)
			}
		})
	}
}

// TestSealWithoutFinalNewline: a sealed file that lost only its last
// newline is still sealed, and resuming it is refused, the file left
// as it is.
func TestSealWithoutFinalNewline(t *testing.T) {
	path := writeSession(t, 3, true)
	orig, _ := os.ReadFile(path)
	cut := orig[:len(orig)-1]
	os.WriteFile(path, cut, 0o600)
	rep, evs := scanFile(t, path)
	last := cut[bytes.LastIndexByte(cut, '\n')+1:]
	if !rep.Sealed || rep.Torn != nil || rep.Break != nil || !rep.Unterminated || rep.Head != Hash(last) || rep.Events != 5 || len(evs) != 5 || rep.Size != int64(len(cut)) {
		t.Fatalf("sealed %v torn %+v break %v unterminated %v events %d size %d", rep.Sealed, rep.Torn, rep.Break, rep.Unterminated, rep.Events, rep.Size)
	}
	if _, _, _, err := Open(path); err == nil || !strings.Contains(err.Error(), "closed cleanly") {
		t.Fatalf("resume: %v", err)
	}
	if now, _ := os.ReadFile(path); !bytes.Equal(now, cut) {
		t.Error("the refused resume changed the file")
	}
	if _, err := os.Stat(path + ".torn"); err == nil {
		t.Error("the seal was moved aside as torn")
	}
	// A session.closed that does not chain on is no seal: it stays torn.
	start := bytes.LastIndexByte(cut, '\n') + 1
	unchained := append(bytes.Clone(cut[:start]), bytes.Replace(last, []byte(`"prev":"`), []byte(`"prev":"f`), 1)[:len(last)]...)
	os.WriteFile(path, unchained, 0o600)
	if rep, _ := scanFile(t, path); rep.Sealed || rep.Torn == nil {
		t.Errorf("an unchained session.closed without newline: sealed %v torn %v", rep.Sealed, rep.Torn)
	}
}

// TestNewerFormatIsReported: a line in a format newer than this build
// stops the scan with that said, whether this build could parse its
// layout or not, and resuming is refused.
func TestNewerFormatIsReported(t *testing.T) {
	for name, line := range map[string]func(prev string) string{
		"same layout": func(prev string) string {
			e := ev(t, event.NoteRecorded, 9, event.Note{Text: "v2"})
			e.V, e.Seq, e.Prev = 2, 3, Hash([]byte(prev))
			return line(t, e)
		},
		"new layout": func(prev string) string {
			return `{"v":3,"seq":3,"at":1795338000000,"kind":"note","prev":"` + Hash([]byte(prev)) + `"}`
		},
	} {
		t.Run(name, func(t *testing.T) {
			path := writeSession(t, 2, false)
			rewrite(t, path, func(l []string) []string { return append(l, line(l[len(l)-1])) })
			rep, _ := scanFile(t, path)
			if rep.Newer == nil || rep.Newer.Line != 4 || rep.Break != nil || rep.Events != 3 {
				t.Fatalf("newer %+v break %v events %d", rep.Newer, rep.Break, rep.Events)
			}
			if !strings.Contains(rep.Newer.Error(), "written by a newer ttx (format v") || !strings.Contains(rep.Newer.Error(), "update ttx") {
				t.Errorf("message: %v", rep.Newer)
			}
			if _, _, _, err := Open(path); err == nil || !strings.Contains(err.Error(), "newer ttx") {
				t.Errorf("resume: %v", err)
			}
		})
	}
}

// TestTailOfNonEventsSetAside: blank or garbage lines after the last
// chained line make the file not intact and resuming is refused with the
// way out named; with SetAsideTail they are moved aside byte for byte
// and appending goes on.
func TestTailOfNonEventsSetAside(t *testing.T) {
	for name, tail := range map[string]string{
		"blank line":            "\n",
		"garbage line":          "this is not an event\n",
		"both, then torn":       "\n\x00\x00garbage\n{\"v\":1,\"se",
		"an unreadable event":   `{"v":1,"seq":3,"at":"2026-11-24T09:00:03.000Z"}` + "\n",
		"windows line end only": "\r\n",
	} {
		t.Run(name, func(t *testing.T) {
			path := writeSession(t, 2, false)
			intact, _ := os.ReadFile(path)
			os.WriteFile(path, append(bytes.Clone(intact), tail...), 0o600)
			rep, _ := scanFile(t, path)
			if rep.Break == nil || rep.Break.Line != 4 || rep.Tail == nil || rep.Tail.Offset != int64(len(intact)) || rep.Tail.Size != int64(len(tail)) || rep.Tail.Line != 4 {
				t.Fatalf("break %v tail %+v", rep.Break, rep.Tail)
			}
			if _, _, _, err := Open(path); err == nil || !strings.Contains(err.Error(), "--set-aside-tail") {
				t.Fatalf("resume without setting it aside: %v", err)
			}
			w, evs, rec, err := Open(path, SetAsideTail())
			if err != nil {
				t.Fatal(err)
			}
			if len(evs) != 3 || rec.TailFile != path+".tail" || rec.TailSum != Hash([]byte(tail)) || rec.TornFile != "" {
				t.Errorf("events %d tail file %q sum ok %v torn %q", len(evs), rec.TailFile, rec.TailSum == Hash([]byte(tail)), rec.TornFile)
			}
			if moved, _ := os.ReadFile(rec.TailFile); string(moved) != tail {
				t.Errorf("moved aside %q, want %q", moved, tail)
			}
			if _, err := w.Append(ev(t, event.NoteRecorded, 9, event.Note{Text: "after"})); err != nil {
				t.Fatal(err)
			}
			w.Close()
			if rep, _ := scanFile(t, path); rep.Break != nil || rep.Tail != nil || rep.Events != 4 {
				t.Fatalf("after: break %v tail %v events %d", rep.Break, rep.Tail, rep.Events)
			}
		})
	}
}

// TestBadLineInTheMiddleIsNoTail: a garbage line with an event after it
// is tampering, not a tail: it cannot be set aside.
func TestBadLineInTheMiddleIsNoTail(t *testing.T) {
	for name, edit := range map[string]func([]string) []string{
		"garbage replaces a line": func(l []string) []string { l[2] = "garbage"; return l },
		"blank line inserted":     func(l []string) []string { return append(l[:2], append([]string{""}, l[2:]...)...) },
		"garbage, then a copy":    func(l []string) []string { return append(l, "garbage", l[1]) },
	} {
		t.Run(name, func(t *testing.T) {
			path := writeSession(t, 3, false)
			rewrite(t, path, edit)
			before, _ := os.ReadFile(path)
			rep, _ := scanFile(t, path)
			if rep.Break == nil || rep.Tail != nil {
				t.Fatalf("break %v tail %+v", rep.Break, rep.Tail)
			}
			if _, _, _, err := Open(path, SetAsideTail()); err == nil || !strings.Contains(err.Error(), "altered") {
				t.Fatalf("resume with --set-aside-tail: %v", err)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Error("the refused resume changed the file")
			}
		})
	}
}

// TestForgeryAfterTheGenuineLine: a forged line inserted just after the
// genuine one it competes with is a fork too, and the genuine branch,
// which goes on after the forgery, is the one the final hash matches.
func TestForgeryAfterTheGenuineLine(t *testing.T) {
	path := writeSession(t, 5, true)
	orig, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSuffix(string(orig), "\n"), "\n")
	forged := forge(t, 3, lines[2], "we agreed to pay")
	rewrite(t, path, func(l []string) []string { return append(append(append([]string{}, l[:4]...), forged), l[4:]...) })
	rep, _ := scanFile(t, path)
	f := rep.Fork
	if f == nil || f.Lines != [2]int{4, 5} || rep.Events != 3 || f.Broken != "" {
		t.Fatalf("fork %+v events %d", f, rep.Events)
	}
	if f.Branch(Hash([]byte(lines[len(lines)-1]))) != 0 || f.To != [2]int{8, 5} || !f.Sealed[0] {
		t.Errorf("the genuine branch (line 4 on, around the forgery) should end in the final hash: %+v", f)
	}
}
