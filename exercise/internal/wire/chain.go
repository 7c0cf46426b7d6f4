package wire

import (
	"bytes"
	"time"
)

// ParseChain reads what checking the chain needs of a line in ttx's own
// layout: v, seq, at, t and type, and prev left in the line (returned
// without a copy). It accepts exactly the lines Parse accepts, and gives
// the same fields (By is left empty, Data nil): what a verify of a
// million lines does for each of them, so it reads the stamp by position
// without time.Date, takes plain ASCII names in one pass, and looks up
// only the type in names. FuzzChain holds it to Parse.
func ParseChain(line []byte, names *Names) (e Line, prev []byte, ok bool) {
	rest, ok := bytes.CutPrefix(line, []byte(`{"v":`))
	if !ok {
		return e, nil, false
	}
	var n int64
	if n, rest, ok = cutInt(rest, `,"seq":`); !ok {
		return e, nil, false
	}
	e.V = int(n)
	if e.Seq, rest, ok = cutInt(rest, `,"at":"`); !ok || len(rest) < len(TimeFormat) {
		return e, nil, false
	}
	if e.At, ok = stampFast(rest[:len(TimeFormat)]); !ok {
		return e, nil, false
	}
	if rest, ok = bytes.CutPrefix(rest[len(TimeFormat):], []byte(`","t":`)); !ok {
		return e, nil, false
	}
	if n, rest, ok = cutInt(rest, `,"type":"`); !ok {
		return e, nil, false
	}
	e.T = time.Duration(n) * time.Millisecond
	var raw []byte
	if raw, rest, ok = cutPlainASCII(rest, `,"by":"`); !ok || len(raw) == 0 {
		return e, nil, false
	}
	e.Type = names.Str(raw)
	if _, rest, ok = cutPlainASCII(rest, `,"data":`); !ok {
		return e, nil, false
	}
	if prev, ok = PrevIn(rest); !ok {
		return e, nil, false
	}
	data := rest[:len(rest)-len(`,"prev":""}`)]
	if len(prev) > 0 {
		data = rest[:len(rest)-hashSuffix]
	}
	if len(data) < 2 || data[0] != '{' || data[len(data)-1] != '}' {
		return e, nil, false
	}
	return e, prev, e.V >= 1
}

// cutPlainASCII is cutPlain in one pass over ASCII bodies; a body with
// any other byte in it goes to cutPlain.
func cutPlainASCII(b []byte, sep string) ([]byte, []byte, bool) {
	for i, c := range b {
		switch {
		case c == '"':
			if !bytes.HasPrefix(b[i+1:], []byte(sep)) {
				return nil, nil, false
			}
			return b[:i], b[i+1+len(sep):], true
		case c < 0x20 || c == '\\':
			return nil, nil, false
		case c >= 0x80:
			return cutPlain(b, sep)
		}
	}
	return nil, nil, false
}

// stampFast is parseStamp without time.Date: the same stamps accepted,
// the same instant returned.
func stampFast(b []byte) (time.Time, bool) {
	if len(b) != 24 || b[4] != '-' || b[7] != '-' || b[10] != 'T' || b[13] != ':' || b[16] != ':' || b[19] != '.' || b[23] != 'Z' {
		return time.Time{}, false
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
		return time.Time{}, false
	}
	days := daysFromCivil(y, mo, d)
	return time.Unix(days*86400+int64(h*3600+mi*60+sec), int64(ms)*int64(time.Millisecond)).UTC(), true
}

// daysIn is the number of days in month mo of year y (proleptic
// Gregorian, as package time counts).
func daysIn(y, mo int) int {
	switch mo {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil is the number of days from 1970-01-01 to y-mo-d
// (Howard Hinnant's algorithm).
func daysFromCivil(y, mo, d int) int64 {
	if mo <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	m := mo + 9
	if mo > 2 {
		m = mo - 3
	}
	doy := (153*m+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}
