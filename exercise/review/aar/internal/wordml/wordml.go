// Package wordml writes WordprocessingML: the parts of a .docx package,
// and a body that takes headings, paragraphs, list items and tables,
// written straight into the zip. ttx's DOCX report is built on it.
package wordml

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"iter"
	"strings"
	"time"
	"unicode/utf8"

	"ttx/exercise/text"
)

// PageSize is a page size in twentieths of a point (twips), portrait.
type PageSize struct {
	Name          string
	Width, Height int
}

// PageSizes are the page sizes WriteDOCX takes, by the name --paper gives.
var PageSizes = map[string]PageSize{
	"a4":     {"A4", 11906, 16838},
	"letter": {"Letter", 12240, 15840},
}

// PageMargin is each page margin, in twips (2 cm).
const PageMargin = 1134

// CellMargin is a table cell's left and right margin, in twips (Word's
// own, 0.19 cm).
const CellMargin = 108

// zipTime is every part's modification time, so that one report always
// makes the same bytes.
var zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// Run is a stretch of text with one look. Strike is a single line
// through text that stays legible: an entry corrected or struck out.
type Run struct {
	Text                       string
	Bold, Italic, Code, Strike bool
}

// Plain, Bold, Italic and Code are runs of s in that look.
func Plain(s string) Run  { return Run{Text: s} }
func Bold(s string) Run   { return Run{Text: s, Bold: true} }
func Italic(s string) Run { return Run{Text: s, Italic: true} }
func Code(s string) Run   { return Run{Text: s, Code: true} }

// Column is one table column: its share of the text width, and whether
// its cells are figures set to the right.
type Column struct {
	Weight int
	Right  bool
}

// Body is word/document.xml's w:body as it is written, straight into the
// zip, so that a long session's report is never held whole in memory.
type Body struct {
	*bufio.Writer
	Paper PageSize
	// Landscape is set while the section being written is landscape.
	Landscape bool
}

// TextWidth is the width between the margins of the current section.
func (b *Body) TextWidth() int {
	if b.Landscape {
		return b.Paper.Height - 2*PageMargin
	}
	return b.Paper.Width - 2*PageMargin
}

// SectPr is the section properties of a section in the current
// orientation, with the report's header and footer.
func (b *Body) SectPr() string {
	w, h, orient := b.Paper.Width, b.Paper.Height, ""
	if b.Landscape {
		w, h, orient = h, w, ` w:orient="landscape"`
	}
	return fmt.Sprintf(`<w:sectPr><w:headerReference w:type="default" r:id="rId4"/><w:footerReference w:type="default" r:id="rId5"/>`+
		`<w:pgSz w:w="%d" w:h="%d"%s/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>`,
		w, h, orient, PageMargin, PageMargin, PageMargin, PageMargin)
}

// Turn ends the current section and starts one in the other orientation,
// on a new page.
func (b *Body) Turn() {
	b.WriteString("<w:p><w:pPr>" + b.SectPr() + "</w:pPr></w:p>\n")
	b.Landscape = !b.Landscape
}

// Heading writes s in Word's heading style of that level (1 to 3), so
// that the navigation pane lists it.
func (b *Body) Heading(level int, s string) {
	b.Para(fmt.Sprintf("Heading%d", level), Plain(s))
}

// Para writes a paragraph in style (Normal if "").
func (b *Body) Para(style string, Runs ...Run) {
	b.WriteString("<w:p>")
	if style != "" {
		fmt.Fprintf(b, `<w:pPr><w:pStyle w:val="%s"/></w:pPr>`, style)
	}
	b.Runs(Runs)
	b.WriteString("</w:p>\n")
}

// Item writes a bulleted list item at level 0 or 1.
func (b *Body) Item(level int, Runs ...Run) {
	fmt.Fprintf(b, `<w:p><w:pPr><w:pStyle w:val="ListBullet"/><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="1"/></w:numPr></w:pPr>`, level)
	b.Runs(Runs)
	b.WriteString("</w:p>\n")
}

// PageBreak starts a new page.
func (b *Body) PageBreak() { b.WriteString(`<w:p><w:r><w:br w:type="page"/></w:r></w:p>` + "\n") }

// Runs writes runs of text, each in its look.
func (b *Body) Runs(Runs []Run) {
	for _, r := range Runs {
		if r.Text == "" {
			continue
		}
		b.WriteString("<w:r>")
		if r.Bold || r.Italic || r.Code || r.Strike {
			b.WriteString("<w:rPr>")
			if r.Code {
				b.WriteString(`<w:rStyle w:val="Code"/>`)
			}
			if r.Bold {
				b.WriteString("<w:b/>")
			}
			if r.Italic {
				b.WriteString("<w:i/>")
			}
			if r.Strike {
				b.WriteString("<w:strike/>")
			}
			b.WriteString("</w:rPr>")
		}
		WriteText(b.Writer, r.Text)
		b.WriteString("</w:r>")
	}
}

