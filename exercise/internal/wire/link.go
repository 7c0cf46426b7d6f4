package wire

import (
	"encoding/binary"
	"math/bits"
)

// Link is what checking the chain reads of a line in ttx's own layout:
// the fields ParseChain gives, with the stamp as Unix milliseconds, and
// the type and prev left in the line (not copied).
type Link struct {
	V    int
	Seq  int64
	At   int64 // Unix milliseconds of "at"
	T    int64 // "t", milliseconds
	Type []byte
	Prev []byte // empty on the first line, else the 64 bytes of prev
}

// PrevPlain reports whether Prev has no quote or backslash in it, as a
// line in ttx's layout requires: ParseLink leaves that to its caller,
// which need not look when it finds Prev to be the hash it expects.
func (l *Link) PrevPlain() bool { return plainHash(l.Prev) }

// ParseLink reads a line as ParseChain does (it accepts exactly the same
// lines where PrevPlain holds: ParseChain is ParseLink with the time and
// type made values), in
// as few passes over the line as can be: the fixed parts compared a word
// at a time, the names scanned eight bytes at a time. A verify of a
// million lines does this for each of them beside hashing it.
func ParseLink(line []byte) (l Link, ok bool) {
	if len(line) < len(`{"v":`) || string(line[:len(`{"v":`)]) != `{"v":` {
		return l, false
	}
	rest := line[len(`{"v":`):]
	var n int64
	// The version is nearly always one digit: read it in place.
	if len(rest) >= len(`1,"seq":`) && rest[0] >= '1' && rest[0] <= '9' && string(rest[1:len(`1,"seq":`)]) == `,"seq":` {
		n, rest = int64(rest[0]-'0'), rest[len(`1,"seq":`):]
	} else if n, rest, ok = cutInt(rest, `,"seq":`); !ok {
		return l, false
	}
	l.V = int(n)
	if l.Seq, rest, ok = digits(rest); !ok || len(rest) < len(`,"at":"`)+len(TimeFormat)+len(`","t":`) ||
		string(rest[:len(`,"at":"`)]) != `,"at":"` {
		return l, false
	}
	rest = rest[len(`,"at":"`):]
	if l.At, ok = stampUnix(rest[:len(TimeFormat)]); !ok {
		return l, false
	}
	if rest = rest[len(TimeFormat):]; string(rest[:len(`","t":`)]) != `","t":` {
		return l, false
	}
	if l.T, rest, ok = digits(rest[len(`","t":`):]); !ok || len(rest) < len(`,"type":"`) || string(rest[:len(`,"type":"`)]) != `,"type":"` {
		return l, false
	}
	if l.Type, rest, ok = plain(rest[len(`,"type":"`):], `,"by":"`); !ok || len(l.Type) == 0 {
		return l, false
	}
	if _, rest, ok = plain(rest, `,"data":`); !ok {
		return l, false
	}
	// The line ends with prev: `,"prev":""}` or 64 bytes in quotes.
	var data []byte
	switch k := len(rest); {
	case k >= len(`,"prev":""}`) && string(rest[k-len(`,"prev":""}`):]) == `,"prev":""}`:
		data = rest[:k-len(`,"prev":""}`)]
	case k >= hashSuffix && string(rest[k-hashSuffix:k-hashSuffix+len(`,"prev":"`)]) == `,"prev":"` && string(rest[k-2:]) == `"}`:
		data, l.Prev = rest[:k-hashSuffix], rest[k-66:k-2]
	default:
		return l, false
	}
	if len(data) < 2 || data[0] != '{' || data[len(data)-1] != '}' {
		return l, false
	}
	return l, l.V >= 1
}

// digits is cutInt for the integers that end in a comma (seq and t), with
// the separator's check left to the caller: it returns the rest from the
// comma on.
func digits(b []byte) (int64, []byte, bool) {
	i := 0
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		i++
	}
	start := i
	var n int64
	for ; i < len(b); i++ {
		c := b[i] - '0'
		if c > 9 {
			break
		}
		n = n*10 + int64(c)
	}
	if k := i - start; k == 0 || k > 18 || (k > 1 && b[start] == '0') {
		return 0, nil, false
	}
	if neg {
		n = -n
	}
	return n, b[i:], true
}

