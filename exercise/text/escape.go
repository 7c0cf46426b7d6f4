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
// Clean removes (U+202A-U+202E, U+2066-U+2069, LRM, RLM, ALM) become
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

// firstUnsafe returns the index of the first byte of s that Escape
// changes, or -1.
func firstUnsafe(s string) int {
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
	s := string(p)
	if len(w.held) > 0 {
		s = string(w.held) + s
		w.held = w.held[:0]
	}
	// Hold back an incomplete character or a CR at the end.
	cut := len(s)
	if cut > 0 && s[cut-1] == '\r' {
		cut--
	} else {
		for back := 1; back <= utf8.UTFMax-1 && back <= cut; back++ {
			c := s[cut-back]
			if c < utf8.RuneSelf {
				break
			}
			if utf8.RuneStart(c) {
				if !utf8.FullRuneInString(s[cut-back:]) {
					cut -= back
				}
				break
			}
		}
	}
	w.held = append(w.held, s[cut:]...)
	s = s[:cut]
	if IsSafe(s) {
		if _, err := io.WriteString(w.w, s); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	w.buf.Reset()
	escapeTail(&w.buf, s)
	if _, err := io.WriteString(w.w, w.buf.String()); err != nil {
		return 0, err
	}
	return len(p), nil
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