// Table writes a table of plain cells; see RunTable.
func (b *Body) Table(cols []Column, header []string, rows [][]string) {
	b.RunTable(cols, header, func(yield func([][]Run) bool) {
		for _, r := range rows {
			cells := make([][]Run, len(r))
			for j, c := range r {
				cells[j] = []Run{{Text: c}}
			}
			if !yield(cells) {
				return
			}
		}
	})
}

// RunTable writes a table the width of the text, fixed layout so that a
// long word wraps inside its cell instead of widening the table; each
// cell is runs of text. With a header, the first row repeats at the top
// of each page the table runs onto. No row breaks across pages; a blank
// row is tall enough to write in on paper. The rows are written as they
// come, never held.
func (b *Body) RunTable(cols []Column, header []string, rows iter.Seq[[][]Run]) {
	width := b.TextWidth()
	total := 0
	for _, c := range cols {
		total += c.Weight
	}
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="ReportTable"/>`)
	fmt.Fprintf(b, `<w:tblW w:w="%d" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="0420" w:firstRow="%d" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>`, width, boolBit(header != nil))
	widths := make([]int, len(cols))
	left := width
	for i, c := range cols {
		widths[i] = width * c.Weight / total
		if i == len(cols)-1 {
			widths[i] = left
		}
		left -= widths[i]
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, widths[i])
	}
	b.WriteString("</w:tblGrid>\n")
	if header != nil {
		head := make([][]Run, len(header))
		for i, h := range header {
			head[i] = []Run{{Text: h, Bold: true}}
		}
		b.row(cellOpenings(cols, widths, true), head, true)
	}
	open := cellOpenings(cols, widths, false)
	for r := range rows {
		b.row(open, r, false)
	}
	b.WriteString("</w:tbl>\n")
	// Word needs a paragraph between a table and what follows.
	b.Para("")
}

// cellOpenings are what begins each column's cells, up to their runs:
// the same for every row of a table, so made once.
func cellOpenings(cols []Column, widths []int, header bool) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		shade := ""
		if header {
			shade = `<w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/>`
		}
		right := ""
		if c.Right {
			right = `<w:jc w:val="right"/>`
		}
		out[i] = fmt.Sprintf(`<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>%s</w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/>%s</w:pPr>`, widths[i], shade, right)
	}
	return out
}

func (b *Body) row(open []string, cells [][]Run, header bool) {
	b.WriteString("<w:tr>")
	switch {
	case header:
		b.WriteString(`<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>`)
	case blank(cells):
		b.WriteString(`<w:trPr><w:cantSplit/><w:trHeight w:val="567" w:hRule="atLeast"/></w:trPr>`)
	default:
		b.WriteString(`<w:trPr><w:cantSplit/></w:trPr>`)
	}
	for i, o := range open {
		b.WriteString(o)
		if i < len(cells) {
			b.Runs(cells[i])
		}
		b.WriteString("</w:p></w:tc>")
	}
	b.WriteString("</w:tr>\n")
}

// blank reports whether a row has no text.
func blank(cells [][]Run) bool {
	for _, c := range cells {
		for _, r := range c {
			if r.Text != "" {
				return false
			}
		}
	}
	return true
}

func boolBit(b bool) int {
	if b {
		return 1
	}
	return 0
}

// WriteText writes s as the w:t elements of a run: a line break becomes
// w:br and a tab w:tab. What s holds is first made visible by
// text.Escape (control and bidi characters as \uXXXX, bytes that are not
// UTF-8 as \xNN), then escaped for XML; a character XML 1.0 cannot carry
// at all (U+FFFE, U+FFFF) is written as \uXXXX too. Text from the file
// can therefore neither break the document nor hide in it.
func WriteText(b xmlWriter, s string) {
	s = text.Escape(s)
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteString("<w:br/>")
		}
		for j, Part := range strings.Split(line, "\t") {
			if j > 0 {
				b.WriteString("<w:tab/>")
			}
			if Part == "" {
				continue
			}
			b.WriteString(`<w:t xml:space="preserve">`)
			xmlEscape(b, Part)
			b.WriteString("</w:t>")
		}
	}
}

// xmlWriter is what writeText and xmlEscape write to.
type xmlWriter interface {
	io.Writer
	WriteString(string) (int, error)
	WriteRune(rune) (int, error)
}

// xmlEscape writes s as XML character data.
func xmlEscape(b xmlWriter, s string) {
	for i, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"):
			fmt.Fprintf(b, `\x%02x`, s[i])
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0xFFFE, r == 0xFFFF:
			fmt.Fprintf(b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
}

// String is s escaped for an XML attribute or element, for the parts
// other than the body.
func String(s string) string {
	var b strings.Builder
	xmlEscape(&b, strings.ReplaceAll(text.Escape(s), "\n", " "))
	return b.String()
}

// part is one file of the package: its content, or what writes it.
type Part struct {
	Name, Content string
	Write         func(io.Writer) error
}

// WritePackage zips the parts, in order, with fixed times.
func WritePackage(w io.Writer, parts []Part) error {
	z := zip.NewWriter(w)
	for _, p := range parts {
		f, err := z.CreateHeader(&zip.FileHeader{Name: p.Name, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return err
		}
		if p.Write != nil {
			err = p.Write(f)
		} else {
			_, err = io.WriteString(f, p.Content)
		}
		if err != nil {
			return err
		}
	}
	return z.Close()
}

// XMLDecl begins every part.
const XMLDecl = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// NSW declares the WordprocessingML and relationship namespaces.
const NSW = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

// ContentTypes, PackageRels, DocumentRels, Settings, Numbering and
// Styles are the fixed parts of the package.
const ContentTypes = XMLDecl + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>
<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
</Types>
`

const PackageRels = XMLDecl + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>
</Relationships>
`

const DocumentRels = XMLDecl + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
</Relationships>
`

const Settings = XMLDecl + `<w:settings ` + NSW + `><w:defaultTabStop w:val="709"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>
`

const Numbering = XMLDecl + `<w:numbering ` + NSW + `>
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="–"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>
`

// Styles are the paragraph styles the body uses. The headings are
// Word's built-in "heading 1" to "heading 3" (with outline levels), so
// the navigation pane and a table of contents find them.
const Styles = XMLDecl + `<w:styles ` + NSW + `>
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="480" w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="48"/><w:szCs w:val="48"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Draft"><w:name w:val="Draft mark"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:spacing w:before="1200" w:after="240"/></w:pPr><w:rPr><w:b/><w:color w:val="C00000"/><w:spacing w:val="40"/><w:sz w:val="72"/><w:szCs w:val="72"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Caveat"><w:name w:val="Handling caveat"/><w:basedOn w:val="Normal"/><w:pPr><w:pBdr><w:top w:val="single" w:sz="8" w:space="4" w:color="C00000"/><w:bottom w:val="single" w:sz="8" w:space="4" w:color="C00000"/></w:pBdr><w:spacing w:before="240" w:after="240"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:color w:val="1F3864"/><w:sz w:val="30"/><w:szCs w:val="30"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Verdict"><w:name w:val="Integrity verdict"/><w:basedOn w:val="Normal"/><w:pPr><w:pBdr><w:top w:val="single" w:sz="6" w:space="4" w:color="166534"/><w:left w:val="single" w:sz="6" w:space="4" w:color="166534"/><w:bottom w:val="single" w:sz="6" w:space="4" w:color="166534"/><w:right w:val="single" w:sz="6" w:space="4" w:color="166534"/></w:pBdr><w:shd w:val="clear" w:color="auto" w:fill="F0FDF4"/><w:spacing w:after="240"/></w:pPr><w:rPr><w:color w:val="166534"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Unverified"><w:name w:val="Integrity failed"/><w:basedOn w:val="Normal"/><w:pPr><w:pBdr><w:top w:val="single" w:sz="18" w:space="4" w:color="B91C1C"/><w:left w:val="single" w:sz="18" w:space="4" w:color="B91C1C"/><w:bottom w:val="single" w:sz="18" w:space="4" w:color="B91C1C"/><w:right w:val="single" w:sz="18" w:space="4" w:color="B91C1C"/></w:pBdr><w:shd w:val="clear" w:color="auto" w:fill="FEF2F2"/><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:color w:val="7F1D1D"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Note"><w:name w:val="Note"/><w:basedOn w:val="Normal"/><w:rPr><w:i/><w:color w:val="5B6470"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:color w:val="1F3864"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:color w:val="1F3864"/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="160" w:after="60"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="60"/><w:contextualSpacing/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:color w:val="C00000"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Code"><w:name w:val="Code"/><w:rPr><w:rFonts w:ascii="Consolas" w:hAnsi="Consolas" w:cs="Consolas"/><w:sz w:val="19"/></w:rPr></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="table" w:styleId="ReportTable"><w:name w:val="Report table"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/></w:tblBorders></w:tblPr></w:style>
</w:styles>
`
