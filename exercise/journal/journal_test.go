package journal

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"ttx/exercise/event"
)

var t0 = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

func ev(t *testing.T, typ string, i int, data any) event.Event {
	t.Helper()
	e, err := event.New(typ, "facilitator:ana", t0.Add(time.Duration(i)*time.Second), time.Duration(i)*time.Second, data)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// writeSession writes an opened event and n notes, closing (sealing) it if seal.
func writeSession(t *testing.T, n int, seal bool) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "s", "session.jsonl")
	w, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Append(ev(t, event.SessionOpened, 0, map[string]any{"scenario": map[string]any{}})); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= n; i++ {
		if _, err := w.Append(ev(t, event.NoteRecorded, i, event.Note{Text: "note " + strings.Repeat("x", i)})); err != nil {
			t.Fatal(err)
		}
	}
	if seal {
		if _, err := w.Append(ev(t, event.SessionClosed, n+1, event.Closed{Events: int64(n + 1)})); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func scanFile(t *testing.T, path string) (Report, []event.Event) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var evs []event.Event
	rep, err := Scan(f, func(e event.Event) error { evs = append(evs, e); return nil })
	if err != nil {
		t.Fatal(err)
	}
	return rep, evs
}

func TestRoundTripAndChain(t *testing.T) {
	path := writeSession(t, 5, true)
	rep, evs := scanFile(t, path)
	if rep.Break != nil || rep.Torn != nil {
		t.Fatalf("intact file reported broken: %+v %+v", rep.Break, rep.Torn)
	}
	if rep.Events != 7 || len(evs) != 7 || !rep.Sealed {
		t.Fatalf("events=%d sealed=%v", rep.Events, rep.Sealed)
	}
	data, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if !strings.HasPrefix(lines[0], `{"v":1,"seq":0,"at":"2026-11-24T09:00:00.000Z","t":0,"type":"session.opened","by":"facilitator:ana","data":`) ||
		!strings.HasSuffix(lines[0], `"prev":""}`) {
		t.Errorf("line 0 does not follow format v1: %s", lines[0])
	}
	for i := 1; i < len(lines); i++ {
		if e, err := event.Unmarshal([]byte(lines[i])); err != nil || e.Prev != Hash([]byte(lines[i-1])) {
			t.Errorf("line %d prev is not the hash of line %d", i+1, i)
		}
		if evs[i].Seq != int64(i) {
			t.Errorf("line %d seq = %d", i+1, evs[i].Seq)
		}
	}
	if rep.Head != Hash([]byte(lines[len(lines)-1])) {
		t.Error("head is not the hash of the last line")
	}
	if evs[3].Type != event.NoteRecorded || !bytes.Contains(evs[3].Data, []byte(`"note xxx"`)) {
		t.Errorf("event 3 = %s %s", evs[3].Type, evs[3].Data)
	}
}

func rewrite(t *testing.T, path string, edit func(lines []string) []string) {
	t.Helper()
	data, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	lines = edit(lines)
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestTamperDetection(t *testing.T) {
	tests := []struct {
		name     string
		edit     func([]string) []string
		wantLine int
		wantMsg  string
	}{
		{"one character in a middle line", func(l []string) []string {
			l[3] = strings.Replace(l[3], "note xxx", "note xyx", 1)
			return l
		}, 4, "changed"},
		{"prev field of a middle line", func(l []string) []string {
			l[3] = strings.Replace(l[3], `"prev":"`, `"prev":"0`, 1)
			return l
		}, 4, "changed"},
		{"line removed", func(l []string) []string { return append(l[:2], l[3:]...) }, 3, "removed"},
		{"line duplicated", func(l []string) []string {
			return append(l[:3], append([]string{l[2]}, l[3:]...)...)
		}, 4, "inserted"},
		{"two lines swapped", func(l []string) []string { l[2], l[3] = l[3], l[2]; return l }, 3, "removed"},
		{"line added after close", func(l []string) []string { return append(l, l[2]) }, 8, "after session.closed"},
		{"first line not opened", func(l []string) []string { return l[1:] }, 1, "removed"},
		{"not json", func(l []string) []string { l[4] = "hello"; return l }, 5, "not a valid event"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeSession(t, 5, true)
			rewrite(t, path, tt.edit)
			rep, _ := scanFile(t, path)
			if rep.Break == nil {
				t.Fatal("tampering not detected")
			}
			if rep.Break.Line != tt.wantLine || !strings.Contains(rep.Break.Msg, tt.wantMsg) {
				t.Errorf("break = %v, want line %d containing %q", rep.Break, tt.wantLine, tt.wantMsg)
			}
			if rep.Events != int64(tt.wantLine-1) {
				t.Errorf("intact events = %d, want the %d lines before the break", rep.Events, tt.wantLine-1)
			}
		})
	}
}

