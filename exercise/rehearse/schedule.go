package rehearse

import (
	"container/heap"
	"slices"
	"time"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
)

// schedule is what a rehearsal has still to release, kept so that each
// step looks only at the injects that have come due or been freed by a
// branch choice, not at the whole scenario: a rehearsal of n injects
// takes n log n, not n². It gives the order the plain way gives: at each
// step every inject whose status is Due, by due time and then by place in
// the scenario; and when none is, the time of the first Pending one.
type schedule struct {
	ahead   injectHeap       // timed injects not yet come due
	waiting map[string][]int // by branch: injects waiting for its choice
	recheck []int            // injects whose branch has just been chosen
}

func newSchedule(sc *scenario.Scenario) *schedule {
	s := &schedule{waiting: map[string][]int{}}
	for i := range sc.Injects {
		if at, ok := sc.Injects[i].Offset(); ok {
			s.ahead = append(s.ahead, dueInject{at: at, i: i})
		}
	}
	heap.Init(&s.ahead)
	return s
}

// due returns the injects due at t in the order to release them.
func (s *schedule) due(st *event.State, t time.Duration) []int {
	var due []int
	look := func(i int) {
		switch st.Status(i, t) {
		case event.Due:
			due = append(due, i)
		case event.Waiting:
			s.wait(st, i)
		case event.Pending, event.Delayed:
			at, _ := st.DueAt(i)
			heap.Push(&s.ahead, dueInject{at: at, i: i})
		}
		// Released, skipped, held and off-branch injects never come due
		// again in a rehearsal.
	}
	recheck := s.recheck
	s.recheck = nil
	for _, i := range recheck {
		look(i)
	}
	for len(s.ahead) > 0 && s.ahead[0].at <= t {
		look(heap.Pop(&s.ahead).(dueInject).i)
	}
	slices.SortFunc(due, func(a, b int) int {
		da, _ := st.DueAt(a)
		db, _ := st.DueAt(b)
		if da != db {
			return int(da - db)
		}
		return a - b
	})
	return due
}

// next returns when the next inject falls due after t, and false when
// none will.
func (s *schedule) next(st *event.State, t time.Duration) (time.Duration, bool) {
	for len(s.ahead) > 0 {
		i := s.ahead[0].i
		switch st.Status(i, t) {
		case event.Pending, event.Delayed:
			at, _ := st.DueAt(i)
			return at, true
		case event.Waiting:
			heap.Pop(&s.ahead)
			s.wait(st, i)
		default:
			heap.Pop(&s.ahead)
		}
	}
	return 0, false
}

// chosen frees the injects waiting for branch b, to be looked at again.
func (s *schedule) chosen(b string) {
	s.recheck = append(s.recheck, s.waiting[b]...)
	delete(s.waiting, b)
}

// wait files inject i under the first branch it requires that is not yet
// chosen.
func (s *schedule) wait(st *event.State, i int) {
	for _, r := range st.Scenario.Injects[i].Requires {
		b, _ := scenario.RequiredOption(r)
		if _, ok := st.Choices[b]; !ok {
			s.waiting[b] = append(s.waiting[b], i)
			return
		}
	}
}

type dueInject struct {
	at time.Duration
	i  int
}

// injectHeap is a min-heap of injects by due time, then place.
type injectHeap []dueInject

func (h injectHeap) Len() int { return len(h) }
func (h injectHeap) Less(a, b int) bool {
	if h[a].at != h[b].at {
		return h[a].at < h[b].at
	}
	return h[a].i < h[b].i
}
func (h injectHeap) Swap(a, b int) { h[a], h[b] = h[b], h[a] }
func (h *injectHeap) Push(x any)   { *h = append(*h, x.(dueInject)) }
func (h *injectHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
