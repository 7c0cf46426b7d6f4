package access

import (
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"testing"

	"golang.org/x/crypto/ssh"

	"ttx/exercise/event"
	"ttx/exercise/joincode"
)

func newKey(t *testing.T) ssh.PublicKey {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	k, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestMatch(t *testing.T) {
	ana, sam, stranger := newKey(t), newKey(t), newKey(t)
	salt := joincode.NewSalt()
	roster := []event.Person{
		{Name: "Ana", Team: "police", Role: "participant", Keys: []string{string(ssh.MarshalAuthorizedKey(ana))}},
		{Name: "Sam", Role: "evaluator", Keys: []string{"not a key", string(ssh.MarshalAuthorizedKey(sam))}},
		{Name: "Lee", Team: "fire", Role: "participant", CodeHash: joincode.Hash("RIVER-4821", salt)},
		{Name: "Kim", Team: "fire", Role: "participant", CodeHash: joincode.Hash("K7QMB-XWP9T", salt)},
		// An entry from a session file of an earlier version: SHA-256.
		{Name: "Old", Team: "fire", Role: "participant", CodeHash: joincode.Stored("OLD-CODE-77")},
	}
	if p := ByKey(roster, ana); p == nil || p.Name != "Ana" {
		t.Errorf("Ana's key matched %v", p)
	}
	if p := ByKey(roster, sam); p == nil || p.Name != "Sam" {
		t.Errorf("Sam's key (after a bad line) matched %v", p)
	}
	if p := ByKey(roster, stranger); p != nil {
		t.Errorf("a stranger's key matched %s", p.Name)
	}
	for _, code := range []string{"RIVER-4821", "river 4821", " river4821 "} {
		if p := ByCode(roster, code); p == nil || p.Name != "Lee" {
			t.Errorf("code %q matched %v", code, p)
		}
	}
	if p := ByCode(roster, "k7qmb xwp9t"); p == nil || p.Name != "Kim" {
		t.Errorf("Kim's code matched %v", p)
	}
	if p := ByCode(roster, "old-code-77"); p == nil || p.Name != "Old" {
		t.Errorf("a code stored by an earlier version matched %v", p)
	}
	// Typing a stored hash is a guess like any other: it never matches.
	for _, code := range []string{"RIVER-4822", "", "river", roster[2].CodeHash, roster[4].CodeHash,
		joincode.Stored("RIVER-4821"), joincode.Hash("RIVER-4821", joincode.NewSalt())} {
		if p := ByCode(roster, code); p != nil {
			t.Errorf("wrong code %q matched %s", code, p.Name)
		}
	}
}

// BenchmarkByCode checks a wrong code against rosters of 10 and 1,000
// people with codes: one hash either way, since a session's codes share
// one salt.
func BenchmarkByCode(b *testing.B) {
	for _, n := range []int{10, 1000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			salt := joincode.NewSalt()
			roster := make([]event.Person, n)
			for i := range roster {
				// The same stored code for all: the cost is in the guess's hash, not in making the roster.
				if i == 0 {
					roster[i].CodeHash = joincode.Hash(joincode.New(), salt)
				} else {
					roster[i].CodeHash = roster[0].CodeHash
				}
			}
			for b.Loop() {
				if ByCode(roster, "GUESS-123456") != nil {
					b.Fatal("a guess matched")
				}
			}
		})
	}
}

// TestGuessCostsAtMostTwoHashes: a roster written by hand with a salt an
// entry does not make each guess cost a hash an entry; a guess is hashed
// for the session's salt and the old SHA-256 form at most.
func TestGuessCostsAtMostTwoHashes(t *testing.T) {
	var roster []event.Person
	for i := range 20 {
		roster = append(roster, event.Person{Name: fmt.Sprint(i), CodeHash: joincode.Hash(fmt.Sprintf("K7QMB-ZWP9T-%d", i), joincode.NewSalt())})
	}
	calls := 0
	old := hashLike
	defer func() { hashLike = old }()
	hashLike = func(stored, code string) string { calls++; return old(stored, code) }
	ByCode(roster, "WRONG-CODE-77")
	if calls > maxWays {
		t.Errorf("one guess was hashed %d times; at most %d", calls, maxWays)
	}
}
