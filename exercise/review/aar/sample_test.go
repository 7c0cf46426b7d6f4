package aar

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"ttx/exercise/review"
	"ttx/exercise/review/aar/internal/section"
)

// sampleDocument is a document of every kind of block, with a long
// decision log of corrections and a table of many columns, for looking
// at the printed pages.
func sampleDocument(intact bool) section.Document {
	c := cover(&review.Report{Title: "Operation Meridian Shield"})
	c.Intact = intact
	c.Integrity = "Verified: ttx verify passed: 1,204 events, hash chain intact."
	if !intact {
		c.Integrity = "UNVERIFIED: line 31 was changed. This report is not a verified record of the exercise."
	}
	log := &section.Table{Head: []string{"Time", "Team", "Who", "Decision", "Rationale", "JDM stage", "Inject"}, Widths: []int{2, 3, 2, 6, 6, 3, 2}}
	for i := range 60 {
		dec := section.Cell{section.Text(fmt.Sprintf("Decision %d: close the eastbound platforms and hold trains at Vauxhall", i))}
		if i%7 == 3 {
			dec = section.Cell{{Text: dec[0].Text, Struck: true}, {Text: "\nStruck by ana at T+00:41: recorded against the wrong team", Em: true}}
		}
		log.Rows = append(log.Rows, []section.Cell{section.Plain(fmt.Sprintf("T+00:%02d:00", i)), section.Plain("British Transport Police"), section.Plain("Officer 2"),
			dec, section.Plain("Smoke reported; risk to passengers outweighs disruption"), section.Plain("Options and contingencies"), section.Plain("L-04")})
	}
	wide := &section.Table{Head: []string{"Inject", "Released"}, Right: []bool{false, false}}
	for _, t := range []string{"Metropolitan Police", "British Transport Police", "London Fire Brigade", "London Ambulance Service", "Borough emergency planning", "Transport for London", "Mayor's Office and GLA", "Network Rail", "Environment Agency", "Port of London Authority"} {
		wide.Head = append(wide.Head, t)
		wide.Right = append(wide.Right, true)
	}
	for i := range 12 {
		row := []section.Cell{section.Plain(fmt.Sprintf("L-%02d Suspicious van on the South Bank", i)), section.Plain(fmt.Sprintf("T+00:%02d:00", i*5))}
		for range 10 {
			row = append(row, section.Plain("12m 30s"))
		}
		wide.Rows = append(wide.Rows, row)
	}
	return section.Document{Cover: c, Parts: []section.Part{
		{ID: "overview", Number: "1", Title: "Exercise overview", Blocks: []section.Block{
			{Table: &section.Table{Head: []string{"Item", "Detail"}, Widths: []int{1, 3}, Rows: [][]section.Cell{
				{section.Plain("Exercise name"), section.Plain("Operation Meridian Shield")},
				{section.Plain("Scope"), section.Plain("")},
				{section.Plain("Core capabilities"), section.Plain("Operational coordination\nPublic information and warning")}}}},
			{Note: []section.Span{section.Text("Blank rows are for the planning team to complete.")}},
		}},
		{ID: "capabilities", Number: "2", Title: "Analysis of core capabilities", Blocks: []section.Block{
			{Heading: "Response by team", Level: 3},
			{Table: wide},
			{Para: []section.Span{section.Text("Ratings: "), {Text: "P", Strong: true}, section.Text(" performed without challenges.")}},
			{List: [][]section.Span{{section.Text("Strength: joint command set up in 12 minutes")}, {section.Text("Area for improvement: "), {Text: "no RFI answered", Em: true}}}},
		}},
		{ID: "appendix-a", Number: "Appendix A", Title: "Improvement plan", PageBreak: true, Blocks: []section.Block{
			{Table: &section.Table{Head: []string{"Capability", "Issue", "Corrective action", "Capability element", "Primary responsible organisation", "POC", "Start date", "Completion date"}}},
		}},
		{ID: "annex", Number: "Annex", Title: "JESIP decision log", PageBreak: true, Blocks: []section.Block{{Table: log}}},
	}}
}

// TestWriteSampleDocument writes the sample document as HTML (A4 and
// Letter) and DOCX into $TTX_SAMPLE_DIR, for printing and looking at;
// it is skipped without it.
func TestWriteSampleDocument(t *testing.T) {
	dir := os.Getenv("TTX_SAMPLE_DIR")
	if dir == "" {
		t.Skip("set TTX_SAMPLE_DIR to a directory to write the sample document into")
	}
	r := &review.Report{Title: "Operation Meridian Shield"}
	for _, intact := range []bool{true, false} {
		name := map[bool]string{true: "intact", false: "tampered"}[intact]
		for _, p := range []Paper{A4, Letter} {
			var b strings.Builder
			if err := writeHTMLDoc(&b, r, sampleDocument(intact), Options{Paper: p}); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(fmt.Sprintf("%s/%s-%s.html", dir, name, p), []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
