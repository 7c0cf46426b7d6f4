package theme

import (
	"strings"

	"github.com/charmbracelet/glamour"
	"github.com/charmbracelet/lipgloss"
)

// Markdown renders Markdown with glamour, caching by text and width:
// bodies do not change, and rendering is the slowest thing on screen.
type Markdown struct {
	style string
	width int
	r     *glamour.TermRenderer
	cache map[string]string
	rend  *lipgloss.Renderer // whose colour profile; lipgloss's default if nil
}

// NewMarkdown returns a renderer for a glamour style ("dark" or "light")
// in r's colour profile; lipgloss's default renderer's when r is nil.
func NewMarkdown(style string, r *lipgloss.Renderer) *Markdown {
	return &Markdown{style: style, cache: map[string]string{}, rend: r}
}

// Render returns md rendered to width cells, or md itself if glamour fails.
func (m *Markdown) Render(md string, width int) string {
	if width < 10 {
		return md
	}
	if width != m.width || m.r == nil {
		profile := lipgloss.ColorProfile()
		if m.rend != nil {
			profile = m.rend.ColorProfile()
		}
		r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(m.style), glamour.WithWordWrap(width),
			glamour.WithEmoji(), glamour.WithColorProfile(profile))
		if err != nil {
			return md
		}
		m.r, m.width, m.cache = r, width, map[string]string{}
	}
	if out, ok := m.cache[md]; ok {
		return out
	}
	out, err := m.r.Render(md)
	if err != nil {
		return md
	}
	lines := strings.Split(strings.Trim(out, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	out = strings.Join(lines, "\n")
	m.cache[md] = out
	return out
}
