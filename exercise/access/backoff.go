package access

import (
	"context"
	"net"
	"sync"
	"time"
)

// GuardOptions configure a Guard; zero fields take the defaults shown.
type GuardOptions struct {
	// First is how long a source waits after its first wrong code (1 s);
	// each further wrong code doubles it, up to Max (60 s).
	First, Max time.Duration
	// Quiet is how long a source must make no wrong guess to start afresh
	// (10 minutes).
	Quiet time.Duration
	// Ease is how often one wrong code is taken off a source's count
	// (2 minutes): a room behind one address, where a typo now and then
	// is made, never waits long, while a guessing source, which makes a
	// wrong guess at least every minute, stays at the longest wait.
	Ease time.Duration
	// Rate is how many codes a second are checked across all sources
	// (5), with bursts of up to Burst (20): at 35 ms a hash, guessing
	// from many addresses at once takes at most a fifth of one core,
	// and a room of 20 joining by code at once is not held up.
	Rate  float64
	Burst int
	// MaxSources bounds the sources remembered (4096); past it, new
	// sources share one.
	MaxSources int
	// Now is the clock; time.Now when nil.
	Now func() time.Time
}

func (o GuardOptions) withDefaults() GuardOptions {
	if o.First <= 0 {
		o.First = time.Second
	}
	if o.Max <= 0 {
		o.Max = time.Minute
	}
	if o.Quiet <= 0 {
		o.Quiet = 10 * time.Minute
	}
	if o.Ease <= 0 {
		o.Ease = 2 * time.Minute
	}
	if o.Rate <= 0 {
		o.Rate = 5
	}
	if o.Burst <= 0 {
		o.Burst = 20
	}
	if o.MaxSources <= 0 {
		o.MaxSources = 4096
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// Guard slows down guessing of join codes. A source (an IP address) has
// one code checked at a time however many connections it opens; after a
// wrong code its next code waits First, doubling with each wrong code up
// to Max, before it is even checked. A right code changes nothing in the
// count, so someone holding one good code cannot use it to wipe out the
// count of their guesses; time does: one wrong code comes off every
// Ease, and all of them after Quiet. A person who made a typo waits a
// second before the next try is checked. Across all sources at most Rate
// codes a second are checked. Waiting costs no CPU: the hash is computed only once a
// code is let through.
type Guard struct {
	o       GuardOptions
	mu      sync.Mutex
	sources map[string]*source
	tokens  float64
	filled  time.Time
	changed chan struct{} // closed and replaced when a check ends
}

type source struct {
	fails    int
	next     time.Time // no check before this
	last     time.Time // the last wrong code
	eased    time.Time // when a wrong code last came off the count
	checking bool
}

// overflow is the source that new sources share when MaxSources are
// remembered and none can be forgotten.
const overflow = "(many sources)"

// NewGuard returns a Guard with options o.
func NewGuard(o GuardOptions) *Guard {
	o = o.withDefaults()
	return &Guard{o: o, sources: map[string]*source{}, tokens: float64(o.Burst), changed: make(chan struct{})}
}

// Wait blocks until a code from src may be checked, or ctx ends. After a
// nil return the caller checks the code and must call Done.
func (g *Guard) Wait(ctx context.Context, src string) error {
	for {
		g.mu.Lock()
		wait := g.admit(src, g.o.Now())
		changed := g.changed
		g.mu.Unlock()
		if wait == 0 {
			return nil
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-changed:
			t.Stop()
		case <-t.C:
		}
	}
}

// Done ends the check that Wait let through: ok says the code was right.
func (g *Guard) Done(src string, ok bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.done(src, ok, g.o.Now())
	close(g.changed)
	g.changed = make(chan struct{})
}

// Delay is how long a source waits after n wrong codes in a row.
func (g *Guard) Delay(n int) time.Duration {
	if n <= 0 {
		return 0
	}
	d := g.o.First
	for i := 1; i < n && d < g.o.Max; i++ {
		d *= 2
	}
	return min(d, g.o.Max)
}

// admit lets a check from src start now (0) or says how long to wait
// before asking again. g.mu is held.
func (g *Guard) admit(src string, now time.Time) time.Duration {
	s := g.source(src, now)
	if s.checking {
		return g.o.Max // woken early by Done
	}
	if s.fails > 0 && now.Sub(s.last) >= g.o.Quiet {
		s.fails = 0
	}
	if n := int(now.Sub(s.eased) / g.o.Ease); s.fails > 0 && n > 0 {
		s.fails = max(s.fails-n, 0)
		s.eased = s.eased.Add(time.Duration(n) * g.o.Ease)
	}
	if now.Before(s.next) {
		return s.next.Sub(now)
	}
	g.tokens = min(float64(g.o.Burst), g.tokens+now.Sub(g.filled).Seconds()*g.o.Rate)
	g.filled = now
	if g.tokens < 1 {
		return max(time.Duration((1-g.tokens)/g.o.Rate*float64(time.Second)), time.Millisecond)
	}
	g.tokens--
	s.checking = true
	return 0
}

func (g *Guard) done(src string, ok bool, now time.Time) {
	s := g.source(src, now)
	s.checking = false
	if ok {
		s.next = now
		return
	}
	if s.fails == 0 {
		s.eased = now
	}
	s.fails++
	s.last = now
	s.next = now.Add(g.Delay(s.fails))
}

// source finds or makes the record of src, forgetting sources that have
// nothing to remember when there are too many.
func (g *Guard) source(src string, now time.Time) *source {
	if s, ok := g.sources[src]; ok {
		return s
	}
	if len(g.sources) >= g.o.MaxSources {
		for k, s := range g.sources {
			if !s.checking && (s.fails == 0 || now.Sub(s.last) >= g.o.Quiet) {
				delete(g.sources, k)
			}
		}
	}
	if len(g.sources) >= g.o.MaxSources {
		for k, s := range g.sources {
			if !s.checking && !now.Before(s.next) && k != overflow {
				delete(g.sources, k)
			}
		}
	}
	if len(g.sources) >= g.o.MaxSources {
		src = overflow
		if s, ok := g.sources[src]; ok {
			return s
		}
	}
	s := &source{}
	g.sources[src] = s
	return s
}

// Source is the address guesses are counted under: the IP address of a
// remote address (host:port), without the port, and an IPv6 address as
// its /64, which one machine usually has whole.
func Source(remote string) string {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	ip := net.ParseIP(host)
	if ip == nil {
		return host
	}
	if ip.To4() != nil {
		return ip.To4().String()
	}
	return (&net.IPNet{IP: ip.Mask(net.CIDRMask(64, 128)), Mask: net.CIDRMask(64, 128)}).String()
}
