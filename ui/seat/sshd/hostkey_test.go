package sshd

import (
	"net"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"ttx/exercise/scenario"
)

// TestHostKeyFingerprintIsWhatSSHSees: the fingerprint the console shows
// beside the join command is the one a participant's ssh client computes
// from the key the server offers, in OpenSSH's form (SHA256:base64).
func TestHostKeyFingerprintIsWhatSSHSees(t *testing.T) {
	p := newPerson(t, "Ana Ruiz", "police", scenario.RoleParticipant)
	_, srv, _ := serveDemo(t, ServerOptions{}, p.Person)
	var seen string
	cfg := &gossh.ClientConfig{User: userOf(p.Name), Auth: []gossh.AuthMethod{gossh.PublicKeys(p.signer)},
		HostKeyCallback: func(_ string, _ net.Addr, key gossh.PublicKey) error {
			seen = gossh.FingerprintSHA256(key)
			return nil
		}, Timeout: 10 * time.Second}
	c, err := gossh.Dial("tcp", srv.Addr().String(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	got := srv.HostKeyFingerprint()
	if !strings.HasPrefix(got, "SHA256:") || strings.HasSuffix(got, "=") {
		t.Errorf("HostKeyFingerprint() = %q, want OpenSSH's form SHA256:<unpadded base64>", got)
	}
	if got != seen {
		t.Errorf("HostKeyFingerprint() = %q, but the ssh client saw %q", got, seen)
	}
}
