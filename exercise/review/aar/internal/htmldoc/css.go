package htmldoc

// CSS is the stylesheet of the sheet, the cover and the parts, for the
// screen and for print on pageSize (a CSS @page size: "A4", "letter").
// It goes after the report's own stylesheet, whose rules for every table
// it narrows for the sheet. Rows never break across pages; tables and
// parts do, so no page is left half blank before a long one.
func CSS(pageSize string) string {
	return `@page { size: ` + pageSize + `; margin: 12mm 14mm 16mm; }
table.sheet { width: 100%; margin: 0; border-collapse: collapse; table-layout: fixed; font-size: inherit; }
table.sheet > thead > tr > td, table.sheet > tbody > tr > td { border: 0; padding: 0; overflow-wrap: normal; }
table.sheet > tbody > tr { break-inside: auto; page-break-inside: auto; }
.pagehead { color: var(--muted); font-size: 12px; text-align: center; padding: 0 0 .3rem; margin: 0 0 .8rem; border-bottom: 1px solid var(--line); }
.pagehead.bad { color: #b91c1c; border-bottom: 2px solid #b91c1c; }
.cover { break-after: page; page-break-after: always; }
.cover .marking { color: #c00000; font-size: 2.6rem; font-weight: 800; letter-spacing: .25em; margin: 3rem 0 .5rem; }
.cover h1 { font-size: 2rem; margin: 0 0 .5rem; }
.cover .kind { font-size: 1.25rem; margin: 0 0 1.5rem; }
.cover .dates { font-size: 1.1rem; }
.cover .handling { border-top: 2px solid #c00000; border-bottom: 2px solid #c00000; padding: .5rem 0; margin: 2rem 0; font-weight: 600; }
.cover .line { color: var(--muted); margin: .25rem 0; }
section.newpage { break-before: page; page-break-before: always; }
del { text-decoration: line-through; text-decoration-thickness: 1px; color: inherit; }
p.note { font-style: italic; color: var(--muted); }
p.empty { font-style: italic; }
table.doc tr.blank td { height: 2.4rem; }
table.doc th, table.doc td { hyphens: auto; }
table.doc.items th { background: none; font-weight: 600; }
p.split { color: var(--muted); font-size: 13px; margin: .75rem 0 .25rem; break-after: avoid; page-break-after: avoid; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .92em; overflow-wrap: anywhere; }
@media print {
  .pagehead { font-size: 7.5pt; }
  .cover .marking { font-size: 28pt; } .cover h1 { font-size: 20pt; } .cover .kind { font-size: 13pt; }
  table.doc.wide { font-size: 7.5pt; }
  table.doc.wide th, table.doc.wide td { padding: 1.5pt 2.5pt; }
  table.doc.wider { font-size: 6.5pt; }
  table.doc tr.blank td { height: 9mm; }
}
`
}
