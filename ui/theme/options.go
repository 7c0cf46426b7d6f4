package theme

import "time"

// ViewOptions are what every view takes from its caller.
type ViewOptions struct {
	// Now is the wall clock; time.Now when nil.
	Now func() time.Time
	// Location is the time zone for times shown; time.Local when nil.
	Location *time.Location
	// MarkdownStyle is a glamour style, "dark" or "light"; colours follow
	// lipgloss's colour profile (none with NO_COLOR).
	MarkdownStyle string
	// Tick is how often the view redraws on its own; tick when zero.
	Tick time.Duration
}

// WithDefaults fills in what was left unset, with tick as the redraw
// interval.
func (o ViewOptions) WithDefaults(tick time.Duration) ViewOptions {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Location == nil {
		o.Location = time.Local
	}
	if o.MarkdownStyle == "" {
		o.MarkdownStyle = "dark"
	}
	if o.Tick == 0 {
		o.Tick = tick
	}
	return o
}
