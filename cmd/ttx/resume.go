package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync/atomic"

	"github.com/spf13/cobra"

	"ttx/cmd/ttx/internal/memory"
	"ttx/cmd/ttx/internal/newest"
	"ttx/exercise/clock"
	"ttx/exercise/event"
	"ttx/exercise/journal"
	"ttx/exercise/session"
	"ttx/ui/console"
	"ttx/ui/opening"
	"ttx/ui/theme"
)

// resumeConsole reopens o.resume with the console. The screen shows the
// session from its first events while the rest of the file is read,
// checked and folded (ui/opening); the console takes over, and commands
// are taken, once all of it is.
func resumeConsole(cmd *cobra.Command, o *runOptions, who session.Actor, stdout, stderr io.Writer) error {
	var size int64
	if fi, err := os.Stat(o.resume); err == nil {
		size = fi.Size()
	}
	var read atomic.Int64
	// A file shown while it is read says how far reading has got on the
	// screen; a smaller one, if it takes over a second, on stderr.
	say := progress(stderr, "resuming "+filepath.Base(o.resume))
	jopts := []journal.Option{journal.WithProgress(func(n, total int64) {
		if read.Store(n); size < openingSize {
			say(n, total)
		}
	})}
	if o.setAsideTail {
		jopts = append(jopts, journal.SetAsideTail())
	}
	states := make(chan event.State, 1)
	ready := make(chan opening.Ready, 1)
	// What resuming found is said on the console and, once the screen
	// is given back, on stderr.
	var said bytes.Buffer
	mdStyle := terminalStyle()
	// The result is kept for this goroutine too: the view's own wait
	// for ready may take it and then be gone, if the person left.
	var (
		sess     *session.Session
		result   opening.Ready
		finished = make(chan struct{})
	)
	done := func(r opening.Ready) {
		result = r
		ready <- r
		close(finished)
	}
	go func() {
		so := session.Options{Auto: o.auto, Journal: jopts}
		if size >= openingSize {
			so.Preview = func(st event.State) { newest.Put(states, st) }
		}
		memory.SessionGC()
		s, r, err := resumeSession(o.resume, who, so)
		if err != nil {
			done(opening.Ready{Err: err})
			return
		}
		notice := resumedNotice(r, &said)
		sess = s
		done(opening.Ready{Model: console.New(s, console.Options{Facilitator: who, ViewOptions: theme.ViewOptions{MarkdownStyle: mdStyle}, Notice: notice})})
	}()
	if size < openingSize {
		r := <-ready
		if r.Err != nil {
			return r.Err
		}
		stderr.Write(said.Bytes())
		model := r.Model.(*console.Model)
		_, runErr := newProgram(cmd, stdout, model).Run()
		return finish(model, sess, runErr, "run", stdout, stderr)
	}
	m := opening.New(states, ready, opening.Options{ViewOptions: theme.ViewOptions{MarkdownStyle: mdStyle}, Path: o.resume,
		Progress: func() (int64, int64) { return read.Load(), size }})
	_, runErr := newProgram(cmd, stdout, m).Run()
	if m.Next() == nil && m.Err() == nil {
		// Left before the file was open: let the resume finish, so that
		// nothing it began is left half done, then stop.
		<-finished
		if result.Err != nil {
			return result.Err
		}
		stderr.Write(said.Bytes())
		sess.Abandon()
		if runErr != nil {
			fmt.Fprintf(stderr, "ttx: the console stopped: %v\n", runErr)
		}
		fmt.Fprintf(stderr, "The session was not closed; nothing saved is lost. Go on with:\n  ttx run --resume %s\n", sess.Path())
		return exitError{1}
	}
	if m.Err() != nil {
		return m.Err()
	}
	stderr.Write(said.Bytes())
	return finish(m.Next().(*console.Model), sess, runErr, "run", stdout, stderr)
}

// openingSize is the size of file from which a resume shows the session
// as far as it has been read: about 200,000 decisions, which take a few
// tenths of a second to read on two cores. A smaller file goes straight to
// the console: showing it while it is read would only take the cores the
// fold needs.
var openingSize int64 = 64 << 20

// resumeSession is session.Resume (a test holds it back).
var resumeSession = session.Resume

// resumedNotice says what resuming found: how many events, where the
// clock stands, and what was moved aside (also written to w).
func resumedNotice(r journal.Recovery, w io.Writer) string {
	notice := fmt.Sprintf("Resumed: %d events restored; clock paused at %s, the last saved time (t sets another)",
		r.Report.Events, clock.Format(r.Report.LastT))
	if r.TornFile != "" {
		torn := fmt.Sprintf("a torn last line (%d bytes, never acknowledged) was moved to %s", r.Report.Torn.Size, r.TornFile)
		fmt.Fprintln(w, "ttx:", torn)
		notice += "; " + torn
	}
	if r.TailFile != "" {
		t := r.Report.Tail
		tail := fmt.Sprintf("%d bytes after the last event (from line %d, byte %d; SHA-256 %s) that were no events were moved to %s", t.Size, t.Line, t.Offset, r.TailSum, r.TailFile)
		fmt.Fprintln(w, "ttx:", tail)
		notice += "; " + tail
	}
	return notice
}
