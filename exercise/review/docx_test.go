package review_test

// The DOCX report's tests, on the fixtures of package review's tests (see
// writers_test.go).

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"ttx/exercise/review"
	"ttx/exercise/review/aar"
	"ttx/exercise/text/texttest"
)

// docxParts writes r as DOCX on paper and returns its parts by name,
// failing unless the zip opens and every XML part is well-formed.
func docxParts(t *testing.T, r *review.Report, paper string) map[string]string {
	t.Helper()
	var b bytes.Buffer
	if err := aar.WriteDOCX(&b, r, paper); err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatalf("the DOCX is not a zip: %v", err)
	}
	parts := map[string]string{}
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(f.Name, err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(f.Name, err)
		}
		parts[f.Name] = string(data)
		d := xml.NewDecoder(bytes.NewReader(data))
		for {
			_, err := d.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
			}
		}
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
		"word/styles.xml", "word/settings.xml", "word/numbering.xml", "word/header1.xml", "word/footer1.xml", "docProps/core.xml", "docProps/app.xml"} {
		if _, ok := parts[name]; !ok {
			t.Errorf("the DOCX lacks %s", name)
		}
	}
	// Every part a relationship names is in the package.
	for _, rels := range []string{"_rels/.rels", "word/_rels/document.xml.rels"} {
		for _, m := range regexp.MustCompile(`Target="([^"]+)"`).FindAllStringSubmatch(parts[rels], -1) {
			name := m[1]
			if rels != "_rels/.rels" {
				name = "word/" + name
			}
			if _, ok := parts[name]; !ok {
				t.Errorf("%s names %s, which the DOCX lacks", rels, name)
			}
		}
	}
	return parts
}

// docxText is the text of a part's w:t elements, a paragraph a line.
func docxText(t *testing.T, part string) string {
	t.Helper()
	var b strings.Builder
	d := xml.NewDecoder(strings.NewReader(part))
	inText := false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return b.String()
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			inText = tok.Name.Local == "t"
		case xml.EndElement:
			inText = false
			if tok.Name.Local == "p" {
				b.WriteByte('\n')
			}
		case xml.CharData:
			if inText {
				b.Write(tok)
			}
		}
	}
}

// TestDOCXDocumentGolden holds word/document.xml of a small session's
// report, and that writing it twice makes the same bytes.
func TestDOCXDocumentGolden(t *testing.T) {
	r := review.Build(review.OpenLog(t, review.GenSession(t, t.TempDir(), "demo", 24)))
	var one, two bytes.Buffer
	if err := aar.WriteDOCX(&one, r, ""); err != nil {
		t.Fatal(err)
	}
	if err := aar.WriteDOCX(&two, r, ""); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(one.Bytes(), two.Bytes()) {
		t.Error("two writes of one report differ")
	}
	golden.RequireEqual(t, []byte(docxParts(t, r, "")["word/document.xml"]))
}

// TestDOCXIsAWordReport checks what makes it a Word document and not a
// text dump: Word's heading styles, a repeating header row on each data
// table, page numbers in the footer, a DRAFT title page with a caveat,
// and the response table of a session of many teams on a landscape page.
func TestDOCXIsAWordReport(t *testing.T) {
	r := review.Build(review.OpenLog(t, review.GenSession(t, t.TempDir(), "london", 200)))
	parts := docxParts(t, r, "a4")
	doc := parts["word/document.xml"]
	for _, style := range []string{"Heading1", "Heading2", "Heading3"} {
		if !strings.Contains(parts["word/styles.xml"], `w:styleId="`+style+`"`) {
			t.Errorf("styles.xml lacks %s", style)
		}
	}
	var h1 []string
	for _, m := range regexp.MustCompile(`<w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t xml:space="preserve">([^<]*)<`).FindAllStringSubmatch(doc, -1) {
		h1 = append(h1, m[1])
	}
	want := "Handling instructions|Integrity of the record|1. Exercise overview|2. Analysis of core capabilities|3. Exercise Evaluation Guide roll-up|4. Timeline|5. Response|6. Requests for information and controller notes|7. Conduct of the exercise|Appendix A: Improvement plan|Appendix B: Exercise participants|Annex: Decision log"
	if got := strings.Join(h1, "|"); got != want {
		t.Errorf("Heading1s are %q, want %q", got, want)
	}
	// Every table has a header row that repeats, but the two lists of items
	// and values of the overview.
	tables := strings.Count(doc, "<w:tbl>")
	if n := strings.Count(doc, "<w:tblHeader/>"); n != tables-2 {
		t.Errorf("%d of %d tables have a repeating header row; all but the overview's two should", n, tables)
	}
	foot := parts["word/footer1.xml"]
	for _, field := range []string{" PAGE ", " NUMPAGES "} {
		if !strings.Contains(foot, `<w:instrText xml:space="preserve">`+field+`</w:instrText>`) {
			t.Errorf("the footer lacks the %s field", field)
		}
	}
	text := docxText(t, doc)
	if !strings.HasPrefix(text, "Verified: ttx verify passed: ") || !strings.Contains(text, "\nDRAFT\n"+r.Title+"\nAfter-Action Report/Improvement Plan\n") || !strings.Contains(doc, `<w:pStyle w:val="Caveat"/>`) {
		t.Errorf("the title page does not begin with the verdict, then DRAFT, the title and a handling caveat:\n%.300s", text)
	}
	if !strings.Contains(docxText(t, parts["word/header1.xml"]), "DRAFT") {
		t.Error("the page header is not marked DRAFT")
	}
	// The response table (nine columns for seven teams) and the decision
	// log (eight) are on landscape pages, each part a section of its own.
	for _, id := range []string{"5. Response", "Annex: Decision log"} {
		part := doc[strings.Index(doc, ">"+id+"<"):]
		if end := strings.Index(part, "</w:sectPr>"); end < 0 || !strings.Contains(part[:end], `w:orient="landscape"`) {
			t.Errorf("%s is not on a landscape page", id)
		}
	}
}

