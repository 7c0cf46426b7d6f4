package aar

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
	"ttx/exercise/review/aar/internal/wordml"
)

// TestWriteTextHostile writes text no session should hold into a
// paragraph: the XML stays well-formed and reads back as what a reader
// should see, everything unprintable shown as an escape.
func TestWriteTextHostile(t *testing.T) {
	long := strings.Repeat("Supercalifragilistic", 500)
	for _, c := range []struct{ in, want string }{
		{"a ]]> b <![CDATA[ c", "a ]]> b <![CDATA[ c"},
		{"</w:t></w:r><w:r><w:t>injected", "</w:t></w:r><w:r><w:t>injected"},
		{`& "quoted" 'single'`, `& "quoted" 'single'`},
		{"bad \xff\xfe utf-8 \xc3", `bad \xff\xfe utf-8 \xc3`},
		{"nul \x00 esc \x1b[2J bel \x07 vt \x0b", `nul \u0000 esc \u001b[2J bel \u0007 vt \u000b`},
		{"non-characters \uFFFE \uFFFF", `non-characters \uFFFE \uFFFF`},
		{"c1 \u009b31m rlo \u202eevil\u202c", `c1 \u009b31m rlo \u202eevil\u202c`},
		{"real \uFFFD replacement", "real \uFFFD replacement"},
		{"two\nlines\r\nand\ta tab", "two|lines|and→a tab"},
		{long, long},
	} {
		var buf bytes.Buffer
		b := wordml.Body{Writer: bufio.NewWriter(&buf), Paper: wordml.PageSizes["a4"]}
		b.Para("", wordml.Plain(c.in))
		b.Flush()
		doc := `<w:document ` + wordml.NSW + `>` + buf.String() + `</w:document>`
		got := readRuns(t, doc)
		if got != c.want {
			t.Errorf("%q: reads back as %q, want %q", c.in, got, c.want)
		}
	}
}

// readRuns decodes a document and returns the text of its runs, with
// w:br as | and w:tab as →.
func readRuns(t *testing.T, doc string) string {
	t.Helper()
	var out strings.Builder
	d := xml.NewDecoder(strings.NewReader(doc))
	inText := false
	for {
		tok, err := d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return out.String()
			}
			t.Fatalf("not well-formed: %v\n%s", err, doc)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			inText = tok.Name.Local == "t"
			switch tok.Name.Local {
			case "br":
				out.WriteString("|")
			case "tab":
				out.WriteString("→")
			}
		case xml.EndElement:
			inText = false
		case xml.CharData:
			if inText {
				out.Write(tok)
			}
		}
	}
}

// TestTableFitsTheText: a table's columns add up to the width between
// the margins, portrait and landscape, on both papers, with a fixed
// layout so that a long word wraps in its cell.
func TestTableFitsTheText(t *testing.T) {
	for name, p := range wordml.PageSizes {
		for _, landscape := range []bool{false, true} {
			var buf bytes.Buffer
			b := wordml.Body{Writer: bufio.NewWriter(&buf), Paper: p, Landscape: landscape}
			b.Table([]wordml.Column{{Weight: 3}, {Weight: 1}, {Weight: 1}}, []string{"a", "b", "c"}, [][]string{{strings.Repeat("x", 3000), "1", "2"}})
			b.Flush()
			want := p.Width - 2*wordml.PageMargin
			if landscape {
				want = p.Height - 2*wordml.PageMargin
			}
			var grid struct {
				Cols []struct {
					W int `xml:"w,attr"`
				} `xml:"tbl>tblGrid>gridCol"`
			}
			if err := xml.Unmarshal([]byte("<x>"+buf.String()+"</x>"), &grid); err != nil {
				t.Fatal(err)
			}
			sum := 0
			for _, c := range grid.Cols {
				sum += c.W
			}
			if sum != want || len(grid.Cols) != 3 {
				t.Errorf("%s landscape=%v: %d columns of %d twips in all, want 3 of %d", name, landscape, len(grid.Cols), sum, want)
			}
			if !bytes.Contains(buf.Bytes(), []byte(`<w:tblLayout w:type="fixed"/>`)) {
				t.Errorf("%s: the table's layout is not fixed", name)
			}
		}
	}
}