// TestEveryByteChangeDetected changes every byte of a sealed file in turn,
// several ways, and checks that verify names the line the byte is on. The
// last line is covered by the final hash instead: its hash must change.
func TestEveryByteChangeDetected(t *testing.T) {
	path := writeSession(t, 4, true)
	orig, _ := os.ReadFile(path)
	lastStart := bytes.LastIndexByte(orig[:len(orig)-1], '\n') + 1
	finalHash := Hash(orig[lastStart : len(orig)-1])
	line, checked := 1, 0
	for off := 0; off < len(orig)-1; off++ {
		if orig[off] == '\n' {
			line++
			continue
		}
		for _, flip := range []byte{0x01, 0x20, 0x80} {
			mod := bytes.Clone(orig)
			mod[off] ^= flip
			if mod[off] == '\n' {
				continue // that is a split line, not a changed byte
			}
			rep, err := Scan(bytes.NewReader(mod), nil)
			if err != nil {
				t.Fatal(err)
			}
			checked++
			if off >= lastStart {
				if rep.Break == nil && rep.Head == finalHash {
					t.Fatalf("change at byte %d of the last line left the final hash unchanged", off)
				}
				continue
			}
			if rep.Break == nil || rep.Break.Line != line {
				t.Fatalf("byte %d (line %d) ^%#x: verify said %v", off, line, flip, rep.Break)
			}
		}
	}
	t.Logf("%d single-byte changes checked", checked)
}

func TestTruncatedSealedFileIsNotSealed(t *testing.T) {
	path := writeSession(t, 3, true)
	orig, _ := os.ReadFile(path)
	lastStart := bytes.LastIndexByte(orig[:len(orig)-1], '\n') + 1
	rep, err := Scan(bytes.NewReader(orig[:lastStart]), nil)
	if err != nil || rep.Break != nil || rep.Sealed || rep.Head == Hash(orig[lastStart:len(orig)-1]) {
		t.Errorf("a file cut before session.closed: sealed=%v break=%v; it must read as unsealed, with another final hash", rep.Sealed, rep.Break)
	}
}

func TestTornTailMovedAsideOnOpen(t *testing.T) {
	path := writeSession(t, 3, false)
	intact, _ := os.ReadFile(path)
	f, _ := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	f.WriteString(`{"v":1,"seq":4,"at":"2026-11-24T09:0`)
	f.Close()

	rep, _ := scanFile(t, path)
	if rep.Torn == nil || rep.Torn.Offset != int64(len(intact)) || rep.Break != nil {
		t.Fatalf("torn = %+v break = %v, want offset %d", rep.Torn, rep.Break, len(intact))
	}
	w, evs, rec, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if len(evs) != 4 || rec.TornFile != path+".torn" {
		t.Fatalf("events=%d tornfile=%q", len(evs), rec.TornFile)
	}
	torn, _ := os.ReadFile(path + ".torn")
	if string(torn) != `{"v":1,"seq":4,"at":"2026-11-24T09:0` {
		t.Errorf("torn file holds %q", torn)
	}
	if _, err := w.Append(ev(t, event.NoteRecorded, 9, event.Note{Text: "after"})); err != nil {
		t.Fatal(err)
	}
	rep, evs = scanFile(t, path)
	if rep.Break != nil || rep.Torn != nil || len(evs) != 5 || evs[4].Seq != 4 {
		t.Fatalf("after resume: break=%v torn=%v events=%d", rep.Break, rep.Torn, len(evs))
	}
}

func TestOpenRefusesSealedAndBroken(t *testing.T) {
	sealed := writeSession(t, 2, true)
	if _, _, _, err := Open(sealed); err == nil || !strings.Contains(err.Error(), "closed cleanly") {
		t.Errorf("sealed: err = %v", err)
	}
	broken := writeSession(t, 4, false)
	rewrite(t, broken, func(l []string) []string { l[2] = strings.Replace(l[2], "note", "nope", 1); return l })
	if _, _, _, err := Open(broken); err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("broken: err = %v", err)
	}
}

func TestSecondWriterRefused(t *testing.T) {
	path := writeSession(t, 1, false)
	w, _, _, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	_, _, _, err = Open(path)
	if err == nil || !strings.Contains(err.Error(), "already open for writing by ttx pid") {
		t.Fatalf("second writer: err = %v", err)
	}
	w.Close()
	w2, _, _, err := Open(path)
	if err != nil {
		t.Fatalf("after the first writer closed: %v", err)
	}
	w2.Close()
}

