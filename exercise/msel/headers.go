package msel

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"ttx/exercise/msel/internal/names"
	"ttx/exercise/msel/sheet"
)

// Fields an MSEL column can map to.
const (
	FieldID         = "id"
	FieldAt         = "at"
	FieldTitle      = "title"
	FieldFrom       = "from"
	FieldTo         = "to"
	FieldChannel    = "channel"
	FieldBody       = "body"
	FieldExpected   = "expected"
	FieldObjectives = "objectives"
	FieldNotes      = "notes"
	// FieldDate is a day or date written in a column of its own, beside
	// a time of day in the at column.
	FieldDate = "date"
	// FieldStatus says whether a row is still to be delivered
	// ("Omitted", "Cancelled" rows are not injects).
	FieldStatus = "status"
	// FieldRequires lists the branch options an inject needs.
	FieldRequires = "requires"
	FieldIgnore   = "ignore"
)

// Fields lists every field a column can map to, in the order exports
// write them.
var Fields = []string{FieldID, FieldAt, FieldFrom, FieldTo, FieldChannel, FieldTitle, FieldBody, FieldExpected, FieldObjectives, FieldNotes, FieldRequires, FieldDate, FieldStatus}

// headers are the usual HSEEP MSEL column names, normalised (lower case,
// letters and digits only, "#" read as "no").
var headers = map[string]string{
	"injectno": FieldID, "injectnumber": FieldID, "injectid": FieldID, "mselno": FieldID, "msel": FieldID,
	"mselnumber": FieldID, "mselid": FieldID, "no": FieldID, "number": FieldID, "id": FieldID, "eventno": FieldID,
	"ref": FieldID, "reference": FieldID, "serial": FieldID,
	"time": FieldAt, "scenariotime": FieldAt, "deliverytime": FieldAt, "injecttime": FieldAt, "exercisetime": FieldAt,
	"at": FieldAt, "offset": FieldAt, "when": FieldAt, "timet": FieldAt, "releasetime": FieldAt,
	"from": FieldFrom, "sender": FieldFrom, "source": FieldFrom, "originator": FieldFrom, "simcell": FieldFrom,
	"to": FieldTo, "recipient": FieldTo, "recipients": FieldTo, "player": FieldTo, "players": FieldTo,
	"receiver": FieldTo, "audience": FieldTo,
	"method": FieldChannel, "deliverymethod": FieldChannel, "mode": FieldChannel, "channel": FieldChannel,
	"means": FieldChannel, "medium": FieldChannel,
	"inject": FieldBody, "description": FieldBody, "injectdescription": FieldBody, "message": FieldBody,
	"content": FieldBody, "injecttext": FieldBody, "details": FieldBody, "body": FieldBody,
	"expectedaction": FieldExpected, "expectedactions": FieldExpected, "expectedplayeraction": FieldExpected,
	"expectedplayeractions": FieldExpected, "expectedresponse": FieldExpected, "expected": FieldExpected,
	"objective": FieldObjectives, "objectives": FieldObjectives, "corecapability": FieldObjectives,
	"corecapabilities": FieldObjectives, "capability": FieldObjectives, "capabilities": FieldObjectives,
	"notes": FieldNotes, "note": FieldNotes, "controllernotes": FieldNotes, "controllernote": FieldNotes,
	"remarks": FieldNotes, "comments": FieldNotes,
	"requires": FieldRequires, "requiresdecision": FieldRequires, "requiredoption": FieldRequires,
	"event": FieldTitle, "title": FieldTitle, "subject": FieldTitle, "eventtitle": FieldTitle, "headline": FieldTitle,
	"injecttitle": FieldTitle, "summary": FieldTitle,
	// a day or date beside the time of day (clock.Column reads them together)
	"date": FieldDate, "day": FieldDate, "eventdate": FieldDate, "injectdate": FieldDate, "exerciseday": FieldDate,
	"exercisedate": FieldDate, "scenarioday": FieldDate, "deliverydate": FieldDate,
}