// plain is cutPlainASCII eight bytes at a time: the body of a JSON string
// ended by `"` + sep, with no escape or control character in it; a body
// with a byte past ASCII in it goes to cutPlain.
func plain(b []byte, sep string) ([]byte, []byte, bool) {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		q, bs := x^(ones*'"'), x^(ones*'\\')
		// Each term's lowest set bit is exact (a borrow only carries past
		// a byte the term flags itself), so the lowest of them all is the
		// first byte that ends or spoils the body.
		m := ((q-ones)&^q | (bs-ones)&^bs | (x-ones*0x20)&^x | x) & highs
		if m != 0 {
			i += bits.TrailingZeros64(m) / 8
			if b[i] == '"' && len(b)-i-1 >= len(sep) && string(b[i+1:i+1+len(sep)]) == sep {
				return b[:i], b[i+1+len(sep):], true
			}
			return plainEnd(b, i, sep)
		}
	}
	for ; i < len(b); i++ {
		if c := b[i]; c == '"' || c == '\\' || c < 0x20 || c >= 0x80 {
			return plainEnd(b, i, sep)
		}
	}
	return nil, nil, false
}

// plainEnd decides at b[i], the first byte of b that is no plain ASCII
// character, as cutPlainASCII does.
func plainEnd(b []byte, i int, sep string) ([]byte, []byte, bool) {
	switch c := b[i]; {
	case c == '"':
		if len(b)-i-1 < len(sep) || string(b[i+1:i+1+len(sep)]) != sep {
			return nil, nil, false
		}
		return b[:i], b[i+1+len(sep):], true
	case c >= 0x80:
		return cutPlain(b, sep)
	}
	return nil, nil, false
}

// plainHash reports whether prev (64 bytes) has no quote or backslash in
// it, as PrevIn requires.
func plainHash(prev []byte) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	var m uint64
	for i := 0; i+8 <= len(prev); i += 8 {
		x := binary.LittleEndian.Uint64(prev[i:])
		q, bs := x^(ones*'"'), x^(ones*'\\')
		m |= ((q-ones)&^q | (bs-ones)&^bs) & highs
	}
	return m == 0
}

// stampUnix reads "2006-01-02T15:04:05.000Z" by position, as stampFast
// does, into Unix milliseconds.
func stampUnix(b []byte) (int64, bool) {
	if len(b) != 24 || b[4] != '-' || b[7] != '-' || b[10] != 'T' || b[13] != ':' || b[16] != ':' || b[19] != '.' || b[23] != 'Z' {
		return 0, false
	}
	bad := false
	digit := func(i int) int {
		c := b[i] - '0' // a byte below '0' wraps above 9
		bad = bad || c > 9
		return int(c)
	}
	y := digit(0)*1000 + digit(1)*100 + digit(2)*10 + digit(3)
	mo := digit(5)*10 + digit(6)
	d := digit(8)*10 + digit(9)
	h := digit(11)*10 + digit(12)
	mi := digit(14)*10 + digit(15)
	sec := digit(17)*10 + digit(18)
	ms := digit(20)*100 + digit(21)*10 + digit(22)
	if bad || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || sec > 59 {
		return 0, false
	}
	return (daysFromCivil(y, mo, d)*86400+int64(h*3600+mi*60+sec))*1000 + int64(ms), true
}

// HexIs reports whether hex is the lower-case hex of sum, as the chain
// writes a hash: compared eight digits at a time, with no copy.
func HexIs(hex []byte, sum *[32]byte) bool {
	if len(hex) != 64 {
		return false
	}
	var diff uint64
	for i := range 8 {
		diff |= binary.LittleEndian.Uint64(hex[8*i:]) ^ hex8(binary.LittleEndian.Uint32(sum[4*i:]))
	}
	return diff == 0
}

// HexInto writes the lower-case hex of sum into h.
func HexInto(h *[64]byte, sum *[32]byte) {
	for i := range 8 {
		binary.LittleEndian.PutUint64(h[8*i:], hex8(binary.LittleEndian.Uint32(sum[4*i:])))
	}
}

// hex8 is the eight hex digits of four bytes (v, little-endian), as a
// little-endian word: each byte's high nibble first.
func hex8(v uint32) uint64 {
	w := uint64(v)
	w = (w | w<<16) & 0x0000FFFF0000FFFF
	w = (w | w<<8) & 0x00FF00FF00FF00FF
	n := (w>>4)&0x000F000F000F000F | (w&0x000F000F000F000F)<<8
	return n + 0x3030303030303030 + ((n+0x0606060606060606)>>4&0x0101010101010101)*0x27
}
