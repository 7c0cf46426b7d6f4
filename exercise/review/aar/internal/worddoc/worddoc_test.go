package worddoc

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"ttx/exercise/review/aar/internal/section"
	"ttx/exercise/review/aar/internal/wordml"
)

const hostile = `<script>alert("x")</script> & "q" </w:t></w:r><w:r><w:t>x esc ` + "\x1b[2J rlo \u202eevil"

func doc(intact bool) section.Document {
	log := &section.Table{Head: []string{"T", "Team", "Who", "Decision", "Rationale", "Stage", "Inject", "Said at"}, Right: []bool{true},
		Rows: [][]section.Cell{{section.Plain("00:05"), section.Plain("Police"), section.Plain("ana"),
			{{Text: "Close the road", Struck: true}, {Text: "\nStruck by ana: wrong team"}}, section.Plain(hostile), section.Plain("action"), section.Plain("INJ-1"), section.Plain("00:04")}}}
	return section.Document{
		Cover: section.Cover{Marking: "DRAFT", Handling: "Exercise material", Title: "Riverside " + hostile,
			Kind: "After-Action Report/Improvement Plan", Dates: "1 December 2026", Integrity: "Verified", Intact: intact},
		Parts: []section.Part{
			{ID: "overview", Number: "1", Title: "Exercise overview", Blocks: []section.Block{
				{Table: &section.Table{Head: []string{"Item", "Detail"}, Widths: []int{1, 3}, Rows: [][]section.Cell{{section.Plain("Name"), section.Plain(hostile)}}}},
				{Heading: "Scenario", Level: 3},
				{Para: []section.Span{section.Text("one\ntwo "), {Text: "bold", Strong: true}}},
				{Note: []section.Span{section.Text("to complete")}},
				{List: [][]section.Span{{section.Text("a")}}},
			}},
			{ID: "appendix-a", Number: "Appendix A", Title: "Improvement plan", PageBreak: true, Blocks: []section.Block{
				{Table: &section.Table{Head: []string{"Capability", "Issue"}}},
				{Table: &section.Table{Head: []string{"Issue"}, Empty: "No issues recorded."}},
			}},
			{ID: "annex", Number: "Annex", Title: "Decision log", PageBreak: true, Blocks: []section.Block{{Table: log}}},
		},
	}
}

// parts writes d and returns the package's parts, each checked
// well-formed.
func parts(t *testing.T, d section.Document, paper string) map[string]string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, d, wordml.PageSizes[paper], time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range z.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		out[f.Name] = string(data)
		dec := xml.NewDecoder(bytes.NewReader(data))
		for {
			if _, err := dec.Token(); errors.Is(err, io.EOF) {
				break
			} else if err != nil {
				t.Fatalf("%s is not well-formed: %v", f.Name, err)
			}
		}
	}
	return out
}

// TestWordDocument: Word headings for parts and sub-headings, tables with
// a repeating header row, struck text struck through, a cover then a
// page break, appendices on new pages, the eight-column log on landscape
// pages and back, hostile text kept as text.
func TestWordDocument(t *testing.T) {
	p := parts(t, doc(true), "a4")
	body := p["word/document.xml"]
	for _, want := range []string{
		`<w:pStyle w:val="Verdict"/></w:pPr><w:r><w:t xml:space="preserve">Verified</w:t>`,
		`<w:pStyle w:val="Draft"/></w:pPr><w:r><w:t xml:space="preserve">DRAFT</w:t>`,
		`<w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">1. Exercise overview</w:t>`,
		`<w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">Appendix A: Improvement plan</w:t>`,
		`<w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t xml:space="preserve">Scenario</w:t>`,
		`<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>`,
		`<w:rPr><w:strike/></w:rPr><w:t xml:space="preserve">Close the road</w:t>`,
		`<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">bold</w:t></w:r>`,
		`<w:t xml:space="preserve">one</w:t><w:br/><w:t xml:space="preserve">two </w:t>`,
		`&lt;/w:t&gt;&lt;/w:r&gt;&lt;w:r&gt;&lt;w:t&gt;x esc \u001b[2J rlo \u202eevil`,
		`<w:pStyle w:val="Note"/></w:pPr><w:r><w:t xml:space="preserve">No issues recorded.</w:t>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	cover := body[:strings.Index(body, "1. Exercise overview")]
	if !strings.Contains(cover, `<w:br w:type="page"/>`) {
		t.Error("no page break after the cover")
	}
	annex := strings.Index(body, "Annex: Decision log")
	before := body[strings.Index(body, "Appendix A"):annex]
	if !strings.Contains(before, `<w:pgSz w:w="11906" w:h="16838"/>`) {
		t.Error("no portrait section ends before the wide annex")
	}
	// The annex is the last part: its landscape section is the body's
	// last, with no empty portrait section (a blank page) after it.
	if strings.Count(body[annex:], `<w:sectPr>`) != 1 || !strings.HasSuffix(strings.TrimSpace(body), `<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>`) {
		t.Error("the annex's eight columns are not on the body's last section, landscape")
	}
	if n := strings.Count(body, `<w:trHeight w:val="567" w:hRule="atLeast"/>`); n != blankRows {
		t.Errorf("a table to fill in has %d rows to write in, want %d", n, blankRows)
	}
	if !strings.Contains(p["word/footer1.xml"], "PAGE") || !strings.Contains(p["word/footer1.xml"], "NUMPAGES") {
		t.Error("no page numbers")
	}
}

// TestHeaderSaysUnverified: every page's header carries the marking and
// the caveat, and UNVERIFIED when the file failed verification, as do
// the title and the document's properties.
func TestHeaderSaysUnverified(t *testing.T) {
	for _, intact := range []bool{true, false} {
		p := parts(t, doc(intact), "letter")
		hdr := p["word/header1.xml"]
		if !strings.Contains(hdr, "DRAFT · Exercise material") {
			t.Errorf("intact=%v: the header lacks the caveat: %s", intact, hdr)
		}
		for name, s := range map[string]string{"header": hdr, "title": p["word/document.xml"], "properties": p["docProps/core.xml"]} {
			if got := strings.Contains(s, "UNVERIFIED"); got == intact {
				t.Errorf("intact=%v: UNVERIFIED in the %s is %v", intact, name, got)
			}
		}
		if !strings.Contains(p["word/document.xml"], `<w:pgSz w:w="12240" w:h="15840"/>`) {
			t.Error("letter paper is not letter")
		}
	}
}
