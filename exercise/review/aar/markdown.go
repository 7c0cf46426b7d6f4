// Package aar writes the after-action report that package review builds
// from a session file: Markdown for the terminal and git, self-contained
// HTML with a timeline chart, a Word document, and CSV for spreadsheets.
// The report's parts are built once as a neutral document (package
// section) that each writer lays out. Everything read from the file is
// escaped on output (text.Writer, and formula-safe CSV cells), so no file
// can drive a reviewer's terminal or spreadsheet.
package aar

import (
	"bufio"
	"io"
	"strings"

	"ttx/exercise/review"
	"ttx/exercise/review/aar/internal/section"
	"ttx/exercise/text"
)

// WriteMarkdown writes the after-action report draft as Markdown, in the
// shape of the HSEEP after-action report / improvement plan.
func WriteMarkdown(w io.Writer, r *review.Report) error {
	ew := text.NewWriter(w)
	b := bufio.NewWriter(ew)
	writeMarkdown(b, section.Build(r))
	if err := b.Flush(); err != nil {
		return err
	}
	return ew.Flush()
}

// writeMarkdown lays the document out as Markdown.
func writeMarkdown(b *bufio.Writer, d section.Document) {
	c := d.Cover
	b.WriteString("# " + mdText(c.Title) + "\n\n")
	if c.Intact {
		b.WriteString("**Integrity of the record:** " + mdText(c.Integrity) + "\n\n")
	} else {
		b.WriteString("> **" + mdText(c.Integrity) + "**\n\n")
	}
	b.WriteString("**" + mdText(c.Marking) + "** · " + mdText(c.Handling) + "\n\n")
	b.WriteString("**" + mdText(c.Kind) + "**")
	if c.Dates != "" {
		b.WriteString(" · " + mdText(c.Dates))
	}
	b.WriteString("\n\n")
	for _, l := range c.Lines {
		b.WriteString("*" + strings.TrimSpace(mdText(l)) + "*\n\n")
	}
	for _, p := range d.Parts {
		b.WriteString("## ")
		switch {
		case p.Number == "":
		case p.Number[0] >= '0' && p.Number[0] <= '9':
			b.WriteString(p.Number + ". ")
		default:
			b.WriteString(mdText(p.Number) + ": ")
		}
		b.WriteString(mdText(p.Title) + "\n\n")
		for _, bl := range p.Blocks {
			mdBlock(b, bl)
		}
	}
}

// mdBlock writes one block and the blank line after it.
func mdBlock(b *bufio.Writer, bl section.Block) {
	switch {
	case bl.Heading != "":
		b.WriteString(strings.Repeat("#", max(bl.Level, 3)) + " " + mdText(bl.Heading) + "\n\n")
	case bl.Para != nil:
		b.WriteString(mdSpans(bl.Para, "  \n") + "\n\n")
	case bl.Note != nil:
		em := make([]section.Span, len(bl.Note))
		for i, s := range bl.Note {
			s.Em = true
			em[i] = s
		}
		b.WriteString(mdSpans(em, "  \n") + "\n\n")
	case bl.List != nil:
		for _, item := range bl.List {
			b.WriteString("- " + mdSpans(item, "  \n  ") + "\n")
		}
		b.WriteString("\n")
	case bl.Table != nil:
		mdTable(b, bl.Table)
	}
}

// mdTable writes a table; its rows may be made as it is written.
func mdTable(b *bufio.Writer, t *section.Table) {
	head := func() {
		b.WriteString("|")
		for _, h := range t.Head {
			if h == "" {
				b.WriteString(" |")
			} else {
				b.WriteString(" " + mdCell(h) + " |")
			}
		}
		b.WriteString("\n|")
		for i := range t.Head {
			if i < len(t.Right) && t.Right[i] {
				b.WriteString(" ---: |")
			} else {
				b.WriteString(" --- |")
			}
		}
		b.WriteString("\n")
	}
	n := 0
	for row := range t.All() {
		if n == 0 {
			head()
		}
		n++
		b.WriteString("|")
		for _, c := range row {
			if plainSpan(c) {
				mdPlainCell(b, c[0].Text)
				continue
			}
			if s := mdSpans(c, "<br>"); s == "" {
				b.WriteString(" |")
			} else {
				b.WriteString(" " + s + " |")
			}
		}
		b.WriteString("\n")
	}
	if n == 0 {
		if t.Empty != "" {
			b.WriteString(mdText(t.Empty) + "\n\n")
			return
		}
		head()
	}
	b.WriteString("\n")
}

