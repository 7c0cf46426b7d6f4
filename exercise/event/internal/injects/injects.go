// Package injects keeps what has happened to each of a session's
// injects as a persistent list: the state's snapshots share all of it but
// the path a change copies.
package injects

import (
	"iter"
	"time"
)

// State is what has happened to one inject.
type State struct {
	Released bool
	Skipped  bool
	Held     bool
	// Delay is the total delay added to the scheduled time.
	Delay time.Duration
	// ReleasedT is the exercise time of the release; ReleasedAt the wall time.
	ReleasedT  time.Duration
	ReleasedAt time.Time
	ReleasedBy string
	// ReleasedSeq is the seq of the release event: it orders releases
	// made at the same instant.
	ReleasedSeq int64
	// Auto is true when it was released automatically.
	Auto bool
	// Reason is why it was skipped or held.
	Reason string
	// Live is true for an inject created during play (inject.created),
	// which the scenario did not schedule.
	Live bool
}

// List is what has happened to each inject, parallel to a scenario's
// injects. It is persistent: a change makes a new list that
// shares all but one path of a shallow tree with the old one, so that a
// snapshot a view holds never changes, and a release in a scenario of
// 100,000 injects copies a few hundred bytes, not the whole list.
//
// The zero value is an empty list.
type List struct {
	root  *node
	n     int
	shift uint // bits of the index the root's children take
}

const (
	bits  = 5
	width = 1 << bits
	mask  = width - 1
)

// node is an inner node (kids) or a leaf (states).
type node struct {
	kids   []*node
	states []State
}

// New returns a list of n injects in their first state.
func New(n int) List {
	l := List{n: n}
	if n == 0 {
		return l
	}
	for (n-1)>>(l.shift+bits) > 0 {
		l.shift += bits
	}
	l.root = build(n, l.shift)
	return l
}

// build builds a subtree of n states whose children take the bits
// from shift up.
func build(n int, shift uint) *node {
	if shift == 0 {
		return &node{states: make([]State, n)}
	}
	per := 1 << (shift + bits) >> bits
	nd := &node{}
	for left := n; left > 0; left -= per {
		nd.kids = append(nd.kids, build(min(left, per), shift-bits))
	}
	return nd
}

// Len is the number of injects.
func (l List) Len() int { return l.n }

// At returns inject i's state.
func (l List) At(i int) State { return *l.Peek(i) }

// Peek returns inject i's state where the list keeps it, without copying
// it, for reading only: a view asks for every inject's status each frame.
func (l List) Peek(i int) *State {
	if i < 0 || i >= l.n {
		panic("injects: index out of range")
	}
	nd := l.root
	for sh := l.shift; sh > 0; sh -= bits {
		nd = nd.kids[(i>>sh)&mask]
	}
	return &nd.states[i&mask]
}

// All yields each inject's index and state, in order.
func (l List) All() iter.Seq2[int, State] {
	return func(yield func(int, State) bool) {
		i := 0
		var walk func(nd *node) bool
		walk = func(nd *node) bool {
			for _, k := range nd.kids {
				if !walk(k) {
					return false
				}
			}
			for _, s := range nd.states {
				if !yield(i, s) {
					return false
				}
				i++
			}
			return true
		}
		if l.root != nil {
			walk(l.root)
		}
	}
}

// With returns a list in which inject i's state is s; l is unchanged.
func (l List) With(i int, s State) List {
	return l.with(i, s, nil)
}

// Same reports whether l and m are the same list, unchanged between them:
// a cheap test for "did any inject change".
func (l List) Same(m List) bool { return l.root == m.root && l.n == m.n }

// Owned is the parts of lists that one holder made and has handed to no
// one, and so may change in place (WithOwned). The zero value holds none;
// its methods take a nil *Owned as holding none.
type Owned struct{ m map[*node]bool }

// NewOwned returns an Owned that takes in the copies WithOwned makes.
func NewOwned() *Owned { return &Owned{m: map[*node]bool{}} }

// Clear forgets every part: the lists they are in are shared now.
func (o *Owned) Clear() {
	if o != nil {
		clear(o.m)
	}
}

// WithOwned sets inject i's state, copying the nodes on its path that
// owned does not hold and changing in place those it does (a fold that
// hands its state to no one until it is done); the copies join owned.
func (l List) WithOwned(i int, s State, owned *Owned) List {
	var m map[*node]bool
	if owned != nil {
		m = owned.m
	}
	return l.with(i, s, m)
}

func (l List) with(i int, s State, owned map[*node]bool) List {
	if i < 0 || i >= l.n {
		panic("injects: index out of range")
	}
	own := func(nd *node) *node {
		if owned[nd] {
			return nd
		}
		c := &node{}
		if nd.kids != nil {
			c.kids = append([]*node(nil), nd.kids...)
		} else {
			c.states = append([]State(nil), nd.states...)
		}
		if owned != nil {
			owned[c] = true
		}
		return c
	}
	l.root = own(l.root)
	nd := l.root
	for sh := l.shift; sh > 0; sh -= bits {
		k := (i >> sh) & mask
		nd.kids[k] = own(nd.kids[k])
		nd = nd.kids[k]
	}
	nd.states[i&mask] = s
	return l
}

// Append returns a list with one more inject, in state s, at the end; l
// is unchanged. It copies only the path to the new last leaf.
func (l List) Append(s State) List {
	if l.root == nil {
		return List{root: &node{states: []State{s}}, n: 1}
	}
	if l.n>>(l.shift+bits) > 0 { // full: a new root above
		l.root = &node{kids: []*node{l.root}}
		l.shift += bits
	}
	l.root = appendAt(l.root, l.shift, l.n, s)
	l.n++
	return l
}

// appendAt returns a copy of nd (nil: an empty node) with s as state i.
func appendAt(nd *node, shift uint, i int, s State) *node {
	c := &node{}
	if shift == 0 {
		if nd != nil {
			c.states = nd.states[:len(nd.states):len(nd.states)]
		}
		c.states = append(c.states, s)
		return c
	}
	var kid *node
	if nd != nil {
		c.kids = append([]*node(nil), nd.kids...)
	}
	k := (i >> shift) & mask
	if k < len(c.kids) {
		kid = c.kids[k]
	} else {
		c.kids = append(c.kids, nil)
	}
	c.kids[k] = appendAt(kid, shift-bits, i, s)
	return c
}
