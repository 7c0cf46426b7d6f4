package theme

import (
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// TestFormIsDrawnByItsRenderer: the forms' theme draws in the colour
// profile of the renderer it was made for, at the top of the theme and in
// the styles it nests (a text input's), whatever lipgloss's default is.
func TestFormIsDrawnByItsRenderer(t *testing.T) {
	for _, c := range []struct {
		profile termenv.Profile
		colour  bool
	}{{termenv.Ascii, false}, {termenv.TrueColor, true}, {termenv.ANSI256, true}} {
		r := lipgloss.NewRenderer(io.Discard)
		r.SetColorProfile(c.profile)
		f := Form(r)
		for name, got := range map[string]string{
			"button":      f.Focused.FocusedButton.Render("Yes"),
			"placeholder": f.Focused.TextInput.Placeholder.Render("type here"),
		} {
			if has := strings.Contains(got, "\x1b["); has != c.colour {
				t.Errorf("profile %v: the %s is drawn %q", c.profile, name, got)
			}
		}
	}
}
