// Package worddoc lays the report's neutral document (package section)
// out as a Word document with package wordml: a cover page, then each
// part under a Word heading (so the navigation pane lists it), tables as
// Word tables whose header row repeats on every page, struck text struck
// through, and the marking, the handling caveat and, for a file that
// failed verification, UNVERIFIED in every page's header, with page
// numbers in the footer.
package worddoc

import (
	"bufio"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"ttx/exercise/review/aar/internal/htmldoc"
	"ttx/exercise/review/aar/internal/section"
	"ttx/exercise/review/aar/internal/wordml"
	"ttx/exercise/text"
)

// LandscapeColumns is the number of columns from which a table is too
// wide for a portrait page: the part that holds it is laid out on
// landscape pages of its own.
const LandscapeColumns = 8

// tablePt is the size of wordml's table text, in points.
const tablePt = 9

// blankRows is how many rows a table to fill in (no rows, no Empty) gets
// to write in.
const blankRows = 3

// Write writes d as a .docx package on paper. created is the document's
// creation time in its properties (none if zero). The same document
// always makes the same bytes.
func Write(w io.Writer, d section.Document, paper wordml.PageSize, created time.Time) error {
	doc := func(w io.Writer) error {
		b := &wordml.Body{Writer: bufio.NewWriterSize(w, 1<<16), Paper: paper}
		b.WriteString(wordml.XMLDecl + `<w:document ` + wordml.NSW + `><w:body>` + "\n")
		Body(b, d)
		b.WriteString(b.SectPr())
		b.WriteString("</w:body></w:document>\n")
		return b.Flush()
	}
	return wordml.WritePackage(w, []wordml.Part{
		{Name: "[Content_Types].xml", Content: wordml.ContentTypes},
		{Name: "_rels/.rels", Content: wordml.PackageRels},
		{Name: "docProps/core.xml", Content: coreProps(d.Cover, created)},
		{Name: "docProps/app.xml", Content: wordml.XMLDecl + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>ttx</Application></Properties>` + "\n"},
		{Name: "word/document.xml", Write: doc},
		{Name: "word/_rels/document.xml.rels", Content: wordml.DocumentRels},
		{Name: "word/styles.xml", Content: wordml.Styles},
		{Name: "word/settings.xml", Content: wordml.Settings},
		{Name: "word/numbering.xml", Content: wordml.Numbering},
		{Name: "word/header1.xml", Content: Header(d.Cover)},
		{Name: "word/footer1.xml", Content: Footer(d.Cover)},
	})
}

func coreProps(c section.Cover, created time.Time) string {
	when := ""
	if !created.IsZero() {
		when = `<dcterms:created xsi:type="dcterms:W3CDTF">` + created.UTC().Format("2006-01-02T15:04:05Z") + `</dcterms:created>`
	}
	return wordml.XMLDecl + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + wordml.String(htmldoc.Title(c)) + `</dc:title><dc:creator>ttx</dc:creator><cp:keywords>` + wordml.String(c.Marking) + `</cp:keywords>` +
		when + `</cp:coreProperties>` + "\n"
}

// Header is every page's header: UNVERIFIED first when the file failed
// verification, then the marking and the handling caveat.
func Header(c section.Cover) string {
	var b strings.Builder
	b.WriteString(wordml.XMLDecl + `<w:hdr ` + wordml.NSW + `>`)
	if !c.Intact {
		b.WriteString(`<w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr><w:r><w:rPr><w:sz w:val="20"/></w:rPr><w:t xml:space="preserve">` +
			htmldoc.Unverified + `: the session file failed verification</w:t></w:r></w:p>`)
	}
	var mark []string
	for _, s := range []string{c.Marking, c.Handling} {
		if s != "" {
			mark = append(mark, wordml.String(s))
		}
	}
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr><w:r><w:rPr><w:b w:val="0"/><w:color w:val="404040"/></w:rPr><w:t xml:space="preserve">` + strings.Join(mark, " · ") + `</w:t></w:r></w:p></w:hdr>` + "\n")
	return b.String()
}

// Footer numbers the pages with Word's PAGE and NUMPAGES fields, after
// the marking and the title.
func Footer(c section.Cover) string {
	field := func(name string) string {
		return `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ` + name + ` </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`
	}
	lead := short(htmldoc.Title(c), 70)
	if c.Marking != "" {
		lead = c.Marking + " · " + lead
	}
	return wordml.XMLDecl + `<w:ftr ` + wordml.NSW + `><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>` +
		`<w:r><w:t xml:space="preserve">` + wordml.String(lead) + ` · Page </w:t></w:r>` + field("PAGE") +
		`<w:r><w:t xml:space="preserve"> of </w:t></w:r>` + field("NUMPAGES") + `</w:p></w:ftr>` + "\n"
}

// short is s as text.Escape shows it, cut to at most n characters.
func short(s string, n int) string {
	s = text.Escape(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// Body writes the cover, a page break, and the parts.
func Body(b *wordml.Body, d section.Document) {
	Cover(b, d.Cover)
	if len(d.Parts) == 0 || !wide(d.Parts[0]) {
		b.PageBreak() // else the first part's section break starts its page
	}
	for i, p := range d.Parts {
		Part(b, p, i > 0)
	}
	// The last section is the body's own: turning back to portrait here
	// would leave a blank page after a landscape annex.
}

// Cover writes the cover page: the integrity verdict first, the marking,
// the title, the kind of document, the dates, the handling caveat and the
// further lines.
func Cover(b *wordml.Body, c section.Cover) {
	if c.Integrity != "" {
		style := "Verdict"
		if !c.Intact {
			style = "Unverified"
		}
		b.Para(style, wordml.Plain(c.Integrity))
	}
	if c.Marking != "" {
		b.Para("Draft", wordml.Plain(c.Marking))
	}
	b.Para("Title", wordml.Plain(htmldoc.Title(c)))
	if c.Kind != "" {
		b.Para("Subtitle", wordml.Plain(c.Kind))
	}
	if c.Dates != "" {
		b.Para("", wordml.Plain(c.Dates))
	}
	if c.Handling != "" {
		b.Para("Caveat", wordml.Plain(c.Handling))
	}
	for _, l := range c.Lines {
		b.Para("", wordml.Plain(l))
	}
}

// Part writes a part under a Heading 1. A part with a PageBreak (after
// the first) starts a new page; one holding a table too wide for a
// portrait page is laid out on landscape pages of its own.
func Part(b *wordml.Body, p section.Part, notFirst bool) {
	switch {
	case wide(p) != b.Landscape:
		b.Turn() // a section break, which starts a new page
	case p.PageBreak && notFirst:
		b.PageBreak()
	}
	b.Heading(1, htmldoc.Heading(p))
	for _, bl := range p.Blocks {
		Block(b, bl)
	}
}

// Block writes one block: a sub-heading of level 3 as Heading 2, deeper
// as Heading 3.
func Block(b *wordml.Body, bl section.Block) {
	switch {
	case bl.Heading != "":
		b.Heading(min(max(bl.Level-1, 2), 3), bl.Heading)
	case bl.Para != nil:
		b.Para("", Runs(bl.Para)...)
	case bl.Note != nil:
		b.Para("Note", Runs(bl.Note)...)
	case bl.List != nil:
		for _, item := range bl.List {
			b.Item(0, Runs(item)...)
		}
	case bl.Table != nil:
		Table(b, bl.Table)
	}
}

// Runs are spans as Word runs: struck text struck through.
func Runs(spans []section.Span) []wordml.Run {
	out := make([]wordml.Run, 0, len(spans))
	for _, s := range spans {
		out = append(out, wordml.Run{Text: s.Text, Bold: s.Strong, Italic: s.Em, Strike: s.Struck, Code: s.Code})
	}
	return out
}

// Table writes a table as a Word table with its head as the repeating
// header row (none when the headings are all empty: a list of items and
// values); a table without rows says Empty, or leaves rows to write in.
// Its rows are written as the table makes them.
func Table(b *wordml.Body, t *section.Table) {
	any := false
	for range t.All() {
		any = true
		break
	}
	if !any && t.Empty != "" {
		b.Para("Note", wordml.Plain(t.Empty))
		return
	}
	n := columns(t)
	cols := make([]wordml.Column, n)
	// The columns share the width as in the HTML: by Widths, each at
	// least its longest word, no wider than its longest cell; and at least
	// its heading's longest word, which Word does not hyphenate.
	for i, share := range htmldoc.SharesIn(sample(t), n, float64(b.TextWidth())/20, tablePt, 2*wordml.CellMargin/20.0) {
		cols[i].Weight = max(int(share*1000), 1)
		cols[i].Right = i < len(t.Right) && t.Right[i]
	}
	var head []string
	if strings.Join(t.Head, "") != "" {
		head = t.Head
	}
	rows := func(yield func([][]wordml.Run) bool) {
		for r := range t.All() {
			cells := make([][]wordml.Run, len(r))
			for j, c := range r {
				cells[j] = Runs(c)
				if head == nil && j == 0 {
					// A list of items and values: the items in bold.
					for k := range cells[j] {
						cells[j][k].Bold = true
					}
				}
			}
			if !yield(cells) {
				return
			}
		}
	}
	if !any {
		rows = func(yield func([][]wordml.Run) bool) {
			for range blankRows {
				if !yield(nil) {
					return
				}
			}
		}
	}
	b.RunTable(cols, head, rows)
}

// sampleRows is how many of a table's rows its column widths are worked
// out from.
const sampleRows = 200

// sample is t with its first sampleRows rows, for working out the
// widths of its columns.
func sample(t *section.Table) *section.Table {
	s := *t
	s.Rows, s.More = nil, nil
	for r := range t.All() {
		s.Rows = append(s.Rows, r)
		if len(s.Rows) == sampleRows {
			break
		}
	}
	return &s
}

// wide reports whether a part holds a table too wide for a portrait page.
func wide(p section.Part) bool {
	for _, bl := range p.Blocks {
		if bl.Table != nil && columns(bl.Table) >= LandscapeColumns {
			return true
		}
	}
	return false
}

func columns(t *section.Table) int {
	n := len(t.Head)
	for _, r := range t.Rows {
		n = max(n, len(r))
	}
	return max(n, 1)
}
