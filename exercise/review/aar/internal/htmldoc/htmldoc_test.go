package htmldoc

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"ttx/exercise/review/aar/internal/section"
)

// hostile is text no session should hold, as the cleaned record can
// still carry it: markup, quotes, ampersands, a terminal escape made
// visible upstream, a bidi override.
const hostile = `<script>alert("x")</script> & "q" 'a' </td></tr></table><h1>fake</h1> esc ` + "\x1b[2J rlo \u202eevil"

func doc(intact bool) section.Document {
	return section.Document{
		Cover: section.Cover{Marking: "DRAFT", Handling: "Exercise material " + hostile, Title: "Riverside " + hostile,
			Kind: "After-Action Report/Improvement Plan", Dates: "1 December 2026", Integrity: "Verified: " + hostile, Intact: intact,
			Lines: []string{"Sponsor: " + hostile}},
		Parts: []section.Part{
			{ID: "overview", Number: "1", Title: "Exercise overview", Blocks: []section.Block{
				{Table: &section.Table{Head: []string{"Item", "Detail"}, Widths: []int{1, 3}, Rows: [][]section.Cell{
					{section.Plain("Name"), section.Plain(hostile)},
				}}},
				{Heading: "Scenario " + hostile, Level: 3},
				{Para: []section.Span{section.Text("one\ntwo "), {Text: "bold", Strong: true}, {Text: " it", Em: true}}},
				{Note: []section.Span{section.Text("to complete")}},
				{List: [][]section.Span{{section.Text("a " + hostile)}, {section.Text("b")}}},
			}},
			{ID: "annex", Number: "Annex", Title: "Decision log", PageBreak: true, Blocks: []section.Block{
				{Table: &section.Table{Head: []string{"T", "Team", "Who", "Decision", "Rationale", "Stage", "Inject"}, Right: []bool{true},
					Rows: [][]section.Cell{{section.Plain("00:05"), section.Plain("Police"), section.Plain("ana"),
						{{Text: "Close the road", Struck: true}, {Text: "\nStruck by ana: wrong team"}}, section.Plain(""), section.Plain("action"), section.Plain("INJ-1")}}}},
				{Table: &section.Table{Head: []string{"Issue"}, Empty: "No issues recorded."}},
				{Table: &section.Table{Head: []string{"Capability", "Issue"}}},
			}},
		},
	}
}

func render(d section.Document) string {
	var b strings.Builder
	OpenSheet(&b, d.Cover)
	Cover(&b, d.Cover)
	Parts(&b, d.Parts)
	CloseSheet(&b)
	return b.String()
}

// textOf parses the HTML and returns its elements' names and its text.
func textOf(t *testing.T, s string) (elements []string, text string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader("<x>" + s + "</x>"))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	var b strings.Builder
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return elements, b.String()
		}
		if err != nil {
			t.Fatalf("%v\n%s", err, s)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			elements = append(elements, tok.Name.Local)
		case xml.CharData:
			b.Write(tok)
		}
	}
}

// TestEscapesHostileText: text from the file never becomes markup; it
// reads back as written, terminal escapes and bidi controls made visible.
func TestEscapesHostileText(t *testing.T) {
	out := render(doc(true))
	els, text := textOf(t, out)
	for _, e := range els {
		if e == "script" || e == "h1" && strings.Count(out, "<h1>") != 1 {
			t.Errorf("text from the file became a <%s> element", e)
		}
	}
	if strings.Contains(out, "\x1b") || strings.Contains(out, "\u202e") {
		t.Error("a terminal escape or a bidi override reached the HTML")
	}
	seen := `<script>alert("x")</script> & "q" 'a' </td></tr></table><h1>fake</h1> esc \u001b[2J rlo \u202eevil`
	if n := strings.Count(text, seen); n < 7 {
		t.Errorf("the hostile text reads back %d times as %q, want 7\n%s", n, seen, text)
	}
}

// TestSpans: struck text is <del>, a single line through it; strong and
// emphasis nest inside; a line break is <br>.
func TestSpans(t *testing.T) {
	var b strings.Builder
	Spans(&b, []section.Span{{Text: "gone", Struck: true, Strong: true}, {Text: "\nnew", Em: true}, {Text: "a\r\nb"}})
	if got, want := b.String(), "<del><strong>gone</strong></del><em><br>new</em>a<br>b"; got != want {
		t.Errorf("spans as %q, want %q", got, want)
	}
}

