package journal

import (
	"bytes"
	"fmt"
	"os"
	"testing"

	"ttx/exercise/event"
)

// TestScanAlongFollowsTheFinalHash: where a forged branch claims a place
// in a sealed file, Scan with Along on the branch that ends in the final
// hash reads every genuine event, to the seal, and none forged; along the
// forged branch it reads the forged lines and none after.
func TestScanAlongFollowsTheFinalHash(t *testing.T) {
	for _, depth := range []int{1, 3} {
		t.Run(fmt.Sprintf("%d forged lines", depth), func(t *testing.T) {
			path, lines, final, forged := forkedSession(t, 8, 5, depth)
			rep, _ := scanFile(t, path)
			b := rep.Fork.Branch(final)
			if b != 1 {
				t.Fatalf("branch %d ends in the final hash, want 1", b)
			}
			for branch, want := range map[int]struct {
				events int64
				sealed bool
				head   string
			}{1: {int64(len(lines)), true, final}, 0: {int64(5 + depth), false, Hash([]byte(forged[depth-1]))}} {
				f, _ := os.Open(path)
				var evs []event.Event
				got, err := Scan(f, func(e event.Event) error { evs = append(evs, e); return nil }, Along(rep.Fork, branch))
				f.Close()
				if err != nil || got.Break != nil || got.Fork != nil || got.Events != want.events || int64(len(evs)) != want.events || got.Sealed != want.sealed || got.Head != want.head {
					t.Fatalf("branch %d: err %v, break %v, fork %v, %d events (%d handed), sealed %v", branch, err, got.Break, got.Fork, got.Events, len(evs), got.Sealed)
				}
				forgedRead := 0
				for _, e := range evs {
					if bytes.Contains(e.Data, []byte("we agreed to pay")) {
						forgedRead++
					}
				}
				if branch == 1 && forgedRead != 0 || branch == 0 && forgedRead != depth {
					t.Errorf("branch %d: %d forged lines read", branch, forgedRead)
				}
				if c := got.Chosen; c == nil || c.Kept() != rep.Fork.Lines[branch] || c.SetAside() != rep.Fork.Lines[1-branch] {
					t.Errorf("branch %d: chosen %+v", branch, c)
				}
			}
		})
	}
}
