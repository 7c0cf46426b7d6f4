// Package access decides who a connecting person is: by the SSH public key
// they offer or the join code they type, matched against the session's
// roster. Role and team always come from the roster, never from anything
// the person types.
package access

import (
	"crypto/subtle"
	"strings"

	"golang.org/x/crypto/ssh"

	"ttx/exercise/event"
	"ttx/exercise/scenario"
)

// ByKey returns the roster entry one of whose keys is key, or nil.
func ByKey(roster []event.Person, key ssh.PublicKey) *event.Person {
	if key == nil {
		return nil
	}
	want := key.Marshal()
	for i := range roster {
		for _, line := range roster[i].Keys {
			k, _, _, _, err := ssh.ParseAuthorizedKey([]byte(line))
			if err != nil {
				continue
			}
			if subtle.ConstantTimeCompare(k.Marshal(), want) == 1 {
				return &roster[i]
			}
		}
	}
	return nil
}

// ByCode returns the roster entry whose join code is code, or nil.
func ByCode(roster []event.Person, code string) *event.Person {
	code = strings.TrimSpace(code)
	if len([]rune(scenario.NormalizeCode(code))) < scenario.MinCodeLength {
		return nil
	}
	h := scenario.HashCode(code)
	for i := range roster {
		if roster[i].CodeHash != "" && subtle.ConstantTimeCompare([]byte(roster[i].CodeHash), []byte(h)) == 1 {
			return &roster[i]
		}
	}
	return nil
}

// Fingerprint returns the key's SHA-256 fingerprint, as ssh-keygen -l
// prints it.
func Fingerprint(key ssh.PublicKey) string {
	if key == nil {
		return ""
	}
	return ssh.FingerprintSHA256(key)
}
