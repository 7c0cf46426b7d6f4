package store

import (
	"encoding/binary"
	"math/bits"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"
)

// rec is one entry as the store keeps it: numbers only, so that a chunk
// of them is nothing the garbage collector looks into. names are numbers
// into the table of names; block and off say where the entry's words
// start (noWords: it has none).
type rec struct {
	seq, sec, t, saidT int64
	nsec               uint32
	loc                uint16 // 0: UTC, 1: Local, else a number into the locations
	action             bool
	names              [nameFields]uint32
	block, off         uint32
}

// The names an entry carries, numbered in the table of names.
const (
	nameBy = iota
	nameKind
	nameTeam
	nameWho
	nameInject
	nameStage
	nameFields
)

// The words an entry carries, in the order they are kept in a block: a
// byte that says which are there, then each one there as its length (a
// uvarint) and its bytes.
const (
	wordText = iota
	wordRationale
	wordObjective
	wordRating
	wordTarget
	wordTask
	wordFinding
	wordTo
	wordFields
)

const noWords = ^uint32(0)

// Chunks of records grow from firstChunk records to lastChunk, doubling,
// so that a short list (a seek's, a test's) costs little and a long one
// is a few hundred chunks.
const (
	firstChunk = 64
	lastChunk  = 4096
	growing    = 7                             // chunks of firstChunk<<k records, k < growing
	grown      = firstChunk * (1<<growing - 1) // the records in them
)

// locate returns the chunk that holds record i and where in it.
func locate(i int) (k, off int) {
	if i < grown {
		k = bits.Len(uint(i/firstChunk+1)) - 1
		return k, i - firstChunk*(1<<k-1)
	}
	i -= grown
	return growing + i/lastChunk, i % lastChunk
}

func chunkSize(k int) int { return firstChunk << min(k, growing-1) }

// Word blocks grow from firstBlock bytes to lastBlock, doubling; a word
// longer than that has a block of its own size.
const (
	firstBlock = 4 << 10
	lastBlock  = 1 << 20
)

// store is the chunks of one list's records and the blocks of their
// words. The directories are replaced, never changed below their length,
// so a reader loads them once and reads what was written before its list
// was handed to it. n is how many records the lists sharing the store
// have written in all: the one whose length it is may append.
type store struct {
	n     atomic.Int64
	recs  atomic.Pointer[[][]rec]
	words atomic.Pointer[[][]byte]
	names *names

	// The writer's own: the block words go into and how much of it is
	// used, the size of the next block, and the names it numbered.
	cur       []byte
	pos, next int
	local     map[string]uint32
	last      [nameFields]string
	lastID    [nameFields]uint32
}

func newStore(nm *names) *store {
	s := &store{names: nm, next: firstBlock, local: map[string]uint32{}}
	s.recs.Store(&[][]rec{})
	s.words.Store(&[][]byte{})
	return s
}

// diverge returns l in a store of its own: the full chunks below its end
// and every block shared, the part-filled chunk copied.
func (l Entries) diverge() Entries {
	old, ns, end := l.st, newStore(l.st.names), l.off+l.n
	dir := *old.recs.Load()
	k, off := locate(end)
	recs := make([][]rec, k, k+1)
	copy(recs, dir[:k])
	if off > 0 {
		c := make([]rec, chunkSize(k))
		copy(c, dir[k][:off])
		recs = append(recs, c)
	}
	ns.recs.Store(&recs)
	words := *old.words.Load()
	words = words[:len(words):len(words)] // the new store's blocks go after, in an array of its own
	ns.words.Store(&words)
	ns.n.Store(int64(end))
	return Entries{st: ns, off: l.off, n: l.n}
}

func (s *store) rec(i int) *rec {
	k, off := locate(i)
	return &(*s.recs.Load())[k][off]
}

