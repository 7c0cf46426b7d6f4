package wire

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// Fields reads a flat JSON object of strings, whole numbers and booleans
// by hand, calling set for each member. Most payloads are such objects,
// and folding a long session decodes millions of them. It reports false,
// having possibly called set for some members, on anything it does not
// handle (nesting, null, duplicate tricks are left to encoding/json, which
// the caller then uses from a zeroed value).
//
// key is only valid during the call: it is the member's name in data, not a
// copy (a name with escapes is left to encoding/json).
func Fields(data []byte, names *Names, set func(key []byte, str string, num float64, isStr, isBool, b bool) bool) bool {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return false
	}
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return skipSpace(data, i+1) == len(data)
	}
	for {
		key, next, ok := readKey(data, i)
		if !ok {
			return false
		}
		i = skipSpace(data, next)
		if i >= len(data) || data[i] != ':' {
			return false
		}
		i = skipSpace(data, i+1)
		if i >= len(data) {
			return false
		}
		switch c := data[i]; {
		case c == '"':
			s, next, ok := readString(data, i, names)
			if !ok || !set(key, s, 0, true, false, false) {
				return false
			}
			i = next
		case c == 't' && hasAt(data, i, "true"):
			if !set(key, "", 0, false, true, true) {
				return false
			}
			i += 4
		case c == 'f' && hasAt(data, i, "false"):
			if !set(key, "", 0, false, true, false) {
				return false
			}
			i += 5
		case c == '-' || c >= '0' && c <= '9':
			// Whole numbers only, written as JSON writes them; anything
			// else (fractions, exponents) is left to encoding/json.
			j := i
			if data[j] == '-' {
				j++
			}
			digits := j
			for j < len(data) && data[j] >= '0' && data[j] <= '9' {
				j++
			}
			if j == digits || (data[digits] == '0' && j-digits > 1) || j-digits > 15 {
				return false
			}
			n, err := strconv.ParseInt(string(data[i:j]), 10, 64)
			if err != nil || !set(key, "", float64(n), false, false, false) {
				return false
			}
			i = j
		default:
			return false
		}
		i = skipSpace(data, i)
		if i >= len(data) {
			return false
		}
		if data[i] == '}' {
			return skipSpace(data, i+1) == len(data)
		}
		if data[i] != ',' {
			return false
		}
		i = skipSpace(data, i+1)
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

func hasAt(b []byte, i int, word string) bool {
	return len(b)-i >= len(word) && string(b[i:i+len(word)]) == word
}

// readString reads the JSON string starting at b[i] ('"'), returning its
// value and the index after it; names shares it when short and plain.
func readString(b []byte, i int, names *Names) (string, int, bool) {
	if i >= len(b) || b[i] != '"' {
		return "", 0, false
	}
	i++
	start := i
	for i < len(b) {
		c := b[i]
		if c == '"' {
			if !utf8.Valid(b[start:i]) {
				return "", 0, false // encoding/json replaces invalid bytes; let it
			}
			return names.Str(b[start:i]), i + 1, true
		}
		if c == '\\' {
			return readEscaped(b, start)
		}
		if c < 0x20 {
			return "", 0, false
		}
		i++
	}
	return "", 0, false
}

// readKey reads a member's name at b[i] without copying it. A name with
// an escape or a control character is not read.
func readKey(b []byte, i int) ([]byte, int, bool) {
	if i >= len(b) || b[i] != '"' {
		return nil, 0, false
	}
	i++
	for start := i; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"':
			return b[start:i], i + 1, true
		case c == '\\' || c < 0x20:
			return nil, 0, false
		}
	}
	return nil, 0, false
}

// readEscaped reads a string with escapes, from just after its quote.
func readEscaped(b []byte, i int) (string, int, bool) {
	out := make([]byte, 0, 64)
	for i < len(b) {
		c := b[i]
		switch {
		case c == '"':
			if !utf8.Valid(out) {
				return "", 0, false
			}
			return string(out), i + 1, true
		case c < 0x20:
			return "", 0, false
		case c != '\\':
			// A run of plain bytes, copied at once.
			j := i + 1
			for j < len(b) && b[j] != '"' && b[j] != '\\' && b[j] >= 0x20 {
				j++
			}
			out = append(out, b[i:j]...)
			i = j
			continue
		}
		if i+1 >= len(b) {
			return "", 0, false
		}
		switch e := b[i+1]; e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, ok := hex4(b, i+2)
			if !ok {
				return "", 0, false
			}
			i += 6
			if utf16.IsSurrogate(r) {
				r2, ok := rune(0), false
				if i+1 < len(b) && b[i] == '\\' && b[i+1] == 'u' {
					r2, ok = hex4(b, i+2)
				}
				if dec := utf16.DecodeRune(r, r2); ok && dec != utf8.RuneError {
					r = dec
					i += 6
				} else {
					r = utf8.RuneError
				}
			}
			out = utf8.AppendRune(out, r)
			continue
		default:
			return "", 0, false
		}
		i += 2
	}
	return "", 0, false
}

func hex4(b []byte, i int) (rune, bool) {
	if i+4 > len(b) {
		return 0, false
	}
	var r rune
	for _, c := range b[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