// TestCoverAndSheet: the verdict opens the cover before the title; every
// page's header carries the marking and the handling caveat, and NOT
// VERIFIED, as does the title, when the file failed verification.
func TestCoverAndSheet(t *testing.T) {
	for _, intact := range []bool{true, false} {
		out := render(doc(intact))
		head := out[:strings.Index(out, "</thead>")]
		if !strings.Contains(head, "DRAFT · Exercise material &lt;script&gt;") {
			t.Errorf("intact=%v: the page header lacks the marking and caveat: %s", intact, head)
		}
		if got := strings.Contains(head, "UNVERIFIED"); got == intact {
			t.Errorf("intact=%v: UNVERIFIED in every page's header is %v", intact, got)
		}
		v, h1 := strings.Index(out, `id="integrity-verdict"`), strings.Index(out, "<h1>")
		if v < 0 || v > h1 {
			t.Errorf("intact=%v: the verdict does not come before the title", intact)
		}
		if got := strings.HasPrefix(out[h1:], "<h1>UNVERIFIED — Riverside"); got == intact {
			t.Errorf("intact=%v: title %.60s", intact, out[h1:])
		}
		if !strings.Contains(out, `<section class="cover" id="cover">`) || !strings.Contains(CSS("A4"), ".cover { break-after: page;") {
			t.Error("the cover does not end its page")
		}
	}
}

