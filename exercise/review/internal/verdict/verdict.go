// Package verdict says what verifying a session file found, for the
// report's opening paragraph and its "Integrity of the record" section:
// the chain intact or where it broke, a fork and the branch a final hash
// chose, and what resuming set aside.
package verdict

import (
	"fmt"
	"strings"
	"time"
)

// Integrity is what verifying the file found.
type Integrity struct {
	Intact    bool
	Events    int64
	FinalHash string
	Problem   string
	TornBytes int64
	// Forked is set when two lines claim one place (seq ForkSeq): lines
	// ForkLines. The report then covers only the events before them.
	Forked    bool
	ForkSeq   int64
	ForkLines [2]int
	// SetAside is what resuming cut off the file's end and moved aside.
	SetAside []SetAside
	// NewerLine is set when a newer ttx wrote the file from that line on:
	// the report covers the events before it.
	NewerLine int
	// Chosen is set when the final hash given (FinalGiven) chose one
	// branch of a fork: ChosenLines are the first lines of the branch
	// followed and of the one set aside, ChosenTo the last line set aside.
	Chosen      bool
	ChosenLines [2]int
	ChosenTo    int
	FinalGiven  string
	// Summary is the one line that says what is wrong ("" if nothing).
	Summary string
}

// ForkSentence says what a fork means for the report.
func (in Integrity) ForkSentence() string {
	s := fmt.Sprintf("Lines %d and %d both claim the same place in the record (seq %d). One of the two branches that start there was not written by ttx, and the file alone cannot say which, so this report shows neither: it covers the %d events before them. ",
		in.ForkLines[0], in.ForkLines[1], in.ForkSeq, in.Events)
	if in.FinalGiven != "" {
		return s + "The final hash given (" + in.FinalGiven + ") ends neither branch."
	}
	return s + "ttx report --final HASH, with the final hash written down when the session closed, follows the branch ttx wrote (ttx verify --final HASH says which it is)."
}

// ChosenSentence says which branch of a fork the final hash given chose.
func (in Integrity) ChosenSentence() string {
	return fmt.Sprintf("Lines %d and %d both claim the same place in the record (seq %d): one of the two branches that start there was not written by ttx. The final hash given (%s) ends the branch from line %d, so this report follows that branch, the one ttx wrote, and sets aside the branch from line %d (lines %d to %d).",
		in.ForkLines[0], in.ForkLines[1], in.ForkSeq, in.FinalGiven, in.ChosenLines[0], in.ChosenLines[1], in.ChosenLines[1], in.ChosenTo)
}

// Verdict is the one paragraph on the file's integrity that opens every
// format of the report.
func (in Integrity) Verdict() string {
	if in.Intact {
		return fmt.Sprintf("Verified: ttx verify passed: %d events, hash chain intact, final hash %s.", in.Events, in.FinalHash)
	}
	s := in.Summary
	if s == "" {
		s = "the file could not be verified"
	}
	return "UNVERIFIED: " + strings.TrimRight(s, ".") + ". This report is not a verified record of the exercise: it shows only what could be read up to the problem. See “Integrity of the record”."
}

// SetAside is something resuming cut off the end of the session file and
// moved aside, as session.resumed records it: a torn last line, or lines
// that were no events, set aside at the facilitator's request.
type SetAside struct {
	// Seq is the session.resumed event's; At its wall time.
	Seq int64
	At  time.Time
	// Tail is true for lines that were no events, false for a torn line.
	Tail bool
	// File is where the bytes went; Offset where they were, Bytes how
	// many, SHA256 their hash, Lines (a tail's) their first and last line.
	File   string
	Offset int64
	Bytes  int64
	SHA256 string
	Lines  [2]int
}

// Sentence says what was set aside, when, and where it is.
func (s SetAside) Sentence() string {
	when := fmt.Sprintf("On resuming (line %d, %s UTC)", s.Seq+1, s.At.UTC().Format("2006-01-02 15:04:05"))
	sum := ""
	if s.SHA256 != "" {
		sum = "; SHA-256 " + s.SHA256
	}
	if s.Tail {
		return fmt.Sprintf("%s, lines %d to %d (%d bytes from byte %d), which were not events, were moved to %s at the facilitator's request%s.",
			when, s.Lines[0], s.Lines[1], s.Bytes, s.Offset, s.File, sum)
	}
	return fmt.Sprintf("%s, a torn last line of %d bytes from byte %d (a write cut short, never acknowledged) was moved to %s%s.",
		when, s.Bytes, s.Offset, s.File, sum)
}