// words are each field's key words, in the order that settles a tie. A
// word worth 2 names the field on its own; a word worth 1 only hints.
var words = []struct {
	field string
	w     map[string]int
}{
	{FieldAt, map[string]int{"time": 2, "dtg": 2, "clock": 2, "min": 2, "minute": 2, "hour": 2, "offset": 2, "when": 2, "t": 1, "delivery": 1}},
	{FieldDate, map[string]int{"date": 2, "day": 2}},
	{FieldExpected, map[string]int{"expected": 2, "outcome": 2, "reaction": 2, "response": 2, "action": 2, "anticipated": 2}},
	{FieldObjectives, map[string]int{"objective": 2, "obj": 2, "capability": 2, "goal": 2}},
	{FieldNotes, map[string]int{"note": 2, "remark": 2, "comment": 2, "instruction": 1}},
	{FieldStatus, map[string]int{"status": 2}},
	{FieldRequires, map[string]int{"require": 2, "prerequisite": 2, "depend": 2}},
	{FieldChannel, map[string]int{"method": 2, "mode": 2, "channel": 2, "medium": 2, "means": 2, "mechanism": 2, "delivery": 1}},
	{FieldFrom, map[string]int{"from": 2, "sender": 2, "originator": 2, "source": 2, "simcell": 2, "sim": 1}},
	{FieldTo, map[string]int{"to": 2, "recipient": 2, "player": 2, "target": 2, "audience": 2, "receiver": 2, "addressee": 2, "participant": 2, "agency": 1}},
	{FieldID, map[string]int{"no": 2, "number": 2, "id": 2, "ref": 2, "reference": 2, "serial": 2, "seq": 2, "sequence": 2}},
	{FieldBody, map[string]int{"description": 2, "script": 2, "summary": 2, "detail": 2, "message": 2, "content": 2, "text": 2, "narrative": 2, "synopsis": 2, "inject": 1}},
	{FieldTitle, map[string]int{"title": 2, "subject": 2, "headline": 2, "event": 1, "name": 1}},
}

// byWords recognises a header by its key words. sure is false when the
// words hint only, or point to two fields equally; tie lists every field
// that scored as high as the winner.
func byWords(h string) (field string, sure bool, tie []string) {
	toks := names.Words(h)
	best, second := 0, 0
	for _, f := range words {
		score := 0
		for i, t := range toks {
			if (t == "to" || t == "from") && i > 1 {
				continue // "Expected Reaction to Inject" names no recipient
			}
			score += f.w[t]
		}
		if f.field == FieldDate && field == FieldAt {
			continue // "Date/Time" is one time column
		}
		switch {
		case score > best:
			field, best, second, tie = f.field, score, best, []string{f.field}
		case score == best && score > 0:
			second, tie = score, append(tie, f.field)
		case score > second:
			second = score
		}
	}
	if best < 2 && slices.ContainsFunc(toks, func(t string) bool { return vague[t] }) {
		return "", false, nil // "Inject Type", "Event Category" hint at nothing
	}
	return field, best >= 2 && second < best, tie
}

// vague words make a header that only hints at a field name none.
var vague = map[string]bool{"type": true, "category": true, "kind": true, "controller": true, "evaluator": true, "location": true,
	"priority": true, "phase": true, "duration": true, "length": true, "colour": true, "color": true, "initial": true, "check": true}

// ParseMap reads a --map value, 'Column=field,Other column=field', into
// normalised header -> field. A field of "ignore" (or "-") drops a column.
// A column written as its letter in capitals (A, B … AZ; not ID, NO, TO
// or AT, which are headers) maps that column whatever its header says,
// and lets a sheet with no header row be read: 'A=id,B=at,C=to,D=body'.
func ParseMap(s string) (map[string]string, error) {
	out := map[string]string{}
	if strings.TrimSpace(s) == "" {
		return out, nil
	}
	for _, part := range strings.Split(s, ",") {
		col, field, ok := strings.Cut(part, "=")
		field = strings.ToLower(strings.TrimSpace(field))
		if field == "-" {
			field = FieldIgnore
		}
		if !ok || sheet.Normalize(col) == "" || (!slices.Contains(Fields, field) && field != FieldIgnore) {
			return nil, fmt.Errorf("--map %q: write Column=field, with field one of %s or ignore", part, strings.Join(Fields, ", "))
		}
		out[MapKey(col)] = field
	}
	return out, nil
}

// MapKey is how Options.Map names a column: its normalised header, or
// its letter for a column written as one (A, B … AZ; not ID, NO, TO or
// AT, which are headers).
func MapKey(col string) string {
	key := sheet.Normalize(col)
	if l := strings.TrimSpace(col); columnLetter.MatchString(l) && headers[key] == "" {
		return letterKey + l
	}
	return key
}

// columnLetter is a column named by its letter in --map; letterKey marks
// such a key (sheet.Normalize never gives a space).
var columnLetter = regexp.MustCompile(`^[A-Z]{1,2}$`)

const letterKey = "col "
