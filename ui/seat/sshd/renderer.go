package sshd

import (
	"io"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Each SSH seat draws with a lipgloss renderer of its own, so that each
// person's colours are those their terminal shows: its colour profile from
// the TERM, COLORTERM and NO_COLOR their client sent, and its background
// from the COLORFGBG it sent (the server's own when it sent none), as soft-serve does
// with wish's MakeRenderer. That one also asks the terminal for its
// background colour before the seat starts, and waits for the answer with
// no end when it reads from an SSH channel: a client that never answers
// would hold its seat blank for good, and the reader it leaves behind takes
// the keys typed after. ttx asks nothing of the terminal. bubbletea v2
// reads the answer with its own input (tea.BackgroundColorMsg), which would
// let a seat follow the terminal's real background.

// sessionRenderer returns the renderer for a seat writing to out, whose
// client sent env and asked for a terminal of type term, with at most the
// colours of profile most; its background is dark, if the client does not
// say, when dark is true.
func sessionRenderer(out io.Writer, env []string, term string, most termenv.Profile, dark bool) *lipgloss.Renderer {
	e := environ(append(env[:len(env):len(env)], "TERM="+term))
	profile := termenv.NewOutput(out, termenv.WithEnvironment(e), termenv.WithUnsafe()).EnvColorProfile()
	r := lipgloss.NewRenderer(out, termenv.WithEnvironment(e))
	r.SetColorProfile(max(profile, most))
	r.SetHasDarkBackground(darkBackground(e.Getenv("COLORFGBG"), dark))
	return r
}

// darkBackground reads COLORFGBG ("15;0": the foreground's colour number,
// then the background's); dark when it says nothing it can read.
func darkBackground(colorFGBG string, dark bool) bool {
	i := strings.LastIndexByte(colorFGBG, ';')
	if i < 0 {
		return dark
	}
	n, err := strconv.Atoi(colorFGBG[i+1:])
	if err != nil || n < 0 || n > 255 {
		return dark
	}
	_, _, l := termenv.ConvertToRGB(termenv.ANSI256Color(n)).Hsl()
	return l < 0.5
}

// environ is a client's environment, the last setting of a name winning.
type environ []string

// Environ returns the settings.
func (e environ) Environ() []string { return e }

// Getenv returns the value of name, or "".
func (e environ) Getenv(name string) string {
	for i := len(e) - 1; i >= 0; i-- {
		if k, v, ok := strings.Cut(e[i], "="); ok && k == name {
			return v
		}
	}
	return ""
}
