package aar

import (
	"bufio"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"
	"time"

	"ttx/exercise/clock"
	"ttx/exercise/review"
	"ttx/exercise/review/aar/internal/htmldoc"
	"ttx/exercise/review/aar/internal/section"
	"ttx/exercise/scenario"
	"ttx/exercise/text"
)

//go:embed report.html.tmpl
var htmlTemplate string

// Swimlane chart geometry, in SVG user units. The chart is drawn the
// width of the printed page (about 515 pt on A4 or Letter within the
// margins), so one unit prints as about 0.68 pt: chartFont is 8 pt on
// paper.
const (
	chartWidth   = 760
	chartFont    = 12
	labelWidth   = 170
	labelRunes   = 22 // a longer team name is drawn on two lines
	rightMargin  = 24 // room for the last tick's label
	laneHeight   = 32
	axisHeight   = 24
	legendHeight = 26
	maxMarks     = 1500 // above this many decisions a lane shows density bars
	densityBins  = 160
)

// printWidthPt is A4's width less the @page margins, in points: the
// narrower printable width, which the chart is drawn to.
const printWidthPt = 516

var reportTmpl = template.Must(template.New("report").Parse(htmlTemplate))

// htmlData is what the template of the page's head sees.
type htmlData struct {
	// PageTitle is the document's title, begun with UNVERIFIED when the
	// file failed verification.
	PageTitle string
	// DocCSS is the stylesheet of the sheet, the cover and the parts, for
	// the paper the report prints on.
	DocCSS template.CSS
}

// WriteHTML writes the report as one self-contained HTML file: inline CSS,
// an inline SVG swimlane chart, no external assets, laid out to print well
// (see package htmldoc): the neutral document's cover and parts, every
// piece of text from the file escaped, control and bidirectional
// characters shown as text.Escape does.
//
// It is laid out for A4; Options.WriteHTML chooses the paper.
func WriteHTML(w io.Writer, r *review.Report) error {
	return writeHTML(w, r, Options{})
}

func writeHTML(w io.Writer, r *review.Report, o Options) error {
	return writeHTMLDoc(w, r, section.Build(r), o)
}

