package text

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

// hostile holds every kind of character Escape must not let through.
const hostile = "a\x1b]52;c;ZXZpbA==\x07b\x1b[2Jc\x1b]0;pwned\x07d\u202eevil\u202ce\u009b31mf\x7fg\x00h\rk\u2066\u200fl\xffm"

// assertInert fails if s holds any byte or character that drives a
// terminal or reorders text.
func assertInert(t *testing.T, where, s string) {
	t.Helper()
	for i, r := range s {
		bad := r < 0x20 && r != '\n' && r != '\t' && !(r == '\r' && strings.HasPrefix(s[i:], "\r\n")) ||
			r == 0x7f || r >= 0x80 && r <= 0x9f || isBidiControl(r) || r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD")
		if bad {
			t.Fatalf("%s: raw %U at byte %d: %q", where, r, i, s)
		}
	}
}

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text, Zoë, Łódź, 日本", "plain text, Zoë, Łódź, 日本"},
		{"two\nlines\tand a tab", "two\nlines\tand a tab"},
		{"crlf\r\nkept", "crlf\r\nkept"},
		{"lone\rcr", `lone\u000dcr`},
		{"osc 52 \x1b]52;c;ZXZpbA==\x07", `osc 52 \u001b]52;c;ZXZpbA==\u0007`},
		{"clear \x1b[2J", `clear \u001b[2J`},
		{"title \x1b]0;pwned\x07", `title \u001b]0;pwned\u0007`},
		{"rlo \u202eabc\u202c", `rlo \u202eabc\u202c`},
		{"isolates \u2066\u2067\u2068\u2069 marks \u200e\u200f\u061c", "isolates \\u2066\\u2067\\u2068\\u2069 marks \u200e\u200f\u061c"},
		{"c1 csi \u009b31m", `c1 csi \u009b31m`},
		{"del \x7f nul \x00", `del \u007f nul \u0000`},
		{"bad \xff\xfe utf8", `bad \xff\xfe utf8`},
	}
	for _, tt := range tests {
		got := Escape(tt.in)
		if got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
		assertInert(t, "Escape", got)
	}
}

// TestEscapeKeepsClean holds Escape to the identity on what Clean gives,
// so text typed into ttx looks the same live and when read back.
func TestEscapeKeepsClean(t *testing.T) {
	for _, s := range []string{hostile, "Declare a major incident\n- send crews", "\t\ttabbed\r\nline"} {
		c := Clean(s, 0)
		if got := Escape(c); got != c {
			t.Errorf("Escape(Clean(%q)) = %q, want %q", s, got, c)
		}
	}
}

func TestEscapeNoCopy(t *testing.T) {
	s := "nothing to escape here, Zoë"
	if n := testing.AllocsPerRun(100, func() { _ = Escape(s) }); n != 0 {
		t.Errorf("Escape of safe text allocates %v times", n)
	}
}

// TestWriter writes hostile text one byte at a time and in one piece: the
// output is the same as Escape's, so no character split across writes
// slips through.
func TestWriter(t *testing.T) {
	in := hostile + "ü\r\nend\r"
	want := Escape(in[:len(in)-1]) + `\u000d`
	var whole, bytewise bytes.Buffer
	w := NewWriter(&whole)
	w.Write([]byte(in))
	w.Flush()
	w = NewWriter(&bytewise)
	for i := range len(in) {
		w.Write([]byte{in[i]})
	}
	w.Flush()
	for name, got := range map[string]string{"whole": whole.String(), "bytewise": bytewise.String()} {
		if got != want {
			t.Errorf("%s: got %q, want %q", name, got, want)
		}
		assertInert(t, name, got)
	}
}

func TestEscapeAll(t *testing.T) {
	type inner struct {
		Text  string
		List  []string
		Raw   []byte
		plain string
	}
	type outer struct {
		Title string
		In    []inner
		P     *inner
	}
	v := outer{Title: "t\x1b[2J", In: []inner{{Text: "\u202ex", List: []string{"ok", "\x07"}, Raw: []byte("\x1b"), plain: "\x1b"}}, P: &inner{Text: "\x9b"}}
	EscapeAll(&v)
	if v.Title != `t\u001b[2J` || v.In[0].Text != `\u202ex` || v.In[0].List[1] != `\u0007` || v.P.Text != `\x9b` {
		t.Errorf("EscapeAll left %+v", v)
	}
	if string(v.In[0].Raw) != "\x1b" || v.In[0].plain != "\x1b" {
		t.Errorf("EscapeAll changed bytes or an unexported field: %+v", v.In[0])
	}
}

func TestCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{`=HYPERLINK("http://x","y")`, `'=HYPERLINK("http://x","y")`},
		{"+1", "'+1"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", `'\u000dx`},
		{"- send crews", "'- send crews"},
		{"-2", "-2"},
		{"-0.25", "-0.25"},
		{"-", "'-"},
		{"Evacuate = yes", "Evacuate = yes"},
		{"plain", "plain"},
		{"", ""},
		{"a\x1b[2Jb", `a\u001b[2Jb`},
	}
	for _, tt := range tests {
		if got := Cell(tt.in); got != tt.want {
			t.Errorf("Cell(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if tt.in != "\rx" && !strings.Contains(tt.in, "\x1b") {
			if back := Uncell(Cell(tt.in)); back != tt.in {
				t.Errorf("Uncell(Cell(%q)) = %q", tt.in, back)
			}
		}
	}
}

// reportText is a megabyte of what a report writes: Markdown lines with
// names such as Zoë and Łódź, nothing to escape.
func reportText() []byte {
	line := "  - T+00:12:00 **Station operator** (Zoë Nowak, Łódź liaison), 3 min after release: Hold all trains short of the station.\n"
	return bytes.Repeat([]byte(line), 1<<20/len(line))
}

// BenchmarkWriter is the cost text.Writer adds to a report: one megabyte
// in 4 KB writes, as bufio hands it over.
func BenchmarkWriter(b *testing.B) {
	data := reportText()
	w := NewWriter(io.Discard)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		for off := 0; off < len(data); off += 4096 {
			w.Write(data[off:min(off+4096, len(data))])
		}
	}
}

// BenchmarkEscapeDecision is the cost the fold adds to one decision's
// words: a scan, no copy.
func BenchmarkEscapeDecision(b *testing.B) {
	s := "Zoë Nowak (Łódź liaison) to brief the \"silver\" group, then report back."
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		_ = Escape(s)
	}
}

// TestUncellUndoesCell: what Cell writes, Uncell reads back as it was,
// for every short text of quotes, formula signs and ordinary characters;
// before, a title that began "'=1+2" came back from an export and import
// as "=1+2".
func TestUncellUndoesCell(t *testing.T) {
	alphabet := []byte{'\'', '=', '+', '-', '@', '\t', 'a', '1'}
	var walk func(prefix []byte)
	walk = func(prefix []byte) {
		if s := string(prefix); Uncell(Cell(s)) != s {
			t.Errorf("Uncell(Cell(%q)) = %q", s, Uncell(Cell(s)))
		}
		if len(prefix) == 4 {
			return
		}
		for _, c := range alphabet {
			walk(append(prefix, c))
		}
	}
	walk(nil)
}
