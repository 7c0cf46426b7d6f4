package text

import (
	"io"
	"reflect"
	"strings"
	"unicode/utf8"
)

// Escape returns s with every character that could drive a terminal,
// reorder what is shown or hide itself made visible as text: C0 control
// characters other than newline, tab and the CR of a CRLF line end, DEL,
// the C1 controls U+0080 to U+009F, and the bidirectional controls that
// Clean removes (U+202A-U+202E, U+2066-U+2069) become
// \uXXXX, as JSON writes them (ESC is \u001b, RLO \u202e); a byte that is
// not UTF-8 becomes \xNN. Nothing is dropped, so a reader sees that
// something was there and what.
//
// Escape is for text read from a file, on its way to a screen or report:
// what Clean returns is left as it is, and s is returned without a copy
// when nothing in it needs escaping.
func Escape(s string) string {
	i := firstUnsafe(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	escapeTail(&b, s[i:])
	return b.String()
}

// IsSafe reports whether Escape would return s unchanged.
func IsSafe(s string) bool { return firstUnsafe(s) < 0 }

// flagged marks the bytes that may start something Escape changes: C0,
// DEL, and the lead bytes of the C1 controls (0xC2) and of the bidi
// controls (0xE2). Everything else is passed over at one
// table look-up a byte.
var flagged = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = c != '\n' && c != '\t'
	}
	t[0x7f], t[0xc2], t[0xe2] = true, true, true
	return t
}()

// firstUnsafe returns the index of the first byte of s that Escape
// changes, or -1.
func firstUnsafe[T string | []byte](s T) int {
	valid := false
	switch v := any(s).(type) {
	case string:
		valid = utf8.ValidString(v)
	case []byte:
		valid = utf8.Valid(v)
	}
	if !valid {
		return firstUnsafeSlow(string(s))
	}
	for i := 0; i < len(s); i++ {
		// Eight bytes at a time while they are printable ASCII: no byte
		// below 0x20, none with the high bit, no DEL. A borrow between
		// bytes only follows a byte that stops the run anyway.
		for i+8 <= len(s) {
			x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
				uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
			del := x ^ 0x7f7f7f7f7f7f7f7f
			if ((x-0x2020202020202020)|x|(del-0x0101010101010101))&0x8080808080808080 != 0 {
				break
			}
			i += 8
		}
		if i >= len(s) {
			break
		}
		if !flagged[s[i]] {
			continue
		}
		switch c := s[i]; {
		case c == '\r':
			if i+1 == len(s) || s[i+1] != '\n' {
				return i
			}
		case c < 0x80:
			return i
		case c == 0xc2: // C1: C2 80 to C2 9F
			if s[i+1] <= 0x9f {
				return i
			}
		default: // E2 80 AA-AE; E2 81 A6-A9
			b1, b2 := s[i+1], s[i+2]
			if b1 == 0x80 && b2 >= 0xaa && b2 <= 0xae || b1 == 0x81 && b2 >= 0xa6 && b2 <= 0xa9 {
				return i
			}
		}
	}
	return -1
}

// firstUnsafeSlow is firstUnsafe for text that is not all valid UTF-8.
func firstUnsafeSlow(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				if !(c == '\n' || c == '\t' || c == '\r' && i+1 < len(s) && s[i+1] == '\n') {
					return i
				}
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 || unsafeRune(r) {
			return i
		}
		i += size
	}
	return -1
}

// unsafeRune reports whether a non-ASCII rune is escaped.
func unsafeRune(r rune) bool {
	return r >= 0x80 && r <= 0x9f || isBidiControl(r)
}

const hexDigits = "0123456789abcdef"

// escapeTail writes s escaped to b.
func escapeTail(b *strings.Builder, s string) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 || c == 0x7f) && !(c == '\n' || c == '\t' || c == '\r' && i+1 < len(s) && s[i+1] == '\n') {
				writeU(b, rune(c))
			} else {
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteString(`\x`)
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&0xf])
		case unsafeRune(r):
			writeU(b, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
}

func writeU(b *strings.Builder, r rune) {
	b.WriteString(`\u`)
	for shift := 12; shift >= 0; shift -= 4 {
		b.WriteByte(hexDigits[(r>>shift)&0xf])
	}
}

// EscapeAll escapes, in place, every string that v points to through
// exported struct fields, slices, arrays and pointers: all the text of a
// scenario read from a session file, say, including fields added after
// this was written. Map keys and unexported fields are left alone.
func EscapeAll(v any) {
	escapeValue(reflect.ValueOf(v))
}

func escapeValue(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			escapeValue(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Field(i); f.CanSet() {
				escapeValue(f)
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			return // bytes, not text
		}
		for i := range v.Len() {
			escapeValue(v.Index(i))
		}
	case reflect.String:
		if s := v.String(); !IsSafe(s) && v.CanSet() {
			v.SetString(Escape(s))
		}
	}
}

// Writer escapes, as Escape does, everything written through it: the
// output of a command that prints what it read from a file. A character
// split across two writes is escaped as a whole, and a CR that ends one
// write waits for the next to show whether an LF follows it; Flush
// writes out what is still held once the output is complete.
type Writer struct {
	w    io.Writer
	held []byte // the start of a character, or a CR, that the next write completes
	buf  strings.Builder
}

// NewWriter returns a Writer that escapes what it writes to w.
func NewWriter(w io.Writer) *Writer {
	if ew, ok := w.(*Writer); ok {
		return ew
	}
	return &Writer{w: w}
}

// Unwrap returns the writer beneath w if w is a Writer, else w itself: for
// output ttx writes itself that must reach the terminal as it is, such as
// a progress line redrawn with CR.
func Unwrap(w io.Writer) io.Writer {
	if ew, ok := w.(*Writer); ok {
		ew.Flush()
		return ew.w
	}
	return w
}

// Write escapes p and writes it to the underlying writer. It reports
// len(p) when the escaped bytes were all written.
func (w *Writer) Write(p []byte) (int, error) {
	b := p
	if len(w.held) > 0 {
		b = append(w.held, p...)
		w.held = nil
	}
	cut := holdFrom(b)
	if cut < len(b) {
		w.held = append([]byte(nil), b[cut:]...)
		b = b[:cut]
	}
	if firstUnsafe(b) < 0 {
		if _, err := w.w.Write(b); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	w.buf.Reset()
	escapeTail(&w.buf, string(b))
	if _, err := io.WriteString(w.w, w.buf.String()); err != nil {
		return 0, err
	}
	return len(p), nil
}

// holdFrom returns where the part of b to hold back for the next write
// starts: a CR at the very end, or a character cut short.
func holdFrom(b []byte) int {
	n := len(b)
	if n > 0 && b[n-1] == '\r' {
		return n - 1
	}
	for back := 1; back <= utf8.UTFMax-1 && back <= n; back++ {
		c := b[n-back]
		if c < utf8.RuneSelf {
			break
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune(b[n-back:]) {
				return n - back
			}
			break
		}
	}
	return n
}

// Flush writes out, escaped, what the last write held back.
func (w *Writer) Flush() error {
	if len(w.held) == 0 {
		return nil
	}
	s := Escape(string(w.held))
	w.held = w.held[:0]
	_, err := io.WriteString(w.w, s)
	return err
}