func (s *store) reset() {
	s.n.Store(0)
	if s.names.big() {
		// A reader that keeps no entry needs no name it numbered before:
		// a fresh table keeps a file of distinct names (each decision
		// its own who) from being held to the end. The entries handed
		// out keep theirs, which are copies of their own (intern).
		s.names = newNames()
		clear(s.local)
		s.last, s.lastID = [nameFields]string{}, [nameFields]uint32{}
	}
	words := [][]byte{}
	if s.cur != nil {
		words = append(words, s.cur) // the words of entries handed out are left as they are
	}
	s.words.Store(&words)
}

// put writes entry e as record i, which the caller has claimed.
func (s *store) put(i int, e *Entry) {
	k, off := locate(i)
	dir := *s.recs.Load()
	if k == len(dir) {
		dir = append(dir, make([]rec, chunkSize(k)))
		s.recs.Store(&dir)
	}
	r := &dir[k][off]
	sec, nsec, loc := s.timeOf(e.At)
	*r = rec{seq: e.Seq, sec: sec, t: int64(e.T), saidT: int64(e.SaidT), nsec: nsec, loc: loc, action: e.Action}
	r.names[nameBy] = s.name(nameBy, e.By)
	r.names[nameKind] = s.name(nameKind, e.Kind)
	r.names[nameTeam] = s.name(nameTeam, e.Team)
	r.names[nameWho] = s.name(nameWho, e.Who)
	r.names[nameInject] = s.name(nameInject, e.Inject)
	r.names[nameStage] = s.name(nameStage, e.Stage)
	r.block, r.off = s.putWords(e)
}

func wordsOf(e *Entry) [wordFields]string {
	return [wordFields]string{e.Text, e.Rationale, e.Objective, e.Rating, e.Target, e.Task, e.Finding, e.To}
}

func (s *store) putWords(e *Entry) (block, off uint32) {
	ws := wordsOf(e)
	need := 1
	for _, w := range ws {
		if w != "" {
			need += binary.MaxVarintLen64 + len(w)
		}
	}
	if need == 1 {
		return noWords, 0
	}
	if s.cur == nil || len(s.cur)-s.pos < need {
		size := s.next
		s.next = min(s.next*2, lastBlock)
		s.cur, s.pos = make([]byte, max(size, need)), 0
		dir := append(*s.words.Load(), s.cur)
		s.words.Store(&dir)
	}
	block, off = uint32(len(*s.words.Load())-1), uint32(s.pos)
	b := s.cur[s.pos:]
	var mask byte
	n := 1
	for f, w := range ws {
		if w != "" {
			mask |= 1 << f
			n += binary.PutUvarint(b[n:], uint64(len(w)))
			n += copy(b[n:], w)
		}
	}
	b[0] = mask
	s.pos += n
	return block, off
}

// at makes entry i from its record.
func (s *store) at(i int) Entry {
	r := s.rec(i)
	names := *s.names.list.Load()
	e := Entry{Seq: r.seq, T: time.Duration(r.t), SaidT: time.Duration(r.saidT), Action: r.action,
		By: names[r.names[nameBy]], Kind: names[r.names[nameKind]], Team: names[r.names[nameTeam]],
		Who: names[r.names[nameWho]], Inject: names[r.names[nameInject]], Stage: names[r.names[nameStage]]}
	e.At = time.Unix(r.sec, int64(r.nsec))
	switch r.loc {
	case 0:
		e.At = e.At.UTC()
	case 1:
	default:
		e.At = e.At.In((*s.names.locs.Load())[r.loc-2])
	}
	if r.block == noWords {
		return e
	}
	b := (*s.words.Load())[r.block][r.off:]
	mask, n := b[0], 1
	var ws [wordFields]string
	for f := range wordFields {
		if mask&(1<<f) == 0 {
			continue
		}
		size, m := binary.Uvarint(b[n:])
		n += m
		// The block is never written here again: the string can be
		// its bytes.
		ws[f] = unsafe.String(&b[n], int(size))
		n += int(size)
	}
	e.Text, e.Rationale, e.Objective, e.Rating = ws[wordText], ws[wordRationale], ws[wordObjective], ws[wordRating]
	e.Target, e.Task, e.Finding, e.To = ws[wordTarget], ws[wordTask], ws[wordFinding], ws[wordTo]
	return e
}

