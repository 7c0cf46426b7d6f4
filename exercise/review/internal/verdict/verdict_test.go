package verdict

import (
	"strings"
	"testing"
)

// TestVerdictSaysWhetherTheRecordStands: an intact file is verified with
// its final hash; a broken one is UNVERIFIED with what is wrong, or a
// plain "could not be verified" when nothing says what.
func TestVerdictSaysWhetherTheRecordStands(t *testing.T) {
	if v := (Integrity{Intact: true, Events: 3, FinalHash: "abc"}).Verdict(); !strings.HasPrefix(v, "Verified:") || !strings.Contains(v, "3 events") || !strings.Contains(v, "abc") {
		t.Errorf("intact: %q", v)
	}
	if v := (Integrity{Summary: "line 4 is torn."}).Verdict(); !strings.HasPrefix(v, "UNVERIFIED: line 4 is torn. This report") {
		t.Errorf("torn: %q", v)
	}
	if v := (Integrity{}).Verdict(); !strings.Contains(v, "the file could not be verified") {
		t.Errorf("nothing said: %q", v)
	}
}