// mdSpans writes runs of text with their emphasis, escaped; a line break
// in a run becomes br. Emphasis is closed and reopened around each line
// break and kept off the spaces at a run's ends, where Markdown would not
// read it.
func mdSpans(spans []section.Span, br string) string {
	if plainSpan(spans) {
		return strings.ReplaceAll(mdText(strings.ReplaceAll(spans[0].Text, "\r", "")), "\n", br)
	}
	var b strings.Builder
	for _, s := range spans {
		for i, line := range strings.Split(s.Text, "\n") {
			if i > 0 {
				b.WriteString(br)
			}
			if s.Code {
				b.WriteString(mdCode(line))
				continue
			}
			core := strings.TrimSpace(line)
			if core == "" {
				b.WriteString(mdText(line))
				continue
			}
			lead, trail := line[:strings.Index(line, core)], line[strings.Index(line, core)+len(core):]
			open, shut := "", ""
			if s.Struck {
				open, shut = open+"~~", "~~"+shut
			}
			if s.Strong {
				open, shut = open+"**", "**"+shut
			}
			if s.Em {
				open, shut = open+"*", "*"+shut
			}
			b.WriteString(mdText(lead) + open + mdText(core) + shut + mdText(trail))
		}
	}
	return strings.ReplaceAll(b.String(), "\r", "")
}

// plainSpan reports whether spans is one run of text with no emphasis.
func plainSpan(spans []section.Span) bool {
	return len(spans) == 1 && !spans[0].Struck && !spans[0].Strong && !spans[0].Em && !spans[0].Code
}

// mdPlainCell writes a table cell of one plain run as mdTable writes
// mdSpans of it, " text |", without building it: a report writes a cell
// for every column of a million decisions, twice.
func mdPlainCell(b *bufio.Writer, s string) {
	if strings.Trim(s, "\r") == "" {
		b.WriteString(" |")
		return
	}
	b.WriteByte(' ')
	start := 0
	for i := 0; i < len(s); i++ {
		rep := mdReplace[s[i]]
		if rep == "" {
			continue
		}
		b.WriteString(s[start:i])
		if s[i] != '\r' {
			b.WriteString(rep)
		}
		start = i + 1
	}
	b.WriteString(s[start:])
	b.WriteString(" |")
}

// mdReplace is what mdEscaper writes for each byte it escapes, <br> for a
// line break in a table cell, and a mark for a CR, which is dropped; ""
// for every other byte.
var mdReplace = [256]string{'\\': `\\`, '*': `\*`, '_': `\_`, '`': "\\`", '[': `\[`, ']': `\]`, '<': "&lt;", '>': "&gt;", '#': `\#`, '|': `\|`, '~': `\~`, '\n': "<br>", '\r': "\r"}

// mdText escapes the characters that would start Markdown formatting in
// text typed by people ("~" too, so that no one's words can look struck
// through as a correction does).
var mdEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "&", "&amp;", "<", "&lt;", ">", "&gt;", "#", `\#`, "|", `\|`, "~", `\~`)

func mdText(s string) string { return mdEscaper.Replace(s) }

// mdCell is mdText for a table cell: line breaks become <br>.
func mdCell(s string) string { return strings.ReplaceAll(mdText(s), "\n", "<br>") }

// mdCode is text as a code span: shown as it is, with no backtick in it to
// close the span early.
func mdCode(s string) string {
	if s == "" {
		return ""
	}
	return "`" + strings.ReplaceAll(s, "`", "'") + "`"
}
