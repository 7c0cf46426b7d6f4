package theme

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
)

// Styles are every style the console draws with. Views use these and
// invent none of their own.
type Styles struct {
	App        lipgloss.Style
	Title      lipgloss.Style
	Header     lipgloss.Style
	Running    lipgloss.Style
	Paused     lipgloss.Style
	Clock      lipgloss.Style
	Dim        lipgloss.Style
	DueBadge   lipgloss.Style
	Pane       lipgloss.Style
	PaneFocus  lipgloss.Style
	PaneTitle  lipgloss.Style
	Selected   lipgloss.Style
	Label      lipgloss.Style
	Team       lipgloss.Style
	Flash      lipgloss.Style
	Fault      lipgloss.Style
	Help       lipgloss.Style
	Modal      lipgloss.Style
	ModalTitle lipgloss.Style
	// Struck draws words struck through: an entry's original words once
	// amended, or an entry struck out. Words beside it say so too, for a
	// terminal that draws no strikethrough.
	Struck lipgloss.Style
	Status map[string]lipgloss.Style
	// KeyHelp is the key help's (bubbles/help), its colours bubbles' own.
	KeyHelp help.Styles
	// renderer draws the styles; the forms' theme is made for it.
	renderer *lipgloss.Renderer
}

// Form returns the forms' theme drawn as these styles are (Form).
func (s *Styles) Form() *huh.Theme { return Form(s.renderer) }

// DefaultStyles returns the console's styles for the terminal ttx runs
// in: NewStyles of lipgloss's default renderer.
func DefaultStyles() Styles { return NewStyles(lipgloss.DefaultRenderer()) }

// NewStyles returns the console's styles as r draws them: r's colour
// profile and background (an SSH seat's own, from its session) decide the
// colours. Colours adapt to light and dark terminals; with NO_COLOR or a
// plain terminal they are dropped, and what is left (bold, reverse,
// borders, words) still tells everything.
func NewStyles(r *lipgloss.Renderer) Styles {
	accent := lipgloss.AdaptiveColor{Light: "#005FAF", Dark: "#5FAFFF"}
	dim := lipgloss.AdaptiveColor{Light: "#6C6C6C", Dark: "#8A8A8A"}
	due := lipgloss.AdaptiveColor{Light: "#AF5F00", Dark: "#FFD75F"}
	good := lipgloss.AdaptiveColor{Light: "#008700", Dark: "#87D787"}
	bad := lipgloss.AdaptiveColor{Light: "#AF0000", Dark: "#FF5F5F"}
	held := lipgloss.AdaptiveColor{Light: "#8700AF", Dark: "#D787FF"}
	border := lipgloss.RoundedBorder()
	helpKey := r.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "#909090", Dark: "#626262"})
	helpDesc := r.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "#B2B2B2", Dark: "#4A4A4A"})
	helpSep := r.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "#DDDADA", Dark: "#3C3C3C"})
	return Styles{
		renderer: r,
		KeyHelp: help.Styles{ShortKey: helpKey, ShortDesc: helpDesc, ShortSeparator: helpSep, Ellipsis: helpSep,
			FullKey: helpKey, FullDesc: helpDesc, FullSeparator: helpSep},
		App:        r.NewStyle(),
		Title:      r.NewStyle().Bold(true),
		Header:     r.NewStyle().Padding(0, 1),
		Running:    r.NewStyle().Bold(true).Foreground(good),
		Paused:     r.NewStyle().Bold(true).Foreground(due),
		Clock:      r.NewStyle().Bold(true),
		Dim:        r.NewStyle().Foreground(dim),
		DueBadge:   r.NewStyle().Bold(true).Reverse(true).Foreground(due),
		Pane:       r.NewStyle().Border(border).BorderForeground(dim),
		PaneFocus:  r.NewStyle().Border(border).BorderForeground(accent),
		PaneTitle:  r.NewStyle().Bold(true).Foreground(accent),
		Selected:   r.NewStyle().Reverse(true),
		Label:      r.NewStyle().Bold(true),
		Team:       r.NewStyle().Bold(true).Foreground(accent),
		Flash:      r.NewStyle().Foreground(good),
		Fault:      r.NewStyle().Bold(true).Reverse(true).Foreground(bad),
		Help:       r.NewStyle().Foreground(dim),
		Modal:      r.NewStyle().Border(lipgloss.DoubleBorder()).BorderForeground(accent).Padding(0, 1),
		ModalTitle: r.NewStyle().Bold(true).Foreground(accent).MarginBottom(1),
		Struck:     r.NewStyle().Foreground(dim).Strikethrough(true),
		Status: map[string]lipgloss.Style{
			"pending":     r.NewStyle(),
			"due":         r.NewStyle().Bold(true).Foreground(due),
			"released":    r.NewStyle().Foreground(good),
			"skipped":     r.NewStyle().Foreground(dim).Strikethrough(true),
			"delayed":     r.NewStyle().Foreground(due),
			"held":        r.NewStyle().Bold(true).Foreground(held),
			"contingency": r.NewStyle().Foreground(accent),
			"waiting":     r.NewStyle().Foreground(dim),
			"off-branch":  r.NewStyle().Foreground(dim).Faint(true),
			"error":       r.NewStyle().Foreground(bad),
		},
	}
}
