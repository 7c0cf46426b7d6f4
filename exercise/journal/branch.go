package journal

// Where two lines claim one place (a Fork), the file alone cannot say
// which branch ttx wrote; the final hash the facilitator wrote down when
// the session closed can. Scan with Along then reads the file again along
// that branch, passing over the other branch's lines unread.

// lineRun is the lines from, to (1-based, inclusive).
type lineRun struct{ from, to int }

// Chosen is the branch of a fork that Scan followed (Along).
type Chosen struct {
	// Fork is the fork as Scan found it.
	Fork *Fork
	// Branch is which of its branches (0 or 1) was followed; the other's
	// lines were passed over.
	Branch int
}

// Kept is the first line of the branch followed.
func (c *Chosen) Kept() int { return c.Fork.Lines[c.Branch] }

// SetAside is the first line of the branch passed over.
func (c *Chosen) SetAside() int { return c.Fork.Lines[1-c.Branch] }

// SetAsideTo is the last line of the branch passed over.
func (c *Chosen) SetAsideTo() int { return c.Fork.To[1-c.Branch] }

// Along makes Scan read along one branch of a fork that an earlier Scan
// of the same file found: branch 0 or 1 (Fork.Branch says which ends in
// the final hash written down). The lines of the other branch are passed
// over, so the record reads on as if they were not there; Report.Chosen
// says so.
func Along(f *Fork, branch int) ScanOption {
	return func(s *scanner) {
		s.skip = f.runs[1-branch]
		s.chosen = &Chosen{Fork: f, Branch: branch}
	}
}

// skipped reports whether line n is one Along passes over.
func (s *scanner) skipped(n int) bool {
	for len(s.skip) > 0 && s.skip[0].to < n {
		s.skip = s.skip[1:]
	}
	return len(s.skip) > 0 && s.skip[0].from <= n
}