// faultyFile fails writes or syncs while fail is set, after writing part
// of the data, like a disk that fills up mid-write.
type faultyFile struct {
	File
	failWrite, failSync bool
}

func (f *faultyFile) Write(p []byte) (int, error) {
	if f.failWrite {
		n, _ := f.File.Write(p[:len(p)/2])
		return n, syscall.ENOSPC
	}
	return f.File.Write(p)
}

func (f *faultyFile) Sync() error {
	if f.failSync {
		return syscall.EIO
	}
	return f.File.Sync()
}

func TestFailedAppendIsUndoneAndRetryable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.jsonl")
	var ff *faultyFile
	w, err := Create(path, WithFile(func(f File) File { ff = &faultyFile{File: f}; return ff }))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := w.Append(ev(t, event.SessionOpened, 0, map[string]any{})); err != nil {
		t.Fatal(err)
	}
	ff.failWrite = true
	if _, err := w.Append(ev(t, event.NoteRecorded, 1, event.Note{Text: "lost?"})); !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("err = %v, want ENOSPC", err)
	}
	ff.failWrite, ff.failSync = false, true
	if _, err := w.Append(ev(t, event.NoteRecorded, 1, event.Note{Text: "lost?"})); !errors.Is(err, syscall.EIO) {
		t.Fatalf("err = %v, want EIO", err)
	}
	ff.failSync = false
	out, err := w.Append(ev(t, event.NoteRecorded, 1, event.Note{Text: "kept"}))
	if err != nil {
		t.Fatal(err)
	}
	if out[0].Seq != 1 {
		t.Errorf("retried event seq = %d, want 1", out[0].Seq)
	}
	rep, evs := scanFile(t, path)
	if rep.Break != nil || rep.Torn != nil || len(evs) != 2 || !bytes.Contains(evs[1].Data, []byte("kept")) {
		t.Fatalf("after faults: break=%v torn=%v events=%d", rep.Break, rep.Torn, len(evs))
	}
}

func TestCreateRefusesExisting(t *testing.T) {
	path := writeSession(t, 0, false)
	if _, err := Create(path); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("err = %v", err)
	}
}

func TestScanFromFollowsAGrowingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.jsonl")
	w, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	w.Append(ev(t, event.SessionOpened, 0, map[string]any{}))
	w.Append(ev(t, event.NoteRecorded, 1, event.Note{Text: "one"}))
	rep, evs := scanFile(t, path)
	if rep.Events != 2 || len(evs) != 2 {
		t.Fatalf("first scan: %d events", rep.Events)
	}
	w.Append(ev(t, event.NoteRecorded, 2, event.Note{Text: "two"}), ev(t, event.NoteRecorded, 3, event.Note{Text: "three"}))
	f, _ := os.Open(path)
	defer f.Close()
	f.Seek(rep.Size, 0)
	var more []event.Event
	rep2, err := Scan(f, func(e event.Event) error { more = append(more, e); return nil }, From(rep))
	if err != nil || rep2.Break != nil {
		t.Fatalf("err %v break %v", err, rep2.Break)
	}
	if rep2.Events != 4 || len(more) != 2 || more[0].Seq != 2 || rep2.Head != w.Head() {
		t.Errorf("follow: events %d, new %d, head ok %v", rep2.Events, len(more), rep2.Head == w.Head())
	}
	// A line that does not chain onto what was read before is caught.
	f2, _ := os.Open(path)
	defer f2.Close()
	f2.Seek(rep.Size, 0)
	bad := rep
	bad.Head = "0000"
	rep3, _ := Scan(f2, nil, From(bad))
	if rep3.Break == nil {
		t.Error("a break at the join was not detected")
	}
}

