package event

import "iter"

// Injects is what has happened to each inject, parallel to
// Scenario.Injects. It is persistent: a change makes a new list that
// shares all but one path of a shallow tree with the old one, so that a
// snapshot a view holds never changes, and a release in a scenario of
// 100,000 injects copies a few hundred bytes, not the whole list.
//
// The zero value is an empty list.
type Injects struct {
	root  *injectNode
	n     int
	shift uint // bits of the index the root's children take
}

const (
	injectBits  = 5
	injectWidth = 1 << injectBits
	injectMask  = injectWidth - 1
)

// injectNode is an inner node (kids) or a leaf (states).
type injectNode struct {
	kids   []*injectNode
	states []InjectState
}

// NewInjects returns a list of n injects in their first state.
func NewInjects(n int) Injects {
	l := Injects{n: n}
	if n == 0 {
		return l
	}
	for (n-1)>>(l.shift+injectBits) > 0 {
		l.shift += injectBits
	}
	l.root = buildInjects(n, l.shift)
	return l
}

// buildInjects builds a subtree of n states whose children take the bits
// from shift up.
func buildInjects(n int, shift uint) *injectNode {
	if shift == 0 {
		return &injectNode{states: make([]InjectState, n)}
	}
	per := 1 << (shift + injectBits) >> injectBits
	nd := &injectNode{}
	for left := n; left > 0; left -= per {
		nd.kids = append(nd.kids, buildInjects(min(left, per), shift-injectBits))
	}
	return nd
}

// Len is the number of injects.
func (l Injects) Len() int { return l.n }

// At returns inject i's state.
func (l Injects) At(i int) InjectState { return *l.leaf(i) }

func (l Injects) leaf(i int) *InjectState {
	if i < 0 || i >= l.n {
		panic("event: inject index out of range")
	}
	nd := l.root
	for sh := l.shift; sh > 0; sh -= injectBits {
		nd = nd.kids[(i>>sh)&injectMask]
	}
	return &nd.states[i&injectMask]
}

// All yields each inject's index and state, in order.
func (l Injects) All() iter.Seq2[int, InjectState] {
	return func(yield func(int, InjectState) bool) {
		i := 0
		var walk func(nd *injectNode) bool
		walk = func(nd *injectNode) bool {
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
func (l Injects) With(i int, s InjectState) Injects {
	return l.with(i, s, nil)
}

// Same reports whether l and m are the same list, unchanged between them:
// a cheap test for "did any inject change".
func (l Injects) Same(m Injects) bool { return l.root == m.root && l.n == m.n }

// with sets inject i's state, copying the nodes on its path that owned
// does not hold and changing in place those it does (a fold that hands
// its state to no one until it is done); the copies join owned.
func (l Injects) with(i int, s InjectState, owned map[*injectNode]bool) Injects {
	if i < 0 || i >= l.n {
		panic("event: inject index out of range")
	}
	own := func(nd *injectNode) *injectNode {
		if owned[nd] {
			return nd
		}
		c := &injectNode{}
		if nd.kids != nil {
			c.kids = append([]*injectNode(nil), nd.kids...)
		} else {
			c.states = append([]InjectState(nil), nd.states...)
		}
		if owned != nil {
			owned[c] = true
		}
		return c
	}
	l.root = own(l.root)
	nd := l.root
	for sh := l.shift; sh > 0; sh -= injectBits {
		k := (i >> sh) & injectMask
		nd.kids[k] = own(nd.kids[k])
		nd = nd.kids[k]
	}
	nd.states[i&injectMask] = s
	return l
}

// Append returns a list with one more inject, in state s, at the end; l
// is unchanged. It copies only the path to the new last leaf.
func (l Injects) Append(s InjectState) Injects {
	if l.root == nil {
		return Injects{root: &injectNode{states: []InjectState{s}}, n: 1}
	}
	if l.n>>(l.shift+injectBits) > 0 { // full: a new root above
		l.root = &injectNode{kids: []*injectNode{l.root}}
		l.shift += injectBits
	}
	l.root = appendAt(l.root, l.shift, l.n, s)
	l.n++
	return l
}

// appendAt returns a copy of nd (nil: an empty node) with s as state i.
func appendAt(nd *injectNode, shift uint, i int, s InjectState) *injectNode {
	c := &injectNode{}
	if shift == 0 {
		if nd != nil {
			c.states = nd.states[:len(nd.states):len(nd.states)]
		}
		c.states = append(c.states, s)
		return c
	}
	var kid *injectNode
	if nd != nil {
		c.kids = append([]*injectNode(nil), nd.kids...)
	}
	k := (i >> shift) & injectMask
	if k < len(c.kids) {
		kid = c.kids[k]
	} else {
		c.kids = append(c.kids, nil)
	}
	c.kids[k] = appendAt(kid, shift-injectBits, i, s)
	return c
}
