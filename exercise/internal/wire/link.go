package wire

import (
	"encoding/binary"
	"math/bits"
	"strconv"
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
// type made values), in as few passes over the line as can be: the fixed
// parts compared a word at a time, the names, the integers and the time
// of day read eight bytes at a time. A verify of a million lines does
// this for each of them beside hashing it.
func ParseLink(line []byte) (l Link, ok bool) {
	var c Links
	ok = c.Parse(line, &l)
	return l, ok
}

// Links reads the lines of a file one after another as ParseLink does,
// taking what repeats the line before (the next seq, the date, type and
// by) by one comparison each. A Links is for one goroutine.
type Links struct {
	date [11]byte // the last date read, with its "T"
	day  int64    // its Unix milliseconds
	have bool
	// typ is the last type read with `","by":"` after it, by the last by
	// with `","data":`: a line of the same type, or by the same hand, is
	// read by comparing (a few types make most lines, and one console
	// writes many in a row).
	typ, by []byte
	// tail is the two together, from `,"type":"` to `","data":`, and
	// tailType the length of the type in it.
	tail     []byte
	tailType int
	// next is the seq after the last one read, in decimal, with `,"at":"`
	// after it (empty until one is read): the seq a line nearly always
	// carries.
	next    []byte
	nextSeq int64
}

// expect makes seq+1 the seq next expected: the digits of next counted
// on by one where seq was expected, written afresh otherwise.
func (c *Links) expect(seq int64) {
	if seq < 0 || seq >= 1e17 {
		c.next = c.next[:0]
		return
	}
	if seq == c.nextSeq && len(c.next) > 0 {
		c.nextSeq++
		for i := len(c.next) - len(`,"at":"`) - 1; i >= 0; i-- {
			if c.next[i] != '9' {
				c.next[i]++
				return
			}
			c.next[i] = '0'
		}
	}
	c.nextSeq = seq + 1
	c.next = append(strconv.AppendInt(c.next[:0], c.nextSeq, 10), `,"at":"`...)
}

// same reports whether b starts with last (not empty).
func same(b, last []byte) bool {
	return len(last) > 0 && len(b) >= len(last) && string(b[:len(last)]) == string(last)
}

// Parse is ParseLink, into l (which it overwrites, and leaves undefined
// when it reports false).
func (c *Links) Parse(line []byte, l *Link) bool {
	*l = Link{}
	var ok bool
	if len(line) < len(`{"v":`) || string(line[:len(`{"v":`)]) != `{"v":` {
		return false
	}
	rest := line[len(`{"v":`):]
	var n int64
	// The version is nearly always one digit: read it in place.
	if len(rest) >= len(`1,"seq":`) && rest[0] >= '1' && rest[0] <= '9' && string(rest[1:len(`1,"seq":`)]) == `,"seq":` {
		n, rest = int64(rest[0]-'0'), rest[len(`1,"seq":`):]
	} else if n, rest, ok = cutInt(rest, `,"seq":`); !ok {
		return false
	}
	l.V = int(n)
	if same(rest, c.next) {
		l.Seq, rest = c.nextSeq, rest[len(c.next):]
	} else {
		if l.Seq, rest, ok = digits(rest); !ok || len(rest) < len(`,"at":"`) || string(rest[:len(`,"at":"`)]) != `,"at":"` {
			return false
		}
		rest = rest[len(`,"at":"`):]
	}
	if len(rest) < len(TimeFormat)+len(`","t":`) {
		return false
	}
	c.expect(l.Seq)
	st := rest[:len(TimeFormat)]
	if !c.have || string(st[:len(c.date)]) != string(c.date[:]) {
		if c.day, c.have = stampDate(st); !c.have {
			return false
		}
		copy(c.date[:], st)
	}
	if l.At, ok = stampTime(st); !ok {
		return false
	}
	l.At += c.day
	if rest = rest[len(TimeFormat):]; string(rest[:len(`","t":`)]) != `","t":` {
		return false
	}
	if l.T, rest, ok = digits(rest[len(`","t":`):]); !ok {
		return false
	}
	if same(rest, c.tail) {
		l.Type, rest = rest[len(`,"type":"`):len(`,"type":"`)+c.tailType], rest[len(c.tail):]
	} else if rest, ok = c.names(rest, l); !ok {
		return false
	}
	// The line ends with prev: `,"prev":""}` or 64 bytes in quotes.
	var data []byte
	switch k := len(rest); {
	case k >= len(`,"prev":""}`) && string(rest[k-len(`,"prev":""}`):]) == `,"prev":""}`:
		data = rest[:k-len(`,"prev":""}`)]
	case k >= hashSuffix && string(rest[k-hashSuffix:k-hashSuffix+len(`,"prev":"`)]) == `,"prev":"` && string(rest[k-2:]) == `"}`:
		data, l.Prev = rest[:k-hashSuffix], rest[k-66:k-2]
	default:
		return false
	}
	if len(data) < 2 || data[0] != '{' || data[len(data)-1] != '}' {
		return false
	}
	return l.V >= 1
}

// names reads type and by from rest (at `,"type":"`) into l, comparing
// each with the last one read, and keeps the two as tail; it returns
// what follows `"data":`.
func (c *Links) names(rest []byte, l *Link) ([]byte, bool) {
	var ok bool
	if len(rest) < len(`,"type":"`) || string(rest[:len(`,"type":"`)]) != `,"type":"` {
		return nil, false
	}
	from := rest
	rest = rest[len(`,"type":"`):]
	if same(rest, c.typ) {
		l.Type, rest = rest[:len(c.typ)-len(`","by":"`)], rest[len(c.typ):]
	} else {
		if l.Type, rest, ok = plain(rest, `,"by":"`, sepBy); !ok || len(l.Type) == 0 {
			return nil, false
		}
		if len(l.Type) <= maxShared {
			c.typ = append(append(c.typ[:0], l.Type...), `","by":"`...)
		}
	}
	if same(rest, c.by) {
		rest = rest[len(c.by):]
	} else {
		var by []byte
		if by, rest, ok = plain(rest, `,"data":`, sepData); !ok {
			return nil, false
		}
		if len(by) <= maxShared {
			c.by = append(append(c.by[:0], by...), `","data":`...)
		}
	}
	if n := len(from) - len(rest); n <= 2*maxShared+32 {
		c.tail, c.tailType = append(c.tail[:0], from[:n]...), len(l.Type)
	}
	return rest, true
}

// digits is cutInt for the integers that end in a comma (seq and t), with
// the separator's check left to the caller: it returns the rest from the
// comma on. Up to eight digits are read at once.
func digits(b []byte) (int64, []byte, bool) {
	i := 0
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		i++
	}
	start := i
	var n int64
	for len(b)-i >= 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		k := digitRun(x)
		if k == 0 {
			break
		}
		n = n*pow10[k] + int64(digits8(x<<(64-8*k)))
		if i += k; k < 8 || i-start > 18 {
			break
		}
	}
	for ; i < len(b) && i-start <= 18; i++ {
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

var pow10 = [9]int64{1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000}

// digitRun is how many of the eight bytes of x (little-endian) are
// decimal digits before the first that is not.
func digitRun(x uint64) int {
	const high, sixes, mask = 0x3030303030303030, 0x0606060606060606, 0xF0F0F0F0F0F0F0F0
	// A byte is a digit when its high nibble is 3 and adding 6 leaves it
	// so; a carry out of a byte that is no digit only reaches those after.
	nd := (x&mask ^ high) | ((x+sixes)&mask ^ high)
	m := ((nd & 0x7F7F7F7F7F7F7F7F) + 0x7F7F7F7F7F7F7F7F | nd) & 0x8080808080808080
	return bits.TrailingZeros64(m) / 8 // 8 when none is flagged
}

// digits8 is the value of eight decimal digits, x's bytes in reading order
// (leading zero bytes read as 0).
func digits8(x uint64) uint64 {
	x &= 0x0F0F0F0F0F0F0F0F
	x = (x * (10<<8 + 1)) >> 8 & 0x00FF00FF00FF00FF
	x = (x * (100<<16 + 1)) >> 16 & 0x0000FFFF0000FFFF
	return (x * (10000<<32 + 1)) >> 32
}

// The separators after type and by, as they read from their quote on,
// little-endian: compared in one.
var (
	sepBy   = sepWord(`","by":"`)
	sepData = sepWord(`","data":`)
)

// sepWord is the first eight bytes of s, and which of them count.
func sepWord(s string) [2]uint64 {
	var b [8]byte
	n := copy(b[:], s)
	return [2]uint64{binary.LittleEndian.Uint64(b[:]), ^uint64(0) >> (64 - 8*n)}
}

// plain is cutPlainASCII eight bytes at a time: the body of a JSON string
// ended by `"` + sep, with no escape or control character in it; a body
// with a byte past ASCII in it goes to cutPlain. word is `"` + sep, as
// sepWord gives it (sep of seven or eight bytes).
func plain(b []byte, sep string, word [2]uint64) ([]byte, []byte, bool) {
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
			if len(b)-i >= 9 && binary.LittleEndian.Uint64(b[i:])&word[1] == word[0] && (len(sep) == 7 || b[i+8] == sep[7]) {
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
// does, into Unix milliseconds: its date, and its time of day.
func stampUnix(b []byte) (int64, bool) {
	day, ok1 := stampDate(b)
	ms, ok2 := stampTime(b)
	return day + ms, ok1 && ok2
}

// stampDate reads the date of a stamp, up to its "T", into the Unix
// milliseconds of its midnight.
func stampDate(b []byte) (int64, bool) {
	if len(b) != 24 || b[4] != '-' || b[7] != '-' || b[10] != 'T' {
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
	if bad || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) {
		return 0, false
	}
	return daysFromCivil(y, mo, d) * 86400000, true
}

// stampTime reads the time of day of a stamp, after its "T", into
// milliseconds: "15:04:05" and ":05.000Z" read a word each.
func stampTime(b []byte) (int64, bool) {
	if len(b) != 24 {
		return 0, false
	}
	const (
		zeros   = 0x3030303030303030
		seps1   = 0x0000FF0000FF0000 // "15:04:05": the colons
		colons1 = 0x00003A00003A0000
		seps2   = 0xFF000000FFFFFFFF // ":05.000Z": all but the milliseconds
	)
	w1 := binary.LittleEndian.Uint64(b[11:])
	w2 := binary.LittleEndian.Uint64(b[16:])
	if w1&seps1 != colons1 || w2&0xFF000000FF0000FF != 0x5A0000002E00003A {
		return 0, false
	}
	// Every other byte must be a digit: the marks made zeros first.
	d1 := w1&^seps1 | zeros&seps1
	d2 := w2&^seps2 | zeros&seps2
	if !allDigits(d1) || !allDigits(d2) {
		return 0, false
	}
	v1, v2 := d1-zeros, d2-zeros
	h := int64(v1&0xFF)*10 + int64(v1>>8&0xFF)
	mi := int64(v1>>24&0xFF)*10 + int64(v1>>32&0xFF)
	sec := int64(v1>>48&0xFF)*10 + int64(v1>>56)
	ms := int64(v2>>32&0xFF)*100 + int64(v2>>40&0xFF)*10 + int64(v2>>48&0xFF)
	if h > 23 || mi > 59 || sec > 59 {
		return 0, false
	}
	return (h*3600+mi*60+sec)*1000 + ms, true
}

// allDigits reports whether all eight bytes of x are decimal digits.
func allDigits(x uint64) bool {
	const mask, high, sixes = 0xF0F0F0F0F0F0F0F0, 0x3030303030303030, 0x0606060606060606
	return x&mask == high && (x+sixes)&mask == high
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

// hexPairs is each byte's two hex digits, as a little-endian pair.
var hexPairs = func() (t [256]uint16) {
	for i := range t {
		t[i] = uint16(hexDigits[i>>4]) | uint16(hexDigits[i&15])<<8
	}
	return t
}()

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
