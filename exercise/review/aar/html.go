package aar

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"
	"time"

	"github.com/yuin/goldmark"

	"ttx/exercise/clock"
	"ttx/exercise/review"
	"ttx/exercise/scenario"
	"ttx/exercise/text"
)

//go:embed report.html.tmpl
var htmlTemplate string

// Swimlane chart geometry, in SVG user units.
const (
	chartWidth  = 1000
	labelWidth  = 190
	rightMargin = 30 // room for the last tick's label
	laneHeight  = 30
	axisHeight  = 26
	maxMarks    = 1500 // above this many decisions a lane shows density bars
	densityBins = 160
)

var htmlFuncs = template.FuncMap{
	"T":       clock.Format,
	"offset":  scenario.FormatOffset,
	"minutes": minutes,
	"outcome": injectOutcome,
	"sched":   sched,
	"byName":  byName,
	"date":    func(t time.Time) string { return t.UTC().Format("Monday 2 January 2006") },
	"hhmm":    func(t time.Time) string { return t.UTC().Format("15:04") },
	"hm":      hm,
	"yesNo":   yesNo,
	"ratings": ratingSummary,
	"join":    strings.Join,
	"lines":   func(s string) []string { return strings.Split(s, "\n") },
	"team":    teamNameOr,
	"first": func(in review.InjectRow, team string) string {
		if d, ok := in.FirstResponse[team]; ok {
			return minutes(d)
		}
		for _, r := range in.Recipients {
			if r == team {
				return "none"
			}
		}
		return ""
	},
	"rows":     func(n int) []int { return make([]int, n) },
	"markdown": markdownHTML,
}

// markdownHTML renders scenario Markdown (a summary, an inject body) to
// HTML. Raw HTML in the source is escaped, not passed through.
func markdownHTML(src string) template.HTML {
	var b bytes.Buffer
	if err := goldmark.Convert([]byte(src), &b); err != nil {
		return template.HTML(template.HTMLEscapeString(src))
	}
	return template.HTML(b.String())
}

var reportTmpl = template.Must(template.New("report").Funcs(htmlFuncs).Parse(htmlTemplate))

// htmlData is what the template sees.
type htmlData struct {
	*review.Report
	Chart template.HTML
	// Said reads what a decision says, for the template.
	Said           func(*review.DecisionRow) review.Said
	RatingLegend   string
	ImprovementRow int
}

// WriteHTML writes the report as one self-contained HTML file: inline CSS,
// an inline SVG swimlane chart, no external assets, laid out to print well.
//
// html/template escapes markup; what it lets through that could still
// reorder or hide text (control and bidirectional characters from the
// session file) is escaped as text.Escape does on the way out.
func WriteHTML(w io.Writer, r *review.Report) error {
	ew := text.NewWriter(w)
	if err := reportTmpl.Execute(ew, htmlData{Report: r, Chart: swimlanes(r), RatingLegend: ratingLegend(), ImprovementRow: improvementRows, Said: r.Said}); err != nil {
		return err
	}
	return ew.Flush()
}

// swimlanes draws a lane per team: a triangle where an inject reached the
// team, a dot per decision it recorded (or density bars when there are
// very many), along the exercise time axis.
func swimlanes(r *review.Report) template.HTML {
	if len(r.Teams) == 0 {
		return ""
	}
	end := r.ExerciseEnd
	for _, in := range r.Injects {
		if in.State.Released {
			end = max(end, in.State.ReleasedT)
		}
	}
	end = max(end, time.Minute)
	plotW := float64(chartWidth - labelWidth - rightMargin)
	x := func(t time.Duration) float64 { return labelWidth + plotW*float64(t)/float64(end) }
	height := axisHeight + laneHeight*len(r.Teams) + 4
	lane := map[string]int{}
	for i, t := range r.Teams {
		lane[t.ID] = i
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="swimlanes" viewBox="0 0 %d %d" role="img" aria-label="Timeline of injects and decisions by team">`, chartWidth, height)
	// Axis with a tick every sensible interval.
	step := tickStep(end)
	for t := time.Duration(0); t <= end; t += step {
		fmt.Fprintf(&b, `<line class="grid" x1="%.1f" y1="%d" x2="%.1f" y2="%d"/><text class="tick" x="%.1f" y="16">%s</text>`,
			x(t), axisHeight-4, x(t), height-4, x(t), scenario.FormatOffset(t))
	}
	for i, t := range r.Teams {
		y := axisHeight + i*laneHeight
		fmt.Fprintf(&b, `<rect class="lane%d" x="0" y="%d" width="%d" height="%d"/>`, i%2, y, chartWidth, laneHeight)
		fmt.Fprintf(&b, `<text class="label" x="6" y="%d">%s</text>`, y+laneHeight/2+4, template.HTMLEscapeString(truncateRunes(t.Name, 26)))
	}
	for _, in := range r.Injects {
		if !in.State.Released {
			continue
		}
		for _, team := range in.Recipients {
			i, ok := lane[team]
			if !ok {
				continue
			}
			cx, y := x(in.State.ReleasedT), float64(axisHeight+i*laneHeight)
			fmt.Fprintf(&b, `<path class="inject" d="M%.1f %.1f l-5 -9 h10 z"><title>%s %s released %s</title></path>`,
				cx, y+laneHeight-5, template.HTMLEscapeString(in.Inject.ID), template.HTMLEscapeString(in.Inject.Title), clock.Format(in.State.ReleasedT))
		}
	}
	if r.Decisions.Len() <= maxMarks {
		for d := range r.Decisions.All() {
			i, ok := lane[r.TeamOf(d)]
			if !ok {
				continue
			}
			fmt.Fprintf(&b, `<circle class="decision" cx="%.1f" cy="%d" r="3.5"><title>%s %s: %s</title></circle>`,
				x(d.T), axisHeight+i*laneHeight+9, clock.Format(d.T), template.HTMLEscapeString(r.TeamName(r.TeamOf(d))), template.HTMLEscapeString(truncateRunes(r.Said(d).Text, 140)))
		}
	} else {
		bins := make([][]int, len(r.Teams))
		for i := range bins {
			bins[i] = make([]int, densityBins)
		}
		peak := 1
		for d := range r.Decisions.All() {
			i, ok := lane[r.TeamOf(d)]
			if !ok {
				continue
			}
			k := min(int(float64(d.T)/float64(end)*densityBins), densityBins-1)
			bins[i][max(k, 0)]++
			peak = max(peak, bins[i][max(k, 0)])
		}
		bw := plotW / densityBins
		for i, lb := range bins {
			for k, n := range lb {
				if n == 0 {
					continue
				}
				h := 4 + float64(laneHeight-16)*float64(n)/float64(peak)
				fmt.Fprintf(&b, `<rect class="decision" x="%.1f" y="%.1f" width="%.1f" height="%.1f"><title>%d decisions</title></rect>`,
					labelWidth+float64(k)*bw, float64(axisHeight+i*laneHeight)+16-h+4, bw, h, n)
			}
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// tickStep picks an axis interval giving at most about a dozen ticks.
func tickStep(end time.Duration) time.Duration {
	for _, s := range []time.Duration{time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute, time.Hour, 2 * time.Hour, 6 * time.Hour} {
		if end/s <= 12 {
			return s
		}
	}
	return 12 * time.Hour
}

func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
