package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/spf13/cobra"

	"ttx/cmd/ttx/internal/memory"
	"ttx/exercise/journal"
	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/exercise/text"
	"ttx/injects"
	"ttx/ui/console"
	"ttx/ui/theme"
)

type runOptions struct {
	session string
	resume  string
	auto    bool
	as      string
	// setAsideTail moves a tail of lines that are no events aside on resume.
	setAsideTail bool
}

func addRunFlags(cmd *cobra.Command, o *runOptions) {
	cmd.Flags().StringVar(&o.session, "session", "", "session file to write (default: a new timestamped file under ./sessions/)")
	cmd.Flags().StringVar(&o.resume, "resume", "", "reopen an unfinished session `FILE` and go on from where it stopped, clock paused")
	cmd.Flags().BoolVar(&o.auto, "auto", false, "release injects automatically as they fall due")
	cmd.Flags().BoolVar(&o.setAsideTail, "set-aside-tail", false, "with --resume: move blank or garbage lines after the last event aside to FILE.tail (byte for byte, journaled) instead of refusing the file")
	cmd.Flags().StringVar(&o.as, "as", "", "facilitator name written into the session file (default: your user name)")
}

func newRunCmd(stdout, stderr io.Writer) *cobra.Command {
	o := &runOptions{}
	cmd := &cobra.Command{
		Use:   "run [NAME|FILE]",
		Short: "Open the facilitator console on a scenario (default: " + injects.Default + ")",
		Example: `  ttx run                      # the bundled default scenario
  ttx run demo                 # a bundled scenario by name
  ttx run exercise.yaml --auto # a scenario file, releasing injects as they fall due
  ttx run --resume sessions/2026-11-24T0900-london.jsonl`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runConsole(cmd, args, o, stdout, stderr)
		},
	}
	addRunFlags(cmd, o)
	return cmd
}

// loadScenario resolves NAME|FILE: an existing file wins, then a bundled
// scenario name.
func loadScenario(arg string) (*scenario.Scenario, string, scenario.Problems, error) {
	if arg == "" {
		arg = injects.Default
	}
	if _, err := os.Stat(arg); err == nil {
		sc, probs := scenario.Load(arg)
		return sc, arg, probs, nil
	}
	if injects.Has(arg) {
		sc, probs := injects.Load(arg)
		return sc, arg, probs, nil
	}
	return nil, "", nil, fmt.Errorf("%q is neither a scenario file nor a bundled scenario; `ttx scenarios` lists the bundled ones", arg)
}

func runConsole(cmd *cobra.Command, args []string, o *runOptions, stdout, stderr io.Writer) error {
	name, err := facilitatorName(o.as)
	if err != nil {
		return err
	}
	who := session.Facilitator(name)
	session.Tool = "ttx " + version
	if o.resume != "" && len(args) == 0 && o.session == "" {
		return resumeConsole(cmd, o, who, stdout, stderr)
	}
	sess, notice, err := openSession(args, o, who, "", stderr)
	if err != nil {
		return err
	}
	mdStyle := terminalStyle()
	model := console.New(sess, console.Options{Facilitator: who, ViewOptions: theme.ViewOptions{MarkdownStyle: mdStyle}, Notice: notice})
	_, runErr := newProgram(cmd, stdout, model).Run()
	return finish(model, sess, runErr, "run", stdout, stderr)
}

// newProgram runs a full-screen view on the terminal. Frames go out at up
// to 120 a second, bubbletea's most, not its default 60: the renderer
// writes only on its ticks, so a keypress's echo waits for the next one,
// and the first frame for a whole interval (8 ms sooner to the first
// frame, measured). A tick with nothing new writes nothing.
func newProgram(cmd *cobra.Command, stdout io.Writer, model tea.Model) *tea.Program {
	return tea.NewProgram(model, tea.WithAltScreen(), tea.WithFPS(120), tea.WithInput(cmd.InOrStdin()), tea.WithOutput(stdout))
}

// finish reports how the console ended: the final hash after a clean
// close, or how to resume.
func finish(model *console.Model, sess session.Live, runErr error, command string, stdout, stderr io.Writer) error {
	if head, ok := model.Closed(); ok {
		fmt.Fprintf(stdout, "Session closed.\n  file:       %s\n  final hash: %s\nWrite the final hash down: `ttx verify %s` must print the same.\n", sess.Path(), head, sess.Path())
		return nil
	}
	sess.Abandon()
	if runErr != nil {
		fmt.Fprintf(stderr, "ttx: the console stopped: %v\n", runErr)
	}
	fmt.Fprintf(stderr, "The session was not closed; nothing saved is lost. Go on with:\n  ttx %s --resume %s\n", command, sess.Path())
	return exitError{1}
}

// rosterAdd is the command that adds p, from a roster file, to a session
// already running. A lead or a scope is the session's from its opening
// only: added as they are, a scoped controller would run everything.
func rosterAdd(p scenario.Person) (session.AddPerson, error) {
	if p.Lead || len(p.Teams) > 0 || len(p.Injects) > 0 {
		return session.AddPerson{}, errors.New("a lead or scoped controller cannot join a session already running: start a new session with them, or give them no lead and no scope")
	}
	return session.AddPerson{Name: p.Name, Team: p.Team, Role: p.Role, Keys: p.Keys, Code: p.Code, Plays: p.Plays}, nil
}

