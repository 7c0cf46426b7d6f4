package answer

import (
	"errors"
	"testing"

	"ttx/exercise/session"
)

// TestForwardedFaultsKeepWhatTheyMean: a follower that forwarded a
// command tells its person what the leader said: not saved (send it
// again) and not confirmed (look at the record first) stay apart, and the
// words are not doubled. Not confirmed used to arrive as a plain error,
// and not saved as "not saved: not saved: …".
func TestForwardedFaultsKeepWhatTheyMean(t *testing.T) {
	for _, leader := range []error{
		&session.NotSavedError{Err: errors.New("write session.jsonl: no space left on device")},
		&session.UnconfirmedError{Err: errors.New("recorded by the cluster, but not on this site's disk: input/output error")},
	} {
		got := Err(Reply{Err: leader.Error(), Kind: KindOf(leader)})
		var ns *session.NotSavedError
		var un *session.UnconfirmedError
		_, wantUnsure := leader.(*session.UnconfirmedError)
		if errors.As(got, &un) != wantUnsure || errors.As(got, &ns) == wantUnsure {
			t.Errorf("the leader's %T reached the follower as %T (%v)", leader, got, got)
		}
		if got.Error() != leader.Error() {
			t.Errorf("the leader said %q, the follower says %q", leader, got)
		}
	}
}
