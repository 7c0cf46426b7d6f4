package msel

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"ttx/exercise/msel/internal/names"
	"ttx/exercise/msel/sheet"
	"ttx/exercise/scenario"
)

var (
	// omitted is a status that takes a row out of the exercise: the
	// whole cell says so ("Omitted / Not Injected", "Cancelled"); a
	// status that only mentions it ("Remove if time is short") is kept,
	// with a warning (omitWord).
	omitted  = regexp.MustCompile(`(?i)^\W*(?:(?:omit(?:ted)?|cancell?ed|deleted?|removed|void(?:ed)?|withdrawn|scratched|dropped|skipped|not[\s-]*(?:injected|used|sent)|do not (?:use|inject|send))\W*)+$`)
	omitWord = regexp.MustCompile(`(?i)omit|cancel|delet|remove|void|withdr[ae]w|scratch|dropped|skip|not[\s-]*(?:inject|use)|do not (?:use|inject|send)`)
	// later is a time cell that says the inject has no time yet.
	later = regexp.MustCompile(`(?i)^(?:tbd|tbc|tba|n/?a|-+|none|contingency|optional|as (?:needed|required|directed)|on (?:request|demand|call)|if (?:needed|required)|when (?:needed|directed|ready))$`)
	// banner is a row that marks a part of the day, not an inject.
	banner = regexp.MustCompile(`(?i)^(?:start\s?ex|end\s?ex|stop\s?ex|lunch|break|coffee|tea break|recess|pause|hot\s?wash|debrief|end of (?:exercise|day|play|phase)|exercise (?:start|end|begin|pause|resume)s?|(?:day|phase|module|session|part|move|block|period)\s*(?:\d+|[ivx]+|one|two|three|four|five))(?:$|[\s:–—(.,!]).{0,30}$`)
	// bannerOnly is a banner and nothing more ("LUNCH", "Break (30 min)"):
	// only such a row may be a banner when it has an inject number or a
	// time, since "Break in reported at the pharmacy" is an inject.
	bannerOnly = regexp.MustCompile(`(?i)^(?:start\s?ex|end\s?ex|stop\s?ex|lunch|break|coffee|tea break|recess|pause|hot\s?wash|debrief|end of (?:exercise|day|play|phase)|(?:day|phase|module|session|part|move|block|period)\s*(?:\d+|[ivx]+|one|two|three|four|five))\W*(?:\([^)]*\))?\W*$`)
	// dayBanner is a banner that starts an exercise day ("DAY 2").
	dayBanner = regexp.MustCompile(`(?i)^\W*day\s*(\d+|one|two|three|four|five|six|seven)\b`)
	// legendHead starts a colour key; legendLine is one of its lines.
	legendHead = regexp.MustCompile(`(?i)^(?:legend|key|colou?r(?:\s+(?:key|code|coding|legend))?)\s*[:\-–]?$`)
	legendLine = regexp.MustCompile(`(?i)^(?:red|green|yellow|amber|blue|orange|purple|grey|gray|pink|white|black|bold|italic|highlighted|shaded|struck|strike\S*)\b\s*(?:[=:–—-]|\(|text|cells?|rows?|fill|font|highlight)`)
)

// skip reports whether row r is not an inject, and records why (as a
// warning where ttx is guessing). legend is set once a colour key starts:
// the short rows after it belong to it.
func (im *importer) skip(r int, legend *bool) bool {
	why, guess := im.notInject(r, legend)
	if why == "" {
		return false
	}
	for _, s := range im.t.Rows[r] {
		if m := dayBanner.FindStringSubmatch(s.Text); m != nil && strings.HasPrefix(why, "banner") {
			// The rows below are on that day.
			im.day = slices.Index([]string{"one", "two", "three", "four", "five", "six", "seven"}, strings.ToLower(m[1])) + 1
			if im.day == 0 {
				im.day, _ = strconv.Atoi(m[1])
			}
			break
		}
	}
	p := Problem{Where: im.t.Where(r, 0), Row: r, Col: -1, Msg: why + ", skipped"}
	if guess {
		p.Msg = "warning: " + p.Msg + "; give it a time or a recipient if it is an inject"
		im.res.Warnings = append(im.res.Warnings, p)
	}
	im.res.Skipped = append(im.res.Skipped, p)
	return true
}

