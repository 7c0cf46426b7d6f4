package link

import (
	"errors"
	"net"
	"strings"
	"testing"
	"time"
)

// hello runs a hello between two Links over a pipe and returns what each
// end said.
func helloBetween(dialler, acceptor *Links) (dialled, accepted error) {
	a, b := net.Pipe()
	defer a.Close()
	defer b.Close()
	done := make(chan error, 1)
	go func() { done <- acceptor.hello(b, false, time.Second) }()
	dialled = dialler.hello(a, true, time.Second)
	a.Close()
	return dialled, <-done
}

// TestHelloLinksOnlyTheSameRules: two nodes with the same rules link;
// with others, both ends refuse and say which rules the other has.
func TestHelloLinksOnlyTheSameRules(t *testing.T) {
	if d, a := helloBetween(&Links{Rules: "r1-aaa"}, &Links{Rules: "r1-aaa"}); d != nil || a != nil {
		t.Fatalf("the same rules: %v / %v", d, a)
	}
	dialler, acceptor := &Links{Rules: "r1-aaa"}, &Links{Rules: "r2-bbb"}
	d, a := helloBetween(dialler, acceptor)
	var od, oa *OtherRulesError
	if !errors.As(d, &od) || od.Theirs != "r2-bbb" || !errors.As(a, &oa) || oa.Theirs != "r1-aaa" {
		t.Fatalf("other rules: dialler %v, acceptor %v", d, a)
	}
	if dialler.OtherRules() == nil || acceptor.OtherRules() == nil || !strings.Contains(d.Error(), "install the same ttx on every node") {
		t.Fatalf("the ends do not keep why: %v / %v", dialler.OtherRules(), acceptor.OtherRules())
	}
}

// TestHelloRefusesWhatIsNoHello: what opens with no hello (an older ttx,
// a stranger's bytes, a line without end) is refused within the
// acceptor's bound, never read on as Raft traffic.
func TestHelloRefusesWhatIsNoHello(t *testing.T) {
	for _, opening := range []string{"\x01raft bytes\n", strings.Repeat("x", 4096), "ttx-rules " + strings.Repeat("r", 200) + "\n"} {
		a, b := net.Pipe()
		l := &Links{Rules: "r1-aaa"}
		done := make(chan error, 1)
		go func() { done <- l.hello(b, false, time.Second) }()
		go a.Write([]byte(opening))
		select {
		case err := <-done:
			if err == nil {
				t.Errorf("%.20q… was taken for a hello", opening)
			}
		case <-time.After(3 * time.Second):
			t.Errorf("%.20q… held the acceptor past its bound", opening)
		}
		a.Close()
		b.Close()
	}
}
