package rows

import "math"

// wordChunk is the size of one chunk of words.
const wordChunk = 1 << 20

// Budget is how many bytes of words are kept in memory before rows
// point to the file instead: enough for a million decisions of ordinary
// length within the report's memory target. Tests lower it.
var Budget int64 = 128 << 20

// Words stores decisions' words in chunks.
type Words struct {
	chunks [][]byte
	size   int64
}

// Add stores the four strings, one after the other, and points row d at
// them; it reports false, leaving d as it was, once the budget is spent
// (or for a name too long for a row to measure).
func (w *Words) Add(d *Row, who, text, by, rationale string) bool {
	n := len(who) + len(text) + len(by) + len(rationale)
	if w.size+int64(n) > Budget || len(who) > maxName || len(by) > maxName || len(text) > math.MaxInt32 || len(rationale) > maxName {
		return false
	}
	last := len(w.chunks) - 1
	if last < 0 || cap(w.chunks[last])-len(w.chunks[last]) < n {
		w.chunks = append(w.chunks, make([]byte, 0, max(wordChunk, n)))
		last++
	}
	c := w.chunks[last]
	d.where, d.loc = InStore, int64(last)<<32|int64(len(c))
	d.whoLen, d.textLen, d.byLen, d.ratLen = uint16(len(who)), int32(len(text)), uint16(len(by)), uint16(len(rationale))
	c = append(c, who...)
	c = append(c, text...)
	c = append(c, by...)
	w.chunks[last] = append(c, rationale...)
	w.size += int64(n)
	return true
}

// Said returns the words of a row whose words are in the store.
func (w *Words) Said(d *Row) Said {
	b := w.chunks[d.loc>>32][int32(d.loc):]
	who, text, by, rat := int(d.whoLen), int(d.textLen), int(d.byLen), int(d.ratLen)
	at := who + text + by
	return Said{Who: string(b[:who]), Text: string(b[who : who+text]), By: string(b[who+text : at]), Rationale: string(b[at : at+rat])}
}

// maxName is the longest who, by or rationale a row measures; session
// text is far shorter (a longer one is read back from the file).
const maxName = math.MaxUint16
