// Package link holds the connections between a cluster's nodes: TLS 1.3
// links whose ends prove they hold the cluster's secret, the one Raft
// port shared with forwarded commands, and the cuts tests partition with.
package link

import (
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"time"
)

// The link between two nodes is TLS 1.3, for privacy, and the two ends
// prove to each other that they hold the cluster's secret by an HMAC of
// the TLS session's exported keying material (channel binding): someone
// in the middle has two TLS sessions with different keying material, and
// cannot answer for either without the secret. The certificates are made
// afresh by each node when it starts; they prove nothing, the secret
// does.

const ekmLabel = "ttx cluster link"

// Secure makes a node's links authenticated and encrypted with secret.
type Secure struct {
	secret []byte
	// members binds the proof to the cluster's nodes as this node's file
	// names them, so that nodes given different cluster files do not
	// form one cluster.
	members []byte
	server  *tls.Config
	client  *tls.Config
}

// NewSecure makes links secured by secret and bound to members, the
// cluster's membership as this node's file names it.
func NewSecure(secret, members []byte) (*Secure, error) {
	pub, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(10 * 365 * 24 * time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, pub, key)
	if err != nil {
		return nil, fmt.Errorf("make the node's TLS certificate: %w", err)
	}
	cert := tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
	return &Secure{
		secret: secret, members: members,
		server: &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS13},
		// The peer is known by the secret, not by its certificate.
		client: &tls.Config{InsecureSkipVerify: true, MinVersion: tls.VersionTLS13},
	}, nil
}

// ErrNotMember is a peer that did not prove it holds the secret.
var ErrNotMember = errors.New("the other end does not hold this cluster's secret, or has another cluster file (every node needs the same nodes and the same secret)")

// Wrap runs the TLS handshake and the proof on c, as the dialling end
// (client) or the accepting one, within timeout.
func (s *Secure) Wrap(c net.Conn, client bool, timeout time.Duration) (net.Conn, error) {
	c.SetDeadline(time.Now().Add(timeout))
	var tc *tls.Conn
	if client {
		tc = tls.Client(c, s.client)
	} else {
		tc = tls.Server(c, s.server)
	}
	if err := tc.Handshake(); err != nil {
		c.Close()
		return nil, fmt.Errorf("TLS with %s: %w", c.RemoteAddr(), err)
	}
	st := tc.ConnectionState()
	ekm, err := st.ExportKeyingMaterial(ekmLabel, nil, 32)
	if err != nil {
		c.Close()
		return nil, err
	}
	mine, theirs := s.proof("server", ekm), s.proof("client", ekm)
	if client {
		mine, theirs = theirs, mine
	}
	// The dialling end proves first, so that an accepting node tells a
	// stranger nothing.
	got := make([]byte, len(theirs))
	if client {
		if _, err = tc.Write(mine); err == nil {
			_, err = io.ReadFull(tc, got)
		}
	} else if _, err = io.ReadFull(tc, got); err == nil && hmac.Equal(got, theirs) {
		_, err = tc.Write(mine)
	}
	if err == nil && !hmac.Equal(got, theirs) {
		err = ErrNotMember
	}
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("link with %s: %w", c.RemoteAddr(), err)
	}
	c.SetDeadline(time.Time{})
	return tc, nil
}

func (s *Secure) proof(role string, ekm []byte) []byte {
	m := hmac.New(sha256.New, s.secret)
	m.Write([]byte(role))
	m.Write(ekm)
	m.Write(s.members)
	return m.Sum(nil)
}
