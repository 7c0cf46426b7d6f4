package review

import (
	"fmt"
	"strings"
)

// WithFinal gives the final hash written down when the session closed.
// Where two lines claim one place in the record, the branch that ends in
// it is read as the record and the other's lines are passed over; a file
// that does not end in it is reported as not intact. Choosing a branch
// reads the file twice, so it takes Open, not Read.
func WithFinal(hash string) Option {
	return func(l *Log) { l.final = strings.ToLower(strings.TrimSpace(hash)) }
}

// FinalGiven is the final hash given with WithFinal, or "".
func (l *Log) FinalGiven() string { return l.final }

// Problem says in one line what keeps the log from being the whole record
// as ttx wrote it, and what it shows instead; "" when nothing does.
func (l *Log) Problem() string {
	if l.partial {
		return "" // not all read, so not all checked
	}
	sc := &l.Scan
	var b strings.Builder
	if c := sc.Chosen; c != nil {
		fmt.Fprintf(&b, "FORKED: lines %d and %d both claim seq %d; showing the branch from line %d, which ends in the final hash given; the branch from line %d (to line %d) is set aside",
			c.Fork.Lines[0], c.Fork.Lines[1], c.Fork.Seq, c.Kept(), c.SetAside(), c.SetAsideTo())
		if sc.Break == nil && sc.Newer == nil {
			return b.String()
		}
		b.WriteString("; then ")
	}
	switch {
	case sc.Fork != nil:
		fmt.Fprintf(&b, "NOT INTACT: %v; showing the %d events before the fork; ", sc.Break, sc.Events)
		if l.final != "" {
			b.WriteString("the final hash given ends neither branch")
		} else {
			b.WriteString("give the final hash written down with --final HASH to follow the branch ttx wrote")
		}
	case sc.Newer != nil:
		fmt.Fprintf(&b, "CANNOT CHECK: %v; showing the %d events before line %d", sc.Newer, sc.Events, sc.Newer.Line)
	case sc.Break != nil:
		fmt.Fprintf(&b, "NOT INTACT: %v; showing the %d events before it", sc.Break, sc.Events)
	case l.final != "" && sc.Chosen == nil && l.final != sc.Head:
		fmt.Fprintf(&b, "NOT INTACT: the file does not end in the final hash given: lines at its end were changed, added or removed since it was written down (its last line's hash is %s)", sc.Head)
	}
	return b.String()
}
