package msel

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
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
}

// Normalize makes a header comparable: lower case, letters and digits
// only, with "#" read as "no" ("Inject #" and "Inject No." are the same).
func Normalize(h string) string {
	h = strings.ReplaceAll(strings.ToLower(h), "#", "no")
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, h)
}

// ParseMap reads a --map value, 'Column=field,Other column=field', into
// normalised header -> field. A field of "ignore" (or "-") drops a column.
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
		if !ok || Normalize(col) == "" || (!slices.Contains(Fields, field) && field != FieldIgnore) {
			return nil, fmt.Errorf("--map %q: write Column=field, with field one of %s or ignore", part, strings.Join(Fields, ", "))
		}
		out[Normalize(col)] = field
	}
	return out, nil
}