// TestPartsAndTables: parts are sections with numbered h2 headings, the
// annex on a new page; tables have a <thead>, widths as shares, figures
// on the right, a wide one set smaller; a table with no rows says Empty
// or leaves blank rows to write in.
func TestPartsAndTables(t *testing.T) {
	out := render(doc(true))
	for _, want := range []string{
		`<section class="part" id="overview">` + "\n<h2>1. Exercise overview</h2>",
		`<section class="part newpage" id="annex">` + "\n<h2>Annex: Decision log</h2>",
		`</colgroup><thead><tr><th scope="col">Item</th>`,
		`<table class="doc wide"><colgroup><col style="width:`,
		`<thead><tr><th scope="col" class="num">T</th>`,
		`<td class="num">00:05</td>`,
		`<td><del>Close the road</del><br>Struck by ana: wrong team</td>`,
		`<p class="empty">No issues recorded.</p>`,
		`<tr class="blank"><td></td><td></td></tr>`,
		`<h3>Scenario &lt;script&gt;`,
		`<p>one<br>two <strong>bold</strong><em> it</em></p>`,
		`<p class="note">to complete</p>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the HTML lacks %q", want)
		}
	}
	if strings.Count(out, `<tr class="blank">`) != blankRows {
		t.Errorf("a table to fill in has %d blank rows, want %d", strings.Count(out, `<tr class="blank">`), blankRows)
	}
	css := CSS("letter")
	for _, want := range []string{"@page { size: letter;", "section.newpage { break-before: page;", "del { text-decoration: line-through;"} {
		if !strings.Contains(css, want) {
			t.Errorf("the CSS lacks %q", want)
		}
	}
}

// TestShares: the columns share the whole width, in Widths' proportions
// when given, else by what they hold; a column of times or ids is never
// narrower than its longest word, while the words fit at all.
func TestShares(t *testing.T) {
	row := func(cells ...string) []section.Cell {
		var r []section.Cell
		for _, c := range cells {
			r = append(r, section.Plain(c))
		}
		return r
	}
	long := "Decision to close the eastbound platforms and hold trains at Vauxhall until the all-clear"
	log := &section.Table{Head: []string{"Time", "Decision"}, Widths: []int{1, 30}, Rows: [][]section.Cell{row("T+00:03:00", long)}}
	s := Shares(log, 2)
	if floor := (10*typePt*charEm + cellPadPt) / printWidthPt; s[0] < floor-1e-9 || s[0]+s[1] < 1-1e-9 || s[0]+s[1] > 1+1e-9 {
		t.Errorf("shares %v: the time column is below %.3f, or they do not add up to 1", s, floor)
	}
	free := &section.Table{Head: []string{"Inject", "Released", "Police"}, Rows: [][]section.Cell{row("L-04 Suspicious van on the South Bank", "T+00:05:00", "2m")}}
	if s := Shares(free, 3); !(s[0] > s[1] && s[1] > s[2]) {
		t.Errorf("shares %v: without Widths, the columns do not follow what they hold", s)
	}
	given := &section.Table{Head: []string{"a", "b"}, Widths: []int{1, 3}, Rows: [][]section.Cell{row(long, long)}}
	if s := Shares(given, 2); s[0] != 0.25 || s[1] != 0.75 {
		t.Errorf("shares %v, want Widths' 0.25 0.75", s)
	}
	conduct := &section.Table{Head: []string{"Time", "What", "By", "Reason"}, Widths: []int{2, 6, 3, 6}, Rows: [][]section.Cell{row("09:02:00", "decision by Metropolitan Police against L-03", "", "")}}
	if s := Shares(conduct, 4); s[2] > 0.1 || s[3] > 0.15 || s[1] < 0.5 {
		t.Errorf("shares %v: columns empty in every row take more than their headings", s)
	}
	plan := &section.Table{Head: []string{"Issue", "Action"}, Widths: []int{1, 3}, Rows: [][]section.Cell{row("", ""), row("", "")}}
	if s := Shares(plan, 2); s[0] != 0.25 {
		t.Errorf("shares %v: a table of blank rows to fill in does not keep its Widths", s)
	}
	var many []string
	for range 30 {
		many = append(many, "Supercalifragilistic")
	}
	crowd := &section.Table{Head: many}
	total := 0.0
	for _, x := range Shares(crowd, 30) {
		total += x
	}
	if total < 1-1e-9 || total > 1+1e-9 {
		t.Errorf("thirty long headings share %v of the width", total)
	}
}

// TestTableShapes: rows come from Rows then More; code is <code>; a
// table of empty headings is items and values with row headings; a
// table of a column per team beyond eight columns is split, each part
// repeating the first columns and every team in one part.
func TestTableShapes(t *testing.T) {
	var b strings.Builder
	Table(&b, &section.Table{Head: []string{"", ""}, Rows: [][]section.Cell{{section.Plain("Final hash"), {section.Code("ab12")}}},
		More: func(yield func([]section.Cell) bool) {
			yield([]section.Cell{section.Plain("Later"), section.Plain("row")})
		}})
	for _, want := range []string{`<table class="doc items">`, `<tr><th scope="row">Final hash</th><td><code>ab12</code></td></tr>`, `<th scope="row">Later</th><td>row</td>`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("lacks %q:\n%s", want, b.String())
		}
	}
	if strings.Contains(b.String(), "<thead>") {
		t.Error("a table of empty headings has a head")
	}

	teams := &section.Table{Head: []string{"Inject", "Released"}, Right: []bool{false, false}}
	for i := range 12 {
		teams.Head, teams.Right = append(teams.Head, fmt.Sprintf("Team %d", i)), append(teams.Right, true)
	}
	teams.Rows = [][]section.Cell{{section.Plain("L-01 Smoke"), section.Plain("T+00:00:00")}}
	for i := range 12 {
		teams.Rows[0] = append(teams.Rows[0], section.Plain(fmt.Sprintf("%dm", i)))
	}
	b.Reset()
	Table(&b, teams)
	out := b.String()
	tables := strings.Split(out, "<table ")[1:]
	if len(tables) != 3 {
		t.Fatalf("a table of 14 columns is written as %d tables, want 3:\n%s", len(tables), out)
	}
	for i, tb := range tables {
		if !strings.Contains(tb, `<th scope="col">Inject</th><th scope="col">Released</th>`) || !strings.Contains(tb, "<td>L-01 Smoke</td><td>T+00:00:00</td>") {
			t.Errorf("part %d does not repeat the first columns", i+1)
		}
		if n := strings.Count(tb, "<th "); n != 6 {
			t.Errorf("part %d has %d columns, want 6", i+1, n)
		}
	}
	for i := range 12 {
		if n := strings.Count(out, fmt.Sprintf(">Team %d<", i)); n != 1 {
			t.Errorf("Team %d has %d columns", i, n)
		}
		if n := strings.Count(out, fmt.Sprintf(">%dm<", i)); n != 1 {
			t.Errorf("Team %d's figure is written %d times", i, n)
		}
	}
	if !strings.Contains(out, `<p class="split">Part 1 of 3 of the table: Team 0 to Team 3.</p>`) {
		t.Errorf("the parts are not named:\n%s", out)
	}
}

// TestWordHeadingsStayWhole: for a writer that does not hyphenate (Word,
// LibreOffice), a column of one-digit numbers is still as wide as its
// heading's longest word in bold, so "Answered" is not broken into
// "Answere" and "d" as it was.
func TestWordHeadingsStayWhole(t *testing.T) {
	tab := &section.Table{Head: []string{"Team", "Injects received", "Answered", "Decisions", "Requests", "Median first response", "Struck through"}}
	for range 7 {
		tab.Rows = append(tab.Rows, []section.Cell{section.Plain("London Ambulance Service"), section.Plain("2"), section.Plain("1"),
			section.Plain("1"), section.Plain("0"), section.Plain("0m 14s"), section.Plain("0")})
	}
	check := func(writer string, shares []float64, width, size float64) {
		for i, h := range tab.Head {
			word := 0
			for _, f := range strings.Fields(h) {
				word = max(word, len(f))
			}
			if need := boldWidth*float64(word)*size*charEm + cellPadPt; shares[i]*width < need-0.01 {
				t.Errorf("%s: column %q is %.0f pt wide; its heading's longest word needs %.0f", writer, h, shares[i]*width, need)
			}
		}
	}
	check("word", SharesIn(tab, 7, 481, 9, cellPadPt), 481, 9)
	// Nor does every browser hyphenate: the HTML keeps them whole too.
	check("html", Shares(tab, 7), printWidthPt, wideTypePt)
}

// TestFullTableGivesUpWidthAboveTheFloors: when every column is held at
// its floor or its ceiling and together they overflow the page (the
// London Response table on a landscape Word page), the columns above
// their floor give up the width; it was shared out evenly, and the
// release time "T+00:04:01" and "Ambulance" broke in two.
func TestFullTableGivesUpWidthAboveTheFloors(t *testing.T) {
	tab := &section.Table{Head: []string{"Inject", "Released", "Metropolitan Police", "British Transport Police", "London Fire Brigade", "London Ambulance Service", "Borough emergency planning", "Transport for London", "Mayor's Office and GLA"},
		Widths: []int{6, 2, 2, 2, 2, 2, 2, 2, 2}}
	blank := section.Plain("")
	tab.Rows = [][]section.Cell{
		{section.Plain("L-01 999 calls from Waterloo station concourse"), section.Plain("T+00:00:00"), section.Plain("0m 14s"), section.Plain("4m 05s"), blank, section.Plain("0m 17s"), blank, blank, blank},
		{section.Plain("L-02 BTP officers on the concourse"), section.Plain("T+00:04:01"), section.Plain("none"), section.Plain("none"), blank, blank, blank, blank, blank},
	}
	const width, size, pad = 728.5, 9.0, 10.8
	shares := SharesIn(tab, 9, width, size, pad)
	char := size * charEm
	for i, want := range map[int]float64{1: 10*char + pad, 5: boldWidth*9*char + pad, 6: boldWidth*9*char + pad} {
		if got := shares[i] * width; got < want-0.01 {
			t.Errorf("column %q is %.1f pt wide, below its longest word's %.1f", tab.Head[i], got, want)
		}
	}
	total := 0.0
	for _, s := range shares {
		total += s
	}
	if total < 0.999 || total > 1.001 {
		t.Errorf("the shares add up to %v", total)
	}
}

// TestWriteLinesIsLines: the words written straight out are the words
// lines builds, whatever they hold.
func TestWriteLinesIsLines(t *testing.T) {
	for _, s := range []string{"", "plain", "a\nb", "a\r\nb\rc", `<b>&'"</b>`, "\x1b]52;c;x\a \u202eevil\u202c\u0085", "Zoë\n\n", "\t\x00\x7f"} {
		var b strings.Builder
		writeLines(&b, s)
		if b.String() != lines(s) {
			t.Errorf("%q: wrote %q, lines gives %q", s, b.String(), lines(s))
		}
	}
}
