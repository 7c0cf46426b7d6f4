package wire

import "time"

// ParseChain reads what checking the chain needs of a line in ttx's own
// layout: v, seq, at, t and type, and prev left in the line (returned
// without a copy). It accepts exactly the lines Parse accepts, and gives
// the same fields (By is left empty, Data nil): ParseLink, with the stamp
// made a time and the type looked up in names. FuzzChain holds it to
// Parse.
func ParseChain(line []byte, names *Names) (e Line, prev []byte, ok bool) {
	l, ok := ParseLink(line)
	if !ok || !l.PrevPlain() {
		return e, nil, false
	}
	return Line{V: l.V, Seq: l.Seq, At: UnixMilli(l.At), T: time.Duration(l.T) * time.Millisecond, Type: names.Str(l.Type)}, l.Prev, true
}

// UnixMilli is the time of a Link's At, as Parse reads the stamp.
func UnixMilli(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

// stampFast is parseStamp without time.Date: the same stamps accepted,
// the same instant returned.
func stampFast(b []byte) (time.Time, bool) {
	ms, ok := stampUnix(b)
	if !ok {
		return time.Time{}, false
	}
	return UnixMilli(ms), true
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
