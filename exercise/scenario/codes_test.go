package scenario

import (
	"regexp"
	"strings"
	"testing"

	"ttx/exercise/joincode"
)

const rostered = good + `roster:
  - name: Ana
    team: police
    role: participant
    code: CODE
`

// TestWeakJoinCodeRejected: a code that a guesser finds quickly is an
// error with its strength, the rule and a strong code to use instead;
// codes that reach 40 bits pass.
func TestWeakJoinCodeRejected(t *testing.T) {
	for _, weak := range []string{"482913", "123456789012", "ABCDEFGHIJKL", "AAAA-AAAA-AAAA", "EVAL-7777", "police"} {
		_, probs := Parse("good.yaml", []byte(strings.Replace(rostered, "CODE", weak, 1)))
		all := probs.String()
		if !strings.Contains(all, `:41:11: the join code of "Ana" is too easy to guess: it carries about`) ||
			!strings.Contains(all, "needs at least 40") ||
			!regexp.MustCompile(`for example [A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}`).MatchString(all) {
			t.Errorf("code %q: problems are\n%s", weak, all)
		}
	}
	for _, strong := range []string{"4829-1375-9061-3", "K7QM-BZWP", "rtkqwmzpx", "TIGER-7359-RIVER"} {
		if s, probs := Parse("good.yaml", []byte(strings.Replace(rostered, "CODE", strong, 1))); s == nil {
			t.Errorf("code %q (%.1f bits) refused: %s", strong, joincode.Bits(strong), probs)
		}
	}
}

// TestForJournalSaltsCodes: a session file keeps codes as salted argon2id
// hashes, one salt a session, so the same code in two sessions reads
// differently and cannot be looked up in a table.
func TestForJournalSaltsCodes(t *testing.T) {
	s := &Scenario{Roster: []Person{{Name: "Ana", Code: "RIVER-4821"}, {Name: "Sam", Code: "K7QM-BZWP"}, {Name: "Key"}}}
	a, b := s.ForJournal(), s.ForJournal()
	phc := regexp.MustCompile(`^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`)
	for _, c := range []string{a.Roster[0].Code, a.Roster[1].Code, b.Roster[0].Code} {
		if !phc.MatchString(c) {
			t.Errorf("stored code %q is not argon2id in PHC form", c)
		}
	}
	if a.Roster[0].Code == b.Roster[0].Code {
		t.Error("two sessions store the same code the same way: not salted")
	}
	if joincode.SaltText(a.Roster[0].Code) != joincode.SaltText(a.Roster[1].Code) {
		t.Error("one session's codes have different salts: a guess would cost a hash per person")
	}
	if a.Roster[2].Code != "" || s.Roster[0].Code != "RIVER-4821" {
		t.Errorf("ForJournal changed what it should not: %q, original %q", a.Roster[2].Code, s.Roster[0].Code)
	}
	if !joincode.Matches(a.Roster[0].Code, "river 4821") || joincode.Matches(a.Roster[0].Code, "RIVER-4822") || joincode.Matches(a.Roster[0].Code, a.Roster[0].Code) {
		t.Error("the stored code does not match the right code only")
	}
	// A roster read back from a session file keeps its stored codes, and
	// a code added to it shares their salt.
	again := (&Scenario{Roster: append(a.Roster, Person{Name: "Lee", Code: "FIRE-8E3K-QW"})}).ForJournal()
	if again.Roster[0].Code != a.Roster[0].Code {
		t.Error("a stored code was hashed again")
	}
	if joincode.SaltText(again.Roster[3].Code) != joincode.SaltText(a.Roster[0].Code) {
		t.Error("a code added to a stored roster has a salt of its own: a guess would cost two hashes")
	}
	// A session file of an earlier version (SHA-256) still reads.
	old := joincode.Stored("RIVER-4821")
	if !strings.HasPrefix(old, "sha256:") || !joincode.Matches(old, "river-4821") || joincode.Matches(old, old) {
		t.Errorf("the earlier SHA-256 form %q does not match its code only", old)
	}
}

// TestStoredCodeOutOfBounds: a stored form asking for a huge cost, or
// garbled, is not read, and validate says so.
func TestStoredCodeOutOfBounds(t *testing.T) {
	good := joincode.Hash("RIVER-4821", joincode.NewSalt())
	huge := strings.Replace(good, "m=19456", "m=4194304", 1)
	slow := strings.Replace(good, "t=2", "t=3", 1)
	for _, bad := range []string{huge, slow, "$argon2id$v=19$m=19456,t=2,p=1$$", "$argon2id$garbage"} {
		if joincode.SaltText(bad) != "" || joincode.HashLike(bad, "RIVER-4821") != "" {
			t.Errorf("%q was read", bad)
		}
		_, probs := Parse("good.yaml", []byte(strings.Replace(rostered, "CODE", `"`+bad+`"`, 1)))
		if !strings.Contains(probs.String(), "looks like a stored hash but is not one ttx can read") {
			t.Errorf("%q: %s", bad, probs)
		}
	}
}
