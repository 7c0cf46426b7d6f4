//go:build unix

package journal

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ttx/exercise/event"
)

// TestSecondWriterRefusedWhateverTheName: a second console that reaches
// the open session file by another name (a symbolic link, a hard link, a
// relative path for an absolute one) is refused, and the first one's
// chain stays whole.
func TestSecondWriterRefusedWhateverTheName(t *testing.T) {
	path := writeSession(t, 1, false)
	dir := filepath.Dir(path)
	link := filepath.Join(t.TempDir(), "link.jsonl")
	if err := os.Symlink(path, link); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "hard.jsonl")
	if err := os.Link(path, hard); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	names := map[string]string{"symbolic link": link, "hard link": hard, "relative path": "session.jsonl", "absolute path": path}
	for first, a := range map[string]string{"absolute path": path, "symbolic link": link} {
		w, _, _, err := Open(a)
		if err != nil {
			t.Fatalf("first writer by %s: %v", first, err)
		}
		for how, b := range names {
			_, _, _, err := Open(b)
			// A hard link has no one real path to find the note by.
			want := "already open for writing by ttx pid"
			if how == "hard link" {
				want = "already open for writing by"
			}
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("opened by %s, then by %s: err = %v, want refused with %q", first, how, err, want)
			}
		}
		if _, err := w.Append(ev(t, event.NoteRecorded, 5, event.Note{Text: "still one writer"})); err != nil {
			t.Fatal(err)
		}
		w.Close()
	}
	if rep, _ := scanFile(t, path); rep.Break != nil || rep.Events != 4 {
		t.Fatalf("after two writers by turns: break %v, %d events", rep.Break, rep.Events)
	}
	w, _, _, err := Open(hard)
	if err != nil {
		t.Fatalf("after the first writer closed: %v", err)
	}
	w.Close()
}

// TestPlantedLockLinkIsNotWrittenThrough: a FILE.lock planted as a link
// to another file leaves that file as it was, whether the session is
// created or resumed.
func TestPlantedLockLinkIsNotWrittenThrough(t *testing.T) {
	for _, kind := range []string{"symlink", "hard link"} {
		t.Run(kind, func(t *testing.T) {
			dir := t.TempDir()
			victim := filepath.Join(dir, "precious.txt")
			os.WriteFile(victim, []byte("do not overwrite me\n"), 0o600)
			plant := func(path string) {
				os.Remove(path + ".lock")
				var err error
				if kind == "symlink" {
					err = os.Symlink(victim, path+".lock")
				} else {
					err = os.Link(victim, path+".lock")
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			path := filepath.Join(dir, "s.jsonl")
			plant(path)
			w, err := Create(path)
			if err != nil {
				t.Fatal(err)
			}
			w.Append(ev(t, event.SessionOpened, 0, map[string]any{}))
			w.Close()
			plant(path)
			w, _, _, err = Open(path)
			if err != nil {
				t.Fatal(err)
			}
			w.Close()
			if data, _ := os.ReadFile(victim); string(data) != "do not overwrite me\n" {
				t.Fatalf("the file the planted lock pointed at now holds %q", data)
			}
		})
	}
}

// TestFilesAreTheFacilitatorsAlone: the session file, its lock note and
// the torn and tail files set aside are created 0600.
func TestFilesAreTheFacilitatorsAlone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.jsonl")
	w, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w.Append(ev(t, event.SessionOpened, 0, map[string]any{}))
	check := func(name string) {
		t.Helper()
		fi, err := os.Lstat(name)
		if err != nil {
			t.Fatal(err)
		}
		if m := fi.Mode().Perm(); m != 0o600 {
			t.Errorf("%s is created %#o, want 0600", filepath.Base(name), m)
		}
	}
	check(path)
	check(path + ".lock")
	w.Close()
	f, _ := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	f.WriteString(`{"v":1,"seq":1,"at":"2026`)
	f.Close()
	w, _, rec, err := Open(path)
	if err != nil || rec.TornFile == "" {
		t.Fatalf("torn: %v %q", err, rec.TornFile)
	}
	check(rec.TornFile)
	w.Close()
	f, _ = os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	f.WriteString("garbage\n")
	f.Close()
	w, _, rec, err = Open(path, SetAsideTail())
	if err != nil || rec.TailFile == "" {
		t.Fatalf("tail: %v %q", err, rec.TailFile)
	}
	check(rec.TailFile)
	w.Close()
}