// writeHTMLDoc writes the report as doc lays it out, with the swimlane
// chart at the head of its timeline.
func writeHTMLDoc(w io.Writer, r *review.Report, doc section.Document, o Options) error {
	ew := text.NewWriter(w)
	bw := bufio.NewWriterSize(ew, 1<<16)
	d := htmlData{PageTitle: htmldoc.Title(doc.Cover), DocCSS: template.CSS(htmldoc.CSS(o.Paper.css()))}
	if err := reportTmpl.ExecuteTemplate(bw, "head", d); err != nil {
		return err
	}
	htmldoc.OpenSheet(bw, doc.Cover)
	htmldoc.Cover(bw, doc.Cover)
	for _, p := range doc.Parts {
		lead := ""
		if p.ID == "timeline" {
			lead = string(swimlanes(r))
		}
		htmldoc.PartWith(bw, p, lead)
	}
	htmldoc.CloseSheet(bw)
	bw.WriteString("</body>\n</html>\n")
	if err := bw.Flush(); err != nil {
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
	lanesEnd := axisHeight + laneHeight*len(r.Teams)
	height := lanesEnd + legendHeight
	lane := map[string]int{}
	for i, t := range r.Teams {
		lane[t.ID] = i
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="swimlanes" viewBox="0 0 %d %d" font-size="%d" role="img" aria-label="Timeline of injects and decisions by team">`, chartWidth, height, chartFont)
	// Axis with a tick every sensible interval.
	step := tickStep(end)
	for t := time.Duration(0); t <= end; t += step {
		fmt.Fprintf(&b, `<line class="grid" x1="%.1f" y1="%d" x2="%.1f" y2="%d"/><text class="tick" x="%.1f" y="16">%s</text>`,
			x(t), axisHeight-4, x(t), lanesEnd, x(t), scenario.FormatOffset(t))
	}
	for i, t := range r.Teams {
		y := axisHeight + i*laneHeight
		fmt.Fprintf(&b, `<rect class="lane%d" x="0" y="%d" width="%d" height="%d"/>`, i%2, y, chartWidth, laneHeight)
		b.WriteString(laneLabel(t.Name, y))
	}
	dense := r.Decisions.Len() > maxMarks
	writeLegend(&b, lanesEnd, dense)
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
			fmt.Fprintf(&b, `<path class="inject" d="`+injectMark+`"><title>%s %s released %s</title></path>`,
				cx, y+laneHeight-5, template.HTMLEscapeString(in.Inject.ID), template.HTMLEscapeString(in.Inject.Title), clock.Format(in.State.ReleasedT))
		}
	}
	if !dense {
		for d := range r.Decisions.All() {
			i, ok := lane[r.TeamOf(d)]
			if !ok {
				continue
			}
			fmt.Fprintf(&b, `<circle class="decision" cx="%.1f" cy="%d" r="`+decisionRadius+`"><title>%s %s: %s</title></circle>`,
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

// The marks of the chart, shared by the lanes and the legend so that the
// legend shows what the lanes draw: an inject is a triangle pointing down
// at its release (drawn from its tip), a decision a dot.
const (
	injectMark     = "M%.1f %.1f l-5 -9 h10 z"
	decisionRadius = "3.5"
)

// writeLegend draws the key below the lanes with the lanes' own marks.
func writeLegend(b *strings.Builder, y int, dense bool) {
	mid := float64(y + legendHeight/2 + 2)
	fmt.Fprintf(b, `<g class="key"><path class="inject" d="`+injectMark+`"/><text x="%d" y="%.1f">inject released to the team</text>`, 12.0, mid+4, 24, mid+4)
	if dense {
		fmt.Fprintf(b, `<rect class="decision" x="255" y="%.1f" width="5" height="10"/><text x="267" y="%.1f">decisions recorded (bar height: how many)</text>`, mid-6, mid+4)
	} else {
		fmt.Fprintf(b, `<circle class="decision" cx="258" cy="%.1f" r="`+decisionRadius+`"/><text x="267" y="%.1f">decision recorded by the team</text>`, mid, mid+4)
	}
	fmt.Fprintf(b, `<text class="muted" x="%d" y="%.1f" text-anchor="end">time is exercise time</text></g>`, chartWidth-6, mid+4)
}

// laneLabel writes a team's name at the left of its lane, on two lines
// when it is long, with the whole name as its tooltip.
func laneLabel(name string, y int) string {
	full := template.HTMLEscapeString(name)
	first, second := splitLabel(name)
	if second == "" {
		return fmt.Sprintf(`<text class="label" x="6" y="%d"><title>%s</title>%s</text>`, y+laneHeight/2+4, full, template.HTMLEscapeString(first))
	}
	return fmt.Sprintf(`<text class="label" x="6" y="%d"><title>%s</title><tspan x="6">%s</tspan><tspan x="6" dy="%d">%s</tspan></text>`,
		y+laneHeight/2-2, full, template.HTMLEscapeString(first), chartFont+1, template.HTMLEscapeString(second))
}

// splitLabel breaks a name longer than labelRunes at the last space that
// leaves a first line that fits, truncating what still does not.
func splitLabel(name string) (string, string) {
	r := []rune(name)
	if len(r) <= labelRunes {
		return name, ""
	}
	cut := -1
	for i := labelRunes; i > 0; i-- {
		if r[i] == ' ' {
			cut = i
			break
		}
	}
	if cut < 0 {
		return truncateRunes(name, labelRunes), ""
	}
	return string(r[:cut]), truncateRunes(strings.TrimSpace(string(r[cut:])), labelRunes)
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
