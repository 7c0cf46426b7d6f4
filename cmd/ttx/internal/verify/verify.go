// Package verify is what ttx verify checks and says: one session file's
// hash chain, its torn or foreign tail, a fork and the final hash written
// down, and the copies of one session kept by a cluster's nodes.
package verify

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"ttx/exercise/clock"
	"ttx/exercise/journal"
)

// Result is what Check found, and `ttx verify --json` prints.
type Result struct {
	File      string    `json:"file"`
	Intact    bool      `json:"intact"`
	Events    int64     `json:"events"`
	First     time.Time `json:"first,omitzero"`
	Last      time.Time `json:"last,omitzero"`
	FirstT    int64     `json:"first_t_ms"`
	LastT     int64     `json:"last_t_ms"`
	Sealed    bool      `json:"sealed"`
	FinalHash string    `json:"final_hash,omitempty"`
	BadLine   int       `json:"bad_line,omitempty"`
	Problem   string    `json:"problem,omitempty"`
	TornAt    int64     `json:"torn_offset,omitempty"`
	TornBytes int64     `json:"torn_bytes,omitempty"`
	// NoNewline: the last line, a whole seal, lacks its newline.
	NoNewline bool `json:"no_final_newline,omitempty"`
	// CRLF: the file's line ends were converted to CRLF; the rest of the
	// result is the file read with them put back.
	CRLF bool `json:"crlf,omitempty"`
	// NewerFormat is the format of a line written by a newer ttx.
	NewerFormat int `json:"newer_format,omitempty"`
	// Tail is a run of lines at the end that are no events.
	Tail *journal.Tail `json:"tail,omitempty"`
	// Fork is two lines claiming one place.
	Fork *journal.Fork `json:"fork,omitempty"`
	// Given is the final hash given with --final, and GivenMatches
	// whether the file (or which branch of a fork) ends in it.
	Given        string `json:"final_given,omitempty"`
	GivenMatches bool   `json:"final_matches,omitempty"`
	GivenBranch  int    `json:"-"`
	// GivenLine is the first line of the fork's branch that ends in the
	// final hash given.
	GivenLine int `json:"final_branch_line,omitempty"`
}

// Check reads the session file at path and checks its hash chain; with
// final (the final hash written down when the session closed, "" when
// none was), that the file ends in it.
func Check(path, final string) (Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return Result{}, fmt.Errorf("cannot open the session file: %w", err)
	}
	defer f.Close()
	rep, err := journal.Scan(f, nil)
	if err != nil {
		return Result{}, err
	}
	crlf := rep.CRLF && rep.Break != nil
	if crlf {
		// Every line carries a CR ttx did not write: check the
		// chain with the line ends put back, and say so.
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return Result{}, err
		}
		if rep, err = journal.Scan(journal.WithoutCR(f), nil); err != nil {
			return Result{}, err
		}
	}
	res := Result{File: path, Intact: rep.Break == nil && rep.Events > 0, Events: rep.Events,
		First: rep.First, Last: rep.Last, FirstT: rep.FirstT.Milliseconds(), LastT: rep.LastT.Milliseconds(),
		Sealed: rep.Sealed, FinalHash: rep.Head}
	if rep.Break != nil {
		res.BadLine, res.Problem = rep.Break.Line, rep.Break.Msg
		if rep.Break.Line == 1 && rep.Events == 0 {
			res.Problem += " (is this a ttx session file?)"
		}
	} else if rep.Events == 0 {
		res.Problem = "no complete event: not a ttx session file"
	}
	if rep.Torn != nil {
		res.TornAt, res.TornBytes = rep.Torn.Offset, rep.Torn.Size
	}
	res.NoNewline, res.Tail, res.Fork = rep.Unterminated, rep.Tail, rep.Fork
	if rep.Newer != nil {
		res.Intact, res.NewerFormat = false, rep.Newer.V
		res.BadLine, res.Problem = rep.Newer.Line, rep.Newer.Error()
	}
	if crlf {
		res.CRLF, res.Intact = true, false
		if res.Problem == "" {
			res.Problem = fmt.Sprintf("the file's line ends were changed to CRLF (Windows): every line differs by a CR ttx did not write; with them put back, it is intact (%d events, final hash %s): `dos2unix` on a copy gives back the file as ttx wrote it", rep.Events, rep.Head)
		} else {
			res.Problem = "the file's line ends were changed to CRLF (Windows), and with them put back: " + res.Problem
		}
	}
	if final != "" {
		res.Given = strings.ToLower(strings.TrimSpace(final))
		switch {
		case rep.Fork != nil:
			res.GivenBranch = rep.Fork.Branch(res.Given)
			if res.GivenMatches = res.GivenBranch >= 0; res.GivenMatches {
				res.GivenLine = rep.Fork.Lines[res.GivenBranch]
			}
		case res.Intact:
			res.GivenMatches = res.Given == rep.Head
			if !res.GivenMatches {
				res.Intact = false
				res.Problem = "the file does not end in the final hash written down: lines at its end were changed, added or removed since it was written down"
			}
		}
	}
	return res, nil
}