// openSession creates a session on the scenario named in args, or resumes
// o.resume; rosterFile adds people who may join over SSH. notice says what
// resuming found.
func openSession(args []string, o *runOptions, who session.Actor, rosterFile string, stderr io.Writer) (*session.Session, string, error) {
	var people []scenario.Person
	if rosterFile != "" {
		var probs scenario.Problems
		if people, probs = scenario.LoadRoster(rosterFile); probs.HasErrors() {
			fmt.Fprintln(stderr, probs.Errors())
			return nil, "", fmt.Errorf("the roster %s has %d error(s); fix them and run again", rosterFile, len(probs.Errors()))
		}
	}
	if o.resume != "" {
		if len(args) > 0 || o.session != "" {
			return nil, "", errors.New("--resume takes the scenario from the session file; give no scenario or --session with it")
		}
		// A session of a million events takes seconds to check and fold:
		// say how far it has got rather than leave the screen blank.
		jopts := []journal.Option{journal.WithProgress(progress(stderr, "resuming "+filepath.Base(o.resume)))}
		if o.setAsideTail {
			jopts = append(jopts, journal.SetAsideTail())
		}
		restore := memory.FoldingGC()
		sess, r, err := session.Resume(o.resume, who, session.Options{Auto: o.auto, Journal: jopts})
		restore()
		if err != nil {
			return nil, "", err
		}
		notice := resumedNotice(r, stderr)
		for _, p := range people {
			if st := sess.State(); st.Person(p.Name) != nil {
				continue
			}
			add, err := rosterAdd(p)
			if err == nil {
				_, err = sess.Do(who, add)
			}
			if err != nil {
				sess.Abandon()
				return nil, "", fmt.Errorf("%s: %s: %w", rosterFile, p.Name, err)
			}
		}
		return sess, notice, nil
	}
	if o.setAsideTail {
		return nil, "", errors.New("--set-aside-tail goes with --resume FILE: it sets aside the end of a session file being reopened")
	}
	name := ""
	if len(args) > 0 {
		name = args[0]
	}
	sc, source, probs, err := loadScenario(name)
	if err != nil {
		return nil, "", err
	}
	if probs.HasErrors() {
		fmt.Fprintln(stderr, probs.Errors())
		fmt.Fprintf(stderr, "ttx: the scenario has %d error(s); fix them and run again (ttx validate %s checks it)\n", len(probs.Errors()), source)
		return nil, "", exitError{1}
	}
	if len(people) > 0 {
		if probs := sc.AddRoster(people, rosterFile); probs.HasErrors() {
			fmt.Fprintln(stderr, probs.Errors())
			return nil, "", fmt.Errorf("the roster %s does not fit the scenario; fix it and run again", rosterFile)
		}
	}
	path := o.session
	if path == "" {
		path = defaultSessionPath(source, time.Now())
	}
	sess, err := session.Create(path, sc, source, who, session.Options{Auto: o.auto})
	notice := ""
	if n := len(probs); n > 0 && err == nil {
		notice = fmt.Sprintf("The scenario has %d warning(s) about the exercise's design; ttx validate %s lists them", n, source)
	}
	return sess, notice, err
}

// facilitatorName is the name the session records the facilitator by:
// --as as typed (refused, not cut, when too long or holding the ':' that
// separates role and name), else the user's name made fit.
func facilitatorName(flag string) (string, error) {
	if strings.TrimSpace(flag) != "" {
		name, err := text.FitLine(flag, text.MaxName)
		switch {
		case err != nil:
			return "", fmt.Errorf("--as: %w", err)
		case strings.Contains(name, ":"):
			return "", fmt.Errorf("--as %q: a name cannot contain ':'", name)
		}
		return name, nil
	}
	name := ""
	if u, err := user.Current(); err == nil {
		name = text.Line(u.Username, text.MaxName)
	}
	name = strings.ReplaceAll(name, ":", "-")
	if name == "" {
		name = "facilitator"
	}
	return name, nil
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9_-]+`)

// defaultSessionPath is sessions/<date>T<time>-<scenario>.jsonl.
func defaultSessionPath(source string, now time.Time) string {
	base := strings.TrimSuffix(filepath.Base(source), filepath.Ext(source))
	base = strings.Trim(unsafeName.ReplaceAllString(base, "-"), "-")
	if base == "" {
		base = "session"
	}
	return filepath.Join("sessions", now.Format("2006-01-02T150405")+"-"+base+".jsonl")
}

// terminalStyle follows the terminal: no colour with NO_COLOR, and the
// Markdown style for a light or dark background.
func terminalStyle() (markdownStyle string) {
	if os.Getenv("NO_COLOR") != "" {
		lipgloss.SetColorProfile(termenv.Ascii)
		return "dark"
	}
	if !lipgloss.HasDarkBackground() {
		return "light"
	}
	return "dark"
}
