// Package htmldoc lays the report's neutral document (package section)
// out as HTML: a cover page, then each part's headings, paragraphs, lists
// and tables, inside a sheet whose header row repeats at the top of every
// printed page with the handling caveat and, for a file that failed
// verification, UNVERIFIED.
//
// It writes with plain string writes and explicit escaping rather than
// html/template, whose reflection is most of the cost of a long session's
// report: every piece of text goes through Esc, nothing else does.
package htmldoc

import (
	"html"
	"strconv"
	"strings"

	"ttx/exercise/review/aar/internal/section"
	"ttx/exercise/text"
)

// Writer is what the document is written to: a *strings.Builder or a
// *bufio.Writer (whose Flush reports a write error).
type Writer interface {
	WriteString(string) (int, error)
}

// Unverified is what the title and every page's header say of a file
// that failed verification.
const Unverified = "UNVERIFIED"

// Esc is s as HTML text: markup characters escaped, and control and
// bidirectional characters made visible as text.Escape shows them.
func Esc(s string) string { return html.EscapeString(text.Escape(s)) }

// Title is the document's title as the HTML <title> and the cover give
// it: begun with "UNVERIFIED — " when the file failed verification.
func Title(c section.Cover) string {
	if c.Intact || strings.HasPrefix(c.Title, Unverified) {
		return c.Title
	}
	return Unverified + " — " + c.Title
}

// Heading is a part's heading: "4. Overview", "Appendix A: Improvement
// plan", or the title alone.
func Heading(p section.Part) string {
	switch {
	case p.Number == "":
		return p.Title
	case strings.Trim(p.Number, "0123456789.") == "":
		return strings.TrimSuffix(p.Number, ".") + ". " + p.Title
	}
	return p.Number + ": " + p.Title
}

// OpenSheet starts the sheet: a one-column table whose head, the page
// header, a browser repeats at the top of every printed page (CSS margin
// boxes would be simpler, but Chromium does not print them). What follows
// until CloseSheet is the report.
func OpenSheet(w Writer, c section.Cover) {
	w.WriteString(`<table class="sheet"><thead><tr><td><div class="pagehead`)
	if !c.Intact {
		w.WriteString(` bad`)
	}
	w.WriteString(`">`)
	if !c.Intact {
		w.WriteString(`<strong>` + Unverified + `: the session file failed verification.</strong> `)
	}
	var mark []string
	if c.Marking != "" {
		mark = append(mark, Esc(c.Marking))
	}
	if c.Handling != "" {
		mark = append(mark, Esc(c.Handling))
	}
	w.WriteString(strings.Join(mark, " · "))
	w.WriteString("</div></td></tr></thead>\n<tbody><tr><td>\n")
}

// CloseSheet ends what OpenSheet started.
func CloseSheet(w Writer) { w.WriteString("</td></tr></tbody></table>\n") }

// Cover writes the cover page, the integrity verdict first; the page
// after it starts the report.
func Cover(w Writer, c section.Cover) {
	w.WriteString(`<section class="cover" id="cover">` + "\n")
	if c.Intact {
		w.WriteString(`<p class="verdict" id="integrity-verdict">`)
	} else {
		w.WriteString(`<div class="unverified" id="integrity-verdict" role="alert">`)
	}
	w.WriteString(lines(c.Integrity))
	if c.Intact {
		w.WriteString("</p>\n")
	} else {
		w.WriteString("</div>\n")
	}
	if c.Marking != "" {
		w.WriteString(`<p class="marking">` + Esc(c.Marking) + "</p>\n")
	}
	w.WriteString("<h1>" + Esc(Title(c)) + "</h1>\n")
	if c.Kind != "" {
		w.WriteString(`<p class="kind">` + Esc(c.Kind) + "</p>\n")
	}
	if c.Dates != "" {
		w.WriteString(`<p class="dates">` + lines(c.Dates) + "</p>\n")
	}
	if c.Handling != "" {
		w.WriteString(`<p class="handling">` + lines(c.Handling) + "</p>\n")
	}
	for _, l := range c.Lines {
		w.WriteString(`<p class="line">` + lines(l) + "</p>\n")
	}
	w.WriteString("</section>\n")
}

// Parts writes the parts in order.
func Parts(w Writer, parts []section.Part) {
	for _, p := range parts {
		Part(w, p)
	}
}

// Part writes one part as a section; PageBreak starts it on a new page.
func Part(w Writer, p section.Part) { PartWith(w, p, "") }