// TestTornAtEveryOffset cuts the last line of a session at every byte and
// appends garbage after it: Open moves exactly the torn part aside, with
// its offset, keeps every complete line, and never panics.
func TestTornAtEveryOffset(t *testing.T) {
	full, _ := os.ReadFile(writeSession(t, 3, false))
	lastStart := bytes.LastIndexByte(full[:len(full)-1], '\n') + 1
	dir := t.TempDir()
	cases := 0
	for cut := lastStart; cut < len(full); cut++ {
		for _, extra := range [][]byte{nil, []byte("\x00\x00\x00"), []byte("garbage {\"v\":"), []byte("\xff\xfe")} {
			data := append(bytes.Clone(full[:cut]), extra...)
			path := filepath.Join(dir, fmt.Sprintf("s%d-%d.jsonl", cut, len(extra)))
			os.WriteFile(path, data, 0o644)
			w, evs, rec, err := Open(path)
			cases++
			tornLen := len(data) - lastStart
			if tornLen == 0 {
				if err != nil || rec.TornFile != "" || len(evs) != 3 {
					t.Fatalf("cut %d at a line end: err %v torn %q events %d", cut, err, rec.TornFile, len(evs))
				}
				w.Close()
				continue
			}
			if err != nil {
				t.Fatalf("cut %d + %q: %v", cut, extra, err)
			}
			if len(evs) != 3 || rec.Report.Torn == nil || rec.Report.Torn.Offset != int64(lastStart) || rec.Report.Torn.Size != int64(tornLen) {
				t.Fatalf("cut %d + %q: events %d torn %+v", cut, extra, len(evs), rec.Report.Torn)
			}
			moved, _ := os.ReadFile(rec.TornFile)
			if !bytes.Equal(moved, data[lastStart:]) {
				t.Fatalf("cut %d: the torn part moved aside differs from what was cut off", cut)
			}
			if _, err := w.Append(ev(t, event.NoteRecorded, 9, event.Note{Text: "after"})); err != nil {
				t.Fatal(err)
			}
			w.Close()
			if rep, _ := scanFile(t, path); rep.Break != nil || rep.Torn != nil || rep.Events != 4 {
				t.Fatalf("cut %d: after resuming, break %v torn %v events %d", cut, rep.Break, rep.Torn, rep.Events)
			}
		}
	}
	t.Logf("%d torn files recovered", cases)
}

func TestCompleteGarbageLineIsRefusedNotDropped(t *testing.T) {
	path := writeSession(t, 2, false)
	f, _ := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	f.WriteString("this is not an event\n")
	f.Close()
	_, _, _, err := Open(path)
	if err == nil || !strings.Contains(err.Error(), "line 4") {
		t.Fatalf("a complete bad last line: %v", err)
	}
	if data, _ := os.ReadFile(path); !bytes.Contains(data, []byte("this is not an event")) {
		t.Error("the bad line was removed from the file")
	}
}

// TestOpeningReportsProgress: a long session being reopened says how much
// of it has been read, rising to the whole file.
func TestOpeningReportsProgress(t *testing.T) {
	path := writeSession(t, 1000, false) // 0.75 MB: several reads
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	var seen []int64
	w, _, err := OpenEach(path, func(event.Event) {}, WithProgress(func(read, total int64) {
		if total != fi.Size() {
			t.Errorf("progress out of %d bytes; the file has %d", total, fi.Size())
		}
		seen = append(seen, read)
	}))
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	if len(seen) < 3 {
		t.Fatalf("progress reported %d times for %d bytes: %v", len(seen), fi.Size(), seen)
	}
	for i := 1; i < len(seen); i++ {
		if seen[i] < seen[i-1] {
			t.Fatalf("progress went back: %v", seen)
		}
	}
	if last := seen[len(seen)-1]; last != fi.Size() {
		t.Errorf("progress ended at %d of %d bytes", last, fi.Size())
	}
}

// TestScanOffsetsPointAtEachLine: with Offsets, each event reaches fn with
// the byte offset of its own line, also when the scan goes on From an
// earlier one.
func TestScanOffsetsPointAtEachLine(t *testing.T) {
	path := writeSession(t, 6, false)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	check := func(r io.Reader, opts ...ScanOption) Report {
		var off int64
		rep, err := Scan(r, func(e event.Event) error {
			got, err := event.Unmarshal(bytes.TrimSuffix(data[off:off+int64(bytes.IndexByte(data[off:], '\n'))+1], []byte("\n")))
			if err != nil || got.Seq != e.Seq {
				t.Errorf("event %d: offset %d holds %+v (%v)", e.Seq, off, got, err)
			}
			return nil
		}, append(opts, Offsets(&off))...)
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	half := bytes.Index(data, []byte(`"seq":3,`))
	half = bytes.LastIndexByte(data[:half], '\n') + 1
	first := check(bytes.NewReader(data[:half]))
	if first.Events != 3 {
		t.Fatalf("first part: %d events", first.Events)
	}
	if all, lines := check(bytes.NewReader(data[first.Size:]), From(first)), bytes.Count(data, []byte("\n")); all.Events != int64(lines) {
		t.Fatalf("after From: %d events of %d lines", all.Events, lines)
	}
}
