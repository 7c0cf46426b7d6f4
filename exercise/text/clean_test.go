package text

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestClean(t *testing.T) {
	tests := []struct {
		name, in, want string
		max            int
	}{
		{"plain", "Declare a major incident", "Declare a major incident", 0},
		{"multi-line kept", "Line one\nLine two", "Line one\nLine two", 0},
		{"crlf and cr", "a\r\nb\rc", "a\nb\nc", 0},
		{"csi colour", "\x1b[31mred\x1b[0m text", "red text", 0},
		{"csi cursor move and clear", "ok\x1b[2J\x1b[H\x1b[10;20Hgone", "okgone", 0},
		{"osc title with bel", "a\x1b]0;pwned\x07b", "ab", 0},
		{"osc hyperlink with st", "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "link", 0},
		{"dcs", "x\x1bPq#0;2;0;0;0\x1b\\y", "xy", 0},
		{"c1 csi", "a\u009b31mb", "ab", 0},
		{"c1 osc", "a\u009d0;t\u009cb", "ab", 0},
		{"two-char escape", "a\x1bcb\x1b(Bc", "abc", 0},
		{"c0 controls", "a\x00b\x07c\x08d\x7fe", "abcde", 0},
		{"bidi override", "abc\u202edcba\u202c", "abcdcba", 0},
		{"bidi isolate", "\u2067x\u2069", "x", 0},
		{"invalid utf8", "ok\xff\xfedone", "okdone", 0},
		{"tab to spaces", "a\tb", "a    b", 0},
		{"trailing space and blank lines", "\n\n  hi  \nthere  \n\n", "  hi\nthere", 0},
		{"emoji and combining kept", "Zoë 👩‍🚒 e\u0301", "Zoë 👩‍🚒 e\u0301", 0},
		{"limit in characters", "ŁódźŁódź", "Łódź", 4},
		{"lone esc at end", "abc\x1b", "abc", 0},
		{"unterminated osc swallows rest", "a\x1b]0;never ends", "a", 0},
		{"malformed csi keeps newline", "a\x1b[12\nb", "a\nb", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Clean(tt.in, tt.max)
			if got != tt.want {
				t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCleanOutputIsSafe(t *testing.T) {
	in := strings.Repeat("\x1b[1;31m\u202e\x00\u0085evil\r\n", 200)
	got := Clean(in, MaxText)
	if !utf8.ValidString(got) {
		t.Fatal("output is not valid UTF-8")
	}
	for _, r := range got {
		if r == '\n' {
			continue
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || isBidiControl(r) {
			t.Fatalf("control character %U survived in %q", r, got)
		}
	}
}

func TestLine(t *testing.T) {
	if got := Line("  Ana\n  Lopez\t ", MaxName); got != "Ana Lopez" {
		t.Errorf("Line = %q", got)
	}
}

// TestCleanKeepsDirectionMarks: Hebrew and Arabic writers type LRM, RLM
// and ALM to place punctuation; they are kept as typed (and shown as
// they are when read back), while overrides and isolates are still
// removed. Before, the marks were dropped from the record.
func TestCleanKeepsDirectionMarks(t *testing.T) {
	for _, s := range []string{"שלום\u200f, עולם", "مرحبا\u061c!", "ID\u200e-42"} {
		if got := Clean(s, MaxText); got != s {
			t.Errorf("Clean(%q) = %q", s, got)
		}
		if got := Escape(s); got != s {
			t.Errorf("Escape(%q) = %q", s, got)
		}
	}
	if got := Clean("a\u202eb\u2067c", MaxText); got != "abc" {
		t.Errorf("an override and an isolate survived: %q", got)
	}
}

// TestFitNeverCuts: Fit and FitLine keep a text that fits whole and
// refuse one that does not, saying its length, never cutting it.
func TestFitNeverCuts(t *testing.T) {
	long := strings.Repeat("é", MaxText) + "\tx"
	if got, err := Fit(long, MaxText); err == nil {
		t.Errorf("Fit kept %d characters of a %d-character text", len([]rune(got)), MaxText+5)
	} else if e, ok := err.(*TooLongError); !ok || e.Len != MaxText+5 || e.Max != MaxText {
		t.Errorf("Fit's error is %#v, want the length %d and the limit %d", err, MaxText+5, MaxText)
	} else if !strings.Contains(err.Error(), "4005 characters") || !strings.Contains(err.Error(), "at most 4000: shorten it by 5") {
		t.Errorf("Fit's error does not say the length and the limit: %v", err)
	}
	if got, err := Fit("  Cordon\x1b[2J the platform.\r\n", MaxText); err != nil || got != "  Cordon the platform." {
		t.Errorf("Fit of a short text = %q, %v; want it cleaned and whole", got, err)
	}
	name := strings.Repeat("Ana ", 20) + "Ruiz"
	if _, err := FitLine(name, MaxName); err == nil {
		t.Errorf("FitLine kept a %d-character name", len(name))
	}
	if got, err := FitLine(" Ana \n Ruiz ", MaxName); err != nil || got != "Ana Ruiz" {
		t.Errorf("FitLine = %q, %v; want %q", got, err, "Ana Ruiz")
	}
}
