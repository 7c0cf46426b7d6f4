package theme

import "github.com/charmbracelet/lipgloss"

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
	Status     map[string]lipgloss.Style
}

// DefaultStyles returns the console's styles. Colours adapt to light and
// dark terminals; with NO_COLOR or a plain terminal lipgloss drops them and
// what is left (bold, reverse, borders, words) still tells everything.
func DefaultStyles() Styles {
	accent := lipgloss.AdaptiveColor{Light: "#005FAF", Dark: "#5FAFFF"}
	dim := lipgloss.AdaptiveColor{Light: "#6C6C6C", Dark: "#8A8A8A"}
	due := lipgloss.AdaptiveColor{Light: "#AF5F00", Dark: "#FFD75F"}
	good := lipgloss.AdaptiveColor{Light: "#008700", Dark: "#87D787"}
	bad := lipgloss.AdaptiveColor{Light: "#AF0000", Dark: "#FF5F5F"}
	held := lipgloss.AdaptiveColor{Light: "#8700AF", Dark: "#D787FF"}
	border := lipgloss.RoundedBorder()
	return Styles{
		App:        lipgloss.NewStyle(),
		Title:      lipgloss.NewStyle().Bold(true),
		Header:     lipgloss.NewStyle().Padding(0, 1),
		Running:    lipgloss.NewStyle().Bold(true).Foreground(good),
		Paused:     lipgloss.NewStyle().Bold(true).Foreground(due),
		Clock:      lipgloss.NewStyle().Bold(true),
		Dim:        lipgloss.NewStyle().Foreground(dim),
		DueBadge:   lipgloss.NewStyle().Bold(true).Reverse(true).Foreground(due),
		Pane:       lipgloss.NewStyle().Border(border).BorderForeground(dim),
		PaneFocus:  lipgloss.NewStyle().Border(border).BorderForeground(accent),
		PaneTitle:  lipgloss.NewStyle().Bold(true).Foreground(accent),
		Selected:   lipgloss.NewStyle().Reverse(true),
		Label:      lipgloss.NewStyle().Bold(true),
		Team:       lipgloss.NewStyle().Bold(true).Foreground(accent),
		Flash:      lipgloss.NewStyle().Foreground(good),
		Fault:      lipgloss.NewStyle().Bold(true).Reverse(true).Foreground(bad),
		Help:       lipgloss.NewStyle().Foreground(dim),
		Modal:      lipgloss.NewStyle().Border(lipgloss.DoubleBorder()).BorderForeground(accent).Padding(0, 1),
		ModalTitle: lipgloss.NewStyle().Bold(true).Foreground(accent).MarginBottom(1),
		Status: map[string]lipgloss.Style{
			"pending":     lipgloss.NewStyle(),
			"due":         lipgloss.NewStyle().Bold(true).Foreground(due),
			"released":    lipgloss.NewStyle().Foreground(good),
			"skipped":     lipgloss.NewStyle().Foreground(dim).Strikethrough(true),
			"delayed":     lipgloss.NewStyle().Foreground(due),
			"held":        lipgloss.NewStyle().Bold(true).Foreground(held),
			"contingency": lipgloss.NewStyle().Foreground(accent),
			"waiting":     lipgloss.NewStyle().Foreground(dim),
			"off-branch":  lipgloss.NewStyle().Foreground(dim).Faint(true),
			"error":       lipgloss.NewStyle().Foreground(bad),
		},
	}
}