// TestDOCXPaperSizes: A4 by default, Letter on request, in twips.
func TestDOCXPaperSizes(t *testing.T) {
	r := review.Build(review.OpenLog(t, review.SmallSession(t)))
	for paper, want := range map[string]string{"": `<w:pgSz w:w="11906" w:h="16838"/>`, "a4": `<w:pgSz w:w="11906" w:h="16838"/>`, "letter": `<w:pgSz w:w="12240" w:h="15840"/>`} {
		doc := docxParts(t, r, paper)["word/document.xml"]
		if !strings.Contains(doc, want) {
			t.Errorf("paper %q: no %s", paper, want)
		}
	}
	if err := aar.WriteDOCX(io.Discard, r, "a3"); err == nil || !strings.Contains(err.Error(), "a4 or letter") {
		t.Errorf("paper a3: %v, want an error naming a4 and letter", err)
	}
}

// TestDOCXEscapesHostileFile writes the hostile file's report: every part
// stays well-formed, no control or bidi character gets through, and what
// was there is shown, escaped.
func TestDOCXEscapesHostileFile(t *testing.T) {
	l, err := review.Open(review.HostileFixture)
	if err != nil {
		t.Fatal(err)
	}
	parts := docxParts(t, review.Build(l), "")
	var all strings.Builder
	for name, p := range parts {
		texttest.AssertInert(t, name, p)
		all.WriteString(docxText(t, p))
	}
	for _, want := range []string{`\u001b]52;c;ZXZpbA==\u0007 osc52`, `\u202eevil\u202c`, `\u009b31m`, `\u007f del \u0000 nul`} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("%q is not shown", want)
		}
	}
}

// TestDOCXSaysATamperedFileFailedVerification: the title, the title
// page's first lines and every page's header say so, not only the
// integrity section at the end.
func TestDOCXSaysATamperedFileFailedVerification(t *testing.T) {
	data, err := os.ReadFile(review.SmallSession(t))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	lines[3] = strings.Replace(lines[3], "Stop", "Stopp", 1)
	tampered := filepath.Join(t.TempDir(), "tampered.jsonl")
	if err := os.WriteFile(tampered, []byte(strings.Join(lines, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	r := review.Build(review.OpenLog(t, tampered))
	if r.Integrity.Intact {
		t.Fatal("the tampered file verifies")
	}
	parts := docxParts(t, r, "")
	title := strings.SplitN(docxText(t, parts["word/document.xml"]), "\n", 6)
	if !strings.HasPrefix(title[0], "UNVERIFIED: "+r.Integrity.Summary) || title[2] != "UNVERIFIED — "+r.Title {
		t.Errorf("the title page does not say the record failed verification:\n%s", strings.Join(title, "\n"))
	}
	if h := docxText(t, parts["word/header1.xml"]); !strings.HasPrefix(h, "UNVERIFIED: the session file failed verification\nDRAFT · ") {
		t.Errorf("the page header is %q", h)
	}
}

// TestWriteDOCXFile writes a DOCX of a London session to $TTX_DOCX for a
// look in a word processor; it is skipped without it.
func TestWriteDOCXFile(t *testing.T) {
	path := os.Getenv("TTX_DOCX")
	if path == "" {
		t.Skip("set TTX_DOCX=FILE.docx to write one")
	}
	r := review.Build(review.OpenLog(t, review.GenSession(t, t.TempDir(), "london", 200)))
	var b bytes.Buffer
	if err := aar.WriteDOCX(&b, r, os.Getenv("TTX_PAPER")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkDOCX100k builds and writes the DOCX report of 100,000 events.
func BenchmarkDOCX100k(b *testing.B) {
	l := review.BigLog(b)
	for b.Loop() {
		if err := aar.WriteDOCX(io.Discard, review.Build(l), ""); err != nil {
			b.Fatal(err)
		}
	}
}