func (im *importer) notInject(r int, legend *bool) (why string, guess bool) {
	row := im.t.Rows[r]
	var texts []string
	var cols []int
	for c, cell := range row {
		if s := strings.TrimSpace(cell.Text); s != "" {
			cols = append(cols, c)
			if !slices.Contains(texts, s) {
				texts = append(texts, s)
			}
		}
	}
	if len(cols) == 0 {
		return "blank row", false
	}

	same := 0
	for _, c := range im.col {
		if c >= 0 && im.hdr >= 0 && c < len(row) && c < len(im.t.Rows[im.hdr]) && sheet.Normalize(row[c].Text) != "" && sheet.Normalize(row[c].Text) == sheet.Normalize(im.t.Rows[im.hdr][c].Text) {
			same++
		}
	}
	q := func(s string) string {
		if r := []rune(s); len(r) > 40 {
			s = string(r[:39]) + "…"
		}
		return fmt.Sprintf("%q", s)
	}
	status, to, at := im.cell(row, FieldStatus).Text, im.cell(row, FieldTo).Text, im.cell(row, FieldAt)
	named := len(names.Recipients(to, nil)) > 0
	timed := at.IsNum || timeLike(at)
	if timed || named {
		*legend = false // an inject below a colour key ends it
	}
	say := cmp.Or(im.cell(row, FieldTitle).Text, im.cell(row, FieldBody).Text)
	switch {
	case same >= 2:
		return "the header row again", false
	case omitted.MatchString(status):
		return "marked " + q(status), false
	case omitWord.MatchString(status):
		im.warn(r, im.col[FieldStatus], "status %s reads as an inject to deliver; mark it Omitted or Cancelled to leave it out", q(status))
	case len(cols) <= 2 && !timed && !named && (*legend || legendHead.MatchString(texts[0]) || legendLine.MatchString(texts[0])):
		*legend = true
		return "legend " + q(strings.Join(texts, " ")), false
	case len(texts) == 1 && len(cols) > 1:
		return "banner " + q(texts[0]) + " across the row", false
	case !named && (len(texts) == 1 || !timed && im.text(row, FieldID) == "") && (banner.MatchString(say) || len(texts) == 1 && banner.MatchString(texts[0])):
		return "banner " + q(cmp.Or(say, texts[0])), false
	case !named && bannerOnly.MatchString(say) && len(texts) <= 3:
		return "banner " + q(say), true
	case !slices.ContainsFunc(cols, func(c int) bool {
		return slices.Contains([]int{im.col[FieldTitle], im.col[FieldBody], im.col[FieldTo], im.col[FieldFrom], im.col[FieldExpected], im.col[FieldNotes]}, c)
	}) && (timed || !strings.Contains(im.cell(row, FieldID).Text, " ") && slices.Contains(cols, im.col[FieldID])):
		return "nothing to deliver (no title, description or recipient)", false
	case !slices.ContainsFunc(texts, func(s string) bool { return !strings.HasPrefix(s, "(") || !strings.HasSuffix(s, ")") }):
		return "notes on the columns " + q(strings.Join(texts, " ")), false
	case len(cols) == 1 && !timed && !named && im.col[FieldAt]+im.col[FieldTo]+im.col[FieldID] > -3:
		return "only " + q(texts[0]) + ", read as a heading or a note", true
	}
	return "", false
}

// more returns the field of a row's only cell when it is a description,
// expected action or note that is no banner, heading or legend.
func (im *importer) more(row []sheet.Cell) string {
	var f string
	for c, cell := range row {
		if strings.TrimSpace(cell.Text) == "" {
			continue
		}
		if f != "" {
			return ""
		}
		for _, g := range []string{FieldBody, FieldExpected, FieldNotes} {
			if im.col[g] == c {
				f = g
			}
		}
		if s := strings.TrimSpace(cell.Text); f == "" || banner.MatchString(s) || legendHead.MatchString(s) || legendLine.MatchString(s) {
			return ""
		}
	}
	return f
}

// runsOn reports whether text in the row below an inject goes on with
// its field: always for expected actions and notes, which only
// controllers see; for the description, which players see, only where
// it plainly does (it starts in lower case, or the description ends on
// a comma, semicolon, colon or dash).
func (im *importer) runsOn(in *scenario.Inject, field, s string) bool {
	first, _ := utf8.DecodeRuneInString(strings.TrimSpace(s))
	last, _ := utf8.DecodeLastRuneInString(in.Body)
	return field != FieldBody || unicode.IsLower(first) || strings.ContainsRune(",;:-–", last)
}