// Print writes r as `ttx verify` says it, a line and what to do.
func Print(w io.Writer, r Result) {
	switch {
	case r.NewerFormat > 0:
		fmt.Fprintf(w, "%s: CANNOT CHECK: %s\n", r.File, r.Problem)
		if r.BadLine > 1 {
			fmt.Fprintf(w, "  lines 1 to %d are intact (%d events)\n", r.BadLine-1, r.Events)
		}
		return
	case r.Fork != nil:
		printFork(w, r)
		return
	}
	if !r.Intact {
		if r.BadLine > 0 {
			fmt.Fprintf(w, "%s: NOT INTACT: line %d: %s\n", r.File, r.BadLine, r.Problem)
			if r.BadLine > 1 {
				fmt.Fprintf(w, "  lines 1 to %d are intact (%d events)\n", r.BadLine-1, r.Events)
			}
		} else {
			fmt.Fprintf(w, "%s: NOT INTACT: %s\n", r.File, r.Problem)
		}
		if t := r.Tail; t != nil && r.Sealed {
			fmt.Fprintf(w, "  %s after session.closed %s; the record up to the seal is intact (final hash %s)\n", tailLines(t), notEvents(t.Lines), r.FinalHash)
		} else if t != nil && r.Events > 0 { // with no event before it, there is nothing to resume
			fmt.Fprintf(w, "  %s after the last chained line %s: `ttx run --resume %s --set-aside-tail` moves %s aside to %s.tail, byte for byte, journals that, and goes on\n",
				tailLines(t), notEvents(t.Lines), r.File, itThem(t.Lines), r.File)
		}
		return
	}
	state, hash := "sealed (closed cleanly)", "final hash"
	if !r.Sealed {
		state, hash = "not sealed (no session.closed: still running, stopped without closing, or cut short: compare with the final hash written down)", "last line's hash"
	}
	fmt.Fprintf(w, "%s: intact · %d events · %s to %s UTC · %s to %s · %s · %s %s\n",
		r.File, r.Events, r.First.UTC().Format("2006-01-02 15:04:05"), r.Last.UTC().Format("15:04:05"),
		clock.Format(time.Duration(r.FirstT)*time.Millisecond), clock.Format(time.Duration(r.LastT)*time.Millisecond), state, hash, r.FinalHash)
	if r.Given != "" {
		fmt.Fprintf(w, "  ends in the final hash written down\n")
	}
	if r.NoNewline {
		fmt.Fprintf(w, "  its last line, the seal, lacks its final newline; the seal is whole\n")
	}
	if r.TornBytes > 0 {
		fmt.Fprintf(w, "  ends in a torn line at byte %d (%d bytes, never acknowledged); `ttx run --resume` moves it aside\n", r.TornAt, r.TornBytes)
	}
}

// printFork says that two lines claim one place, what each branch is, and
// which one ends in the final hash given, if one was.
func printFork(w io.Writer, r Result) {
	f := r.Fork
	fmt.Fprintf(w, "%s: NOT INTACT: line %d: %s\n", r.File, r.BadLine, r.Problem)
	if f.Seq > 0 {
		fmt.Fprintf(w, "  lines 1 to %d are intact (%d events); after line %d the record cannot be established from the file alone:\n", f.Seq, r.Events, f.Seq)
	}
	for i, start := range f.Lines {
		sealed := ""
		if f.Sealed[i] {
			sealed = ", sealed"
		}
		fmt.Fprintf(w, "    the branch from line %d runs to line %d and ends in hash %s%s\n", start, f.To[i], f.Ends[i], sealed)
	}
	if f.Broken != "" {
		fmt.Fprintf(w, "    and %s\n", f.Broken)
	}
	switch {
	case r.Given == "":
		fmt.Fprintf(w, "  `ttx verify --final HASH %s`, with the final hash written down when the session closed, says which branch ttx wrote\n", r.File)
	case r.GivenBranch >= 0:
		fmt.Fprintf(w, "  the final hash written down ends the branch from line %d: that is the one ttx wrote; the branch from line %d was not\n", f.Lines[r.GivenBranch], f.Lines[1-r.GivenBranch])
	default:
		fmt.Fprintf(w, "  the final hash written down ends neither branch\n")
	}
}

func tailLines(t *journal.Tail) string {
	if t.Lines == 1 {
		return fmt.Sprintf("line %d (%d bytes from byte %d)", t.Line, t.Size, t.Offset)
	}
	return fmt.Sprintf("lines %d to %d (%d bytes from byte %d)", t.Line, t.Line+t.Lines-1, t.Size, t.Offset)
}

func notEvents(n int) string {
	if n == 1 {
		return "is not an event"
	}
	return "are not events"
}

func itThem(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}