// PartWith writes a part with lead, HTML of the caller's own (a chart),
// between its heading and its blocks.
func PartWith(w Writer, p section.Part, lead string) {
	w.WriteString(`<section class="part`)
	if p.PageBreak {
		w.WriteString(` newpage`)
	}
	w.WriteString(`"`)
	if p.ID != "" {
		w.WriteString(` id="` + Esc(p.ID) + `"`)
	}
	w.WriteString(">\n<h2>" + Esc(Heading(p)) + "</h2>\n")
	w.WriteString(lead)
	for _, b := range p.Blocks {
		Block(w, b)
	}
	w.WriteString("</section>\n")
}

// Block writes one block of a part.
func Block(w Writer, b section.Block) {
	switch {
	case b.Heading != "":
		h := "h" + strconv.Itoa(min(max(b.Level, 3), 4))
		w.WriteString("<" + h + ">" + lines(b.Heading) + "</" + h + ">\n")
	case b.Para != nil:
		w.WriteString("<p>")
		Spans(w, b.Para)
		w.WriteString("</p>\n")
	case b.Note != nil:
		w.WriteString(`<p class="note">`)
		Spans(w, b.Note)
		w.WriteString("</p>\n")
	case b.List != nil:
		w.WriteString("<ul>\n")
		for _, item := range b.List {
			w.WriteString("<li>")
			Spans(w, item)
			w.WriteString("</li>\n")
		}
		w.WriteString("</ul>\n")
	case b.Table != nil:
		Table(w, b.Table)
	}
}

// Spans writes runs of text in their emphasis: struck text as <del>, a
// single line through words that stay legible; code in a fixed-width
// font.
func Spans(w Writer, spans []section.Span) {
	for _, s := range spans {
		if s.Text == "" {
			continue
		}
		if s.Struck {
			w.WriteString("<del>")
		}
		if s.Code {
			w.WriteString("<code>")
		}
		if s.Strong {
			w.WriteString("<strong>")
		}
		if s.Em {
			w.WriteString("<em>")
		}
		writeLines(w, s.Text)
		if s.Em {
			w.WriteString("</em>")
		}
		if s.Strong {
			w.WriteString("</strong>")
		}
		if s.Code {
			w.WriteString("</code>")
		}
		if s.Struck {
			w.WriteString("</del>")
		}
	}
}

// blank reports whether a row has no text: a row to write in.
func blank(r []section.Cell) bool {
	for _, c := range r {
		for _, s := range c {
			if strings.TrimSpace(s.Text) != "" {
				return false
			}
		}
	}
	return true
}

// writeLines writes lines(s) without building it: a report writes the
// words of every decision twice. Plain ASCII (what nearly every decision
// is) is written in one pass, each byte looked at once; from the first
// byte that is not (a CR, a control, anything past ASCII), the rest is
// written by writeEscaped, as all of it would be: a terminal escape or a
// CR turns on the bytes from there on alone.
func writeLines(w Writer, s string) {
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x7f || c < 0x20 && c != '\n' && c != '\t' {
			w.WriteString(s[start:i])
			writeEscaped(w, s[i:])
			return
		}
		if htmlReplace[c] != "" {
			w.WriteString(s[start:i])
			w.WriteString(htmlReplace[c])
			start = i + 1
		}
	}
	w.WriteString(s[start:])
}

// writeEscaped is writeLines for text that is not plain ASCII.
func writeEscaped(w Writer, s string) {
	if strings.IndexByte(s, '\r') >= 0 {
		w.WriteString(lines(s))
		return
	}
	s = text.Escape(s) // s itself when there is nothing to escape
	start := 0
	for i := 0; i < len(s); i++ {
		if htmlReplace[s[i]] == "" {
			continue
		}
		w.WriteString(s[start:i])
		w.WriteString(htmlReplace[s[i]])
		start = i + 1
	}
	w.WriteString(s[start:])
}

// htmlReplace is what html.EscapeString writes for each byte it escapes,
// and <br> for a line break; "" for every other byte.
var htmlReplace = [256]string{'<': "&lt;", '>': "&gt;", '&': "&amp;", '\'': "&#39;", '"': "&#34;", '\n': "<br>"}

// lines is s escaped, its line breaks as <br>.
func lines(s string) string {
	s = Esc(strings.ReplaceAll(s, "\r\n", "\n"))
	if !strings.Contains(s, "\n") {
		return s
	}
	return strings.ReplaceAll(s, "\n", "<br>")
}
