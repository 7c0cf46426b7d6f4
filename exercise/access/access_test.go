package access

import (
	"crypto/ed25519"
	"crypto/rand"
	"testing"

	"golang.org/x/crypto/ssh"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
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
	roster := []event.Person{
		{Name: "Ana", Team: "police", Role: "participant", Keys: []string{string(ssh.MarshalAuthorizedKey(ana))}},
		{Name: "Sam", Role: "evaluator", Keys: []string{"not a key", string(ssh.MarshalAuthorizedKey(sam))}},
		{Name: "Lee", Team: "fire", Role: "participant", CodeHash: scenario.HashCode("RIVER-4821")},
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
	for _, code := range []string{"RIVER-4822", "", "river", scenario.HashCode("RIVER-4821")} {
		if p := ByCode(roster, code); p != nil {
			t.Errorf("wrong code %q matched %s", code, p.Name)
		}
	}
}
