package review_test

// The HTML report's print layout: what a browser needs to print it on
// the chosen paper with every column on the page, headers repeated and no
// half-blank pages. The pages themselves were looked at by hand (README,
// "The after-action report").

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"ttx/exercise/review"
	"ttx/exercise/review/aar"
)

// printReport writes the HTML report of a London session with every team
// playing, as WriteHTML (nil) or the options write it.
func printReport(t *testing.T, o *aar.Options) (string, *review.Report) {
	t.Helper()
	r := review.Build(review.OpenLog(t, review.GenSession(t, t.TempDir(), "london", 120)))
	var b bytes.Buffer
	write := aar.WriteHTML
	if o != nil {
		write = o.WriteHTML
	}
	if err := write(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.String(), r
}

var (
	styleRe = regexp.MustCompile(`(?s)<style>(.*)</style>`)
	ruleRe  = regexp.MustCompile(`([^{}]+)\{([^{}]*)\}`)
	tableRe = regexp.MustCompile(`(?s)<table[ >].*?</table>`)
	cellRe  = regexp.MustCompile(`<t[hd][ >]`)
)

// cssRules gives the report's CSS rules, selector to declarations, with
// @media and @page blocks flattened.
func cssRules(t *testing.T, html string) map[string]string {
	t.Helper()
	m := styleRe.FindStringSubmatch(html)
	if m == nil {
		t.Fatal("the report has no <style>")
	}
	css := strings.ReplaceAll(m[1], "@media print {", "")
	rules := map[string]string{}
	for _, r := range ruleRe.FindAllStringSubmatch(css, -1) {
		for _, sel := range strings.Split(r[1], ",") {
			sel = strings.TrimSpace(sel)
			rules[sel] += r[2] + ";"
		}
	}
	return rules
}

func TestHTMLPrintLayout(t *testing.T) {
	html, r := printReport(t, nil)
	rules := cssRules(t, html)
	if got := rules["@page"]; !strings.Contains(got, "size: A4") || !strings.Contains(got, "margin:") {
		t.Errorf("@page is %q: the report must be sized for A4 with margins by default", got)
	}
	if !strings.Contains(rules["thead"], "display: table-header-group") {
		t.Error("thead is not a table-header-group: headers do not repeat on each page")
	}
	for _, want := range []string{"table-layout: fixed", "width: 100%"} {
		if !strings.Contains(rules["table"], want) {
			t.Errorf("table lacks %q: a wide table runs off the page", want)
		}
	}
	if !strings.Contains(rules["th"], "overflow-wrap: anywhere") || !strings.Contains(rules["td"], "overflow-wrap: anywhere") {
		t.Error("cells do not wrap long ids and words: they push columns off the page")
	}
	if !strings.Contains(rules["tr"], "break-inside: avoid") {
		t.Error("rows may break across pages")
	}
	// Keeping whole tables, sections or injects on one page leaves the page
	// before them half blank.
	for sel, decl := range rules {
		if strings.Contains(decl, "break-inside: avoid") {
			for _, big := range []string{"table", "tbody", ".inject", "section", "body"} {
				if sel == big {
					t.Errorf("%s { break-inside: avoid }: a long one leaves half a page blank", sel)
				}
			}
		}
	}

	// The whole report is in the sheet, whose head the browser repeats at
	// the top of every printed page.
	body := html[strings.Index(html, "<body>"):]
	if !strings.HasPrefix(body, "<body>\n<table class=\"sheet\"><thead>") || !strings.HasSuffix(body, "</td></tr></tbody></table>\n</body>\n</html>\n") {
		t.Errorf("the report is not inside the sheet whose head prints on every page: %.200s … %s", body, body[max(len(body)-80, 0):])
	}

	tables := tableRe.FindAllString(html, -1)
	if len(tables) < 4 {
		t.Fatalf("%d tables in the report", len(tables))
	}
	for _, tb := range tables {
		if strings.HasPrefix(tb, `<table class="doc items">`) {
			continue // a list of items and values, without column headings
		}
		th, tr := strings.Index(tb, "<thead>"), strings.Index(tb, "<tr")
		if th < 0 || th > tr {
			t.Errorf("a table without a <thead> before its rows: %.120s", tb)
		}
	}

	// Every team has a column in the Response tables, and no table has more
	// team columns than fit across the page.
	seen := map[string]int{}
	response := html[strings.Index(html, `<section class="part" id="response">`):]
	response = response[:strings.Index(response, "</section>")]
	for _, tb := range tableRe.FindAllString(response, -1) {
		for _, row := range strings.Split(tb, "</tr>") {
			if n := len(cellRe.FindAllString(row, -1)); n > 2+8 {
				t.Errorf("a Response row of %d cells", n)
				break
			}
		}
		head := tb[:strings.Index(tb, "</thead>")]
		for _, team := range r.Teams {
			if strings.Contains(head, ">"+strings.ReplaceAll(team.Name, "'", "&#39;")+"<") {
				seen[team.ID]++
			}
		}
	}
	for _, team := range r.Teams {
		if seen[team.ID] != 1 {
			t.Errorf("team %s has %d Response columns, want 1", team.Name, seen[team.ID])
		}
	}

	// The legend is in the chart, drawn with the chart's own marks.
	svg := html[strings.Index(html, "<svg"):strings.Index(html, "</svg>")]
	key := svg[strings.Index(svg, `<g class="key">`)+1:]
	if !strings.Contains(svg, `<g class="key">`) || !strings.Contains(key, `<path class="inject" d="M`) || !strings.Contains(key, `<circle class="decision"`) {
		t.Error("the swimlane chart has no key drawn with its inject and decision marks")
	}
	if m := regexp.MustCompile(`<path class="inject" d="M[0-9.]+ [0-9.]+ ([^"]*)"`).FindAllStringSubmatch(svg, -1); len(m) < 2 || m[0][1] != m[len(m)-1][1] {
		t.Errorf("the key's inject mark is not the lanes' one: %v", m)
	}
	if strings.Contains(html, "▲") {
		t.Error("a legend outside the chart still draws ▲, which is not the chart's mark")
	}
}

func TestHTMLPaper(t *testing.T) {
	for _, c := range []struct {
		typed, size string
	}{{"", "A4"}, {"a4", "A4"}, {"letter", "letter"}, {"Letter", "letter"}} {
		p, err := aar.ParsePaper(c.typed)
		if err != nil {
			t.Fatalf("ParsePaper(%q): %v", c.typed, err)
		}
		html, _ := printReport(t, &aar.Options{Paper: p})
		if got := cssRules(t, html)["@page"]; !strings.Contains(got, "size: "+c.size+";") {
			t.Errorf("--paper %q: @page is %q, want size %s", c.typed, got, c.size)
		}
	}
	if _, err := aar.ParsePaper("b5"); err == nil || !strings.Contains(err.Error(), "a4 or letter") {
		t.Errorf("ParsePaper(b5): %v, want an error naming a4 and letter", err)
	}
}
