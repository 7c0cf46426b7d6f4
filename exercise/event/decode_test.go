package event

import (
	"encoding/json"
	"testing"

	"ttx/exercise/internal/wire"
)

// FuzzFlat holds the hand decoders to encoding/json: whenever they accept
// a payload, they must read it exactly as encoding/json does.
func FuzzFlat(f *testing.F) {
	for _, s := range []string{
		`{"team":"police","who":"Zoë","text":"Hold\nthe \"line\" \u00e9 \ud83d\ude92 \/","inject":"D-01","kind":"action"}`,
		`{"inject":"L-01","auto":true,"delay_ms":300000,"reason":"time"}`,
		`{ "team" : "a" , "text" : "b" }`, `{}`, `{"team":"a","team":"b"}`, `{"Team":"x"}`, `{"text":"\ud800x"}`,
		`{"delay_ms":1e5}`, `{"delay_ms":01}`, `{"delay_ms":-7}`, `{"text":"\u0000"}`, `{"text":"a\u2028b"}`, `{"team":5}`,
		`{"te\u0061m":"a","text":"b"}`, `{"text\n":"b"}`,
		`{"team":"fire","text":"Evacuate","rationale":"smoke spreading","stage":"action","said_t":720000}`,
		`{"said_t":-5}`, `{"said_t":1.5}`, `{"said_t":null}`, `{"said_t":"9"}`, `{"said_t":1,"said_t":2}`,
	} {
		f.Add([]byte(s))
	}
	names := &wire.Names{} // shared across inputs, as a reader shares it across lines
	f.Fuzz(func(t *testing.T, data []byte) {
		var fast, ref, shared Said
		ok := decodeSaid(data, &fast, nil)
		if ok {
			if err := json.Unmarshal(data, &ref); err != nil || !sameSaid(fast, ref) {
				t.Fatalf("Said %q: hand %+v, json %+v (%v)", data, fast, ref, err)
			}
		}
		if sharedOK := decodeSaid(data, &shared, names); sharedOK != ok || ok && !sameSaid(shared, fast) {
			t.Fatalf("Said %q: with shared names %+v (%v), without %+v (%v)", data, shared, sharedOK, fast, ok)
		}
		var fi, ri InjectChange
		if decodeInjectChange(data, &fi) {
			if err := json.Unmarshal(data, &ri); err != nil || fi != ri {
				t.Fatalf("InjectChange %q: hand %+v, json %+v (%v)", data, fi, ri, err)
			}
		}
	})
}

// sameSaid compares two payloads, said_t by its value.
func sameSaid(a, b Said) bool {
	if (a.SaidT == nil) != (b.SaidT == nil) || a.SaidT != nil && *a.SaidT != *b.SaidT {
		return false
	}
	a.SaidT, b.SaidT = nil, nil
	return a == b
}

func TestDecodeTakesTheFastPathAndFallsBack(t *testing.T) {
	e := Event{Data: []byte(`{"team":"police","text":"Hold\nthe line","inject":"D-01"}`)}
	var d Said
	if !decodeSaid(e.Data, &d, nil) || e.Decode(&d) != nil || d.Text != "Hold\nthe line" {
		t.Errorf("fast path: %+v", d)
	}
	e = Event{Data: []byte(`{"Team":"police","text":"x"}`)} // encoding/json matches keys in any case
	d = Said{}
	if err := e.Decode(&d); err != nil || d.Team != "police" {
		t.Errorf("fallback: %+v %v", d, err)
	}
}

// TestDecodingADecisionAllocatesNothingOfItsOwn: a reader that shares
// names decodes a decision it has seen the like of without a single
// allocation: member names are compared where they lie, not copied.
func TestDecodingADecisionAllocatesNothingOfItsOwn(t *testing.T) {
	data := []byte(`{"team":"police","who":"Officer 3","text":"Hold the cordon.","inject":"D-01","kind":"action"}`)
	names := &wire.Names{}
	var d Said
	if !decodeSaid(data, &d, names) || d.Kind != "action" || d.Team != "police" {
		t.Fatalf("not decoded by hand: %+v", d)
	}
	if n := testing.AllocsPerRun(100, func() { decodeSaid(data, &d, names) }); n != 0 {
		t.Errorf("decoding a decision made %v allocations; want 0", n)
	}
}