// timeOf returns t as seconds, nanoseconds and a location number.
func (s *store) timeOf(t time.Time) (sec int64, nsec uint32, loc uint16) {
	switch t.Location() {
	case time.UTC:
	case time.Local:
		loc = 1
	default:
		if n, ok := s.names.location(t); ok {
			loc = n + 2
		} // else kept as UTC: the same instant
	}
	return t.Unix(), uint32(t.Nanosecond()), loc
}

// name returns the number of v as field f of an entry.
func (s *store) name(f int, v string) uint32 {
	if v == "" {
		return 0
	}
	if v == s.last[f] {
		return s.lastID[f]
	}
	id, ok := s.local[v]
	if !ok {
		var kept string
		id, kept = s.names.intern(v)
		if len(s.local) >= localNames {
			clear(s.local) // names that rarely repeat: the table has them
		}
		s.local[kept] = id
	}
	s.last[f], s.lastID[f] = (*s.names.list.Load())[id], id
	return id
}

// localNames is how many names a store keeps numbered without taking the
// table's lock; resetNames and resetBytes how many names or zones, and
// bytes of names, the table of a store that is Reset holds at most
// before Reset starts a fresh one.
const (
	localNames = 4096
	resetNames = 4096
	resetBytes = 1 << 20
)

// names is the table of names the stores of one list's lineage share (a
// fork's store numbers names as the one it came from): it only grows, by
// the distinct names a session has (but see Entries.Reset).
type names struct {
	mu    sync.Mutex
	index map[string]uint32
	bytes int // of the names in list
	list  atomic.Pointer[[]string]
	locs  atomic.Pointer[[]*time.Location] // fixed zones
	zones map[zone]uint16                  // the number of each of locs
}

// zone is what is shown of a time's zone: its name and offset.
type zone struct {
	name   string
	offset int
}

func newNames() *names {
	nm := &names{index: map[string]uint32{"": 0}, zones: map[zone]uint16{}}
	nm.list.Store(&[]string{""})
	nm.locs.Store(&[]*time.Location{})
	return nm
}

// intern returns the number of v, adding a copy of it if it is new, and
// the string kept.
func (nm *names) intern(v string) (uint32, string) {
	nm.mu.Lock()
	defer nm.mu.Unlock()
	list := *nm.list.Load()
	if id, ok := nm.index[v]; ok {
		return id, list[id]
	}
	v = strings.Clone(v) // not the bytes of the event it came in
	id := uint32(len(list))
	list = append(list, v)
	nm.list.Store(&list)
	nm.index[v] = id
	nm.bytes += len(v)
	return id, v
}

// big reports whether the table holds more than a store that is Reset
// keeps.
func (nm *names) big() bool {
	nm.mu.Lock()
	defer nm.mu.Unlock()
	return len(nm.index) > resetNames || nm.bytes > resetBytes || len(nm.zones) > resetNames
}

// lookup returns the number of v, if it has one.
func (nm *names) lookup(v string) (uint32, bool) {
	nm.mu.Lock()
	defer nm.mu.Unlock()
	id, ok := nm.index[v]
	return id, ok
}

// location returns the number of the zone t is in, one other than UTC
// and Local, as a fixed zone of its name and offset: a file may give each
// line an offset of its own, and the zones are told apart by what is
// shown of them, not by which value each line was parsed into. ok is
// false past the numbers a record has room for.
func (nm *names) location(t time.Time) (n uint16, ok bool) {
	name, offset := t.Zone()
	nm.mu.Lock()
	defer nm.mu.Unlock()
	if n, ok := nm.zones[zone{name, offset}]; ok {
		return n, true
	}
	locs := *nm.locs.Load()
	if len(locs) >= 1<<16-2 {
		return 0, false
	}
	locs = append(locs, time.FixedZone(name, offset))
	nm.locs.Store(&locs)
	n = uint16(len(locs) - 1)
	nm.zones[zone{strings.Clone(name), offset}] = n
	return n, true
}
