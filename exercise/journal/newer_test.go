package journal

import (
	"strings"
	"testing"
)

// rechain edits lines[from:] with edit and gives each the prev of the line
// before it, as a writer appending them would.
func rechain(lines []string, from int, edit func(string) string) []string {
	out := append([]string{}, lines...)
	for i := from; i < len(out); i++ {
		l := edit(out[i])
		cut := strings.LastIndex(l, `"prev":"`) + len(`"prev":"`)
		out[i] = l[:cut] + Hash([]byte(out[i-1])) + l[cut+64:]
	}
	return out
}

func toV2(l string) string { return strings.Replace(l, `{"v":1,`, `{"v":2,`, 1) }

// TestEditedVersionIsAChangedLine: "v":1 edited to "v":2 on one line is
// not a newer ttx: the chain shows the edit, the line is named as
// changed, and the events before it stay readable.
func TestEditedVersionIsAChangedLine(t *testing.T) {
	for name, edit := range map[string]func([]string) []string{
		"v edited": func(l []string) []string { l[5] = toV2(l[5]); return l },
		"v edited, next rechained": func(l []string) []string {
			l[5] = toV2(l[5])
			return rechain(l, 6, func(s string) string { return s })[:7]
		},
	} {
		t.Run(name, func(t *testing.T) {
			path := writeSession(t, 8, true)
			rewrite(t, path, edit)
			rep, evs := scanFile(t, path)
			if rep.Newer != nil || rep.Break == nil || rep.Break.Line != 6 || !strings.Contains(rep.Break.Msg, "changed") || rep.Events != 5 || len(evs) != 5 {
				t.Fatalf("newer %+v, break %v, %d events", rep.Newer, rep.Break, rep.Events)
			}
			if !strings.Contains(rep.Break.Msg, "not written by a newer ttx") && !strings.Contains(rep.Break.Msg, "so this line was edited") {
				t.Errorf("the break does not say the format claim is an edit: %v", rep.Break)
			}
		})
	}
}

// TestNewerTtxTookOverFromALine: a file begun by this ttx and resumed by
// a newer one, which writes its own format from a line on, chained, is
// reported as written by a newer ttx from that line, with the events
// before it intact.
func TestNewerTtxTookOverFromALine(t *testing.T) {
	path := writeSession(t, 8, false)
	rewrite(t, path, func(l []string) []string { return rechain(l, 4, toV2) })
	rep, evs := scanFile(t, path)
	if rep.Newer == nil || rep.Newer.Line != 5 || rep.Newer.V != 2 || rep.Break != nil || rep.Events != 4 || len(evs) != 4 {
		t.Fatalf("newer %+v, break %v, %d events", rep.Newer, rep.Break, rep.Events)
	}
	if msg := rep.Newer.Error(); !strings.Contains(msg, "from line 5 on, the file was written by a newer ttx (format v2)") {
		t.Errorf("message: %s", msg)
	}
}
