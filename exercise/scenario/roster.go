package scenario

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"unicode"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"golang.org/x/crypto/ssh"
)

// MinCodeLength is the shortest join code any version of ttx accepted: a
// typed code shorter than this is refused without hashing it. Strength is
// MinCodeBits.
const MinCodeLength = 6

// NormalizeCode makes a typed join code comparable: spaces and dashes
// dropped, letters in upper case, so "abc-123" matches "ABC 123".
func NormalizeCode(code string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r) || r == '-':
			return -1
		}
		return unicode.ToUpper(r)
	}, code)
}

// StoredCode returns how the session's state keeps a roster code read
// from a session file: a stored (hashed) code as it is, "" for none, and
// a typed code (in a file written by hand) as the SHA-256 form of earlier
// versions, which the fold can compute at no cost. ttx writes only
// argon2id forms (ForJournal, HashCode).
func StoredCode(code string) string {
	if code == "" || IsStoredCode(code) {
		return code
	}
	return legacyHash(code)
}

// ForJournal returns a copy of the scenario to write into a session file:
// the same, but with join codes replaced by their argon2id hashes under
// one salt for the session (hashRoster), so that reading the file does
// not give anyone a way in.
func (s *Scenario) ForJournal() *Scenario {
	c := *s
	c.Roster = slices.Clone(s.Roster)
	hashRoster(c.Roster)
	return &c
}

// validateRoster checks join codes and SSH keys.
func validateRoster(v *validator, s *Scenario) {
	codes := map[string]int{}
	names := map[string]int{}
	for i, p := range s.Roster {
		if first, dup := names[p.Name]; dup && p.Name != "" {
			v.add(Error, path("roster", i), "%q is on the roster twice (entries %d and %d); names identify people, so give each one once", p.Name, first+1, i+1)
		}
		names[p.Name] = i
		if p.Code == "" && len(p.Keys) == 0 {
			v.add(Warning, path("roster", i), "%q has neither keys nor a code, so cannot join; add keys: (their SSH public keys) or code:", p.Name)
		}
		switch {
		case p.Code == "":
		case IsStoredCode(p.Code):
			if CodeSaltOf(p.Code) == "" {
				v.add(Error, path("roster", i, "code"), "the join code of %q looks like a stored hash but is not one ttx can read; give the code itself, for example %s", p.Name, NewJoinCode())
			}
		default:
			if err := CheckCode(p.Code); err != nil {
				v.add(Error, path("roster", i, "code"), "the join code of %q is too easy to guess: %v", p.Name, err)
			}
		}
		if p.Code != "" {
			h := p.Code
			if !IsStoredCode(h) {
				h = NormalizeCode(h)
			}
			if first, dup := codes[h]; dup {
				v.add(Error, path("roster", i, "code"), "%q has the same join code as %q; each person needs their own", p.Name, s.Roster[first].Name)
			}
			codes[h] = i
		}
		for j, k := range p.Keys {
			if _, _, _, _, err := ssh.ParseAuthorizedKey([]byte(k)); err != nil {
				v.add(Error, path("roster", i, "keys", j), "key %d of %q is not an SSH public key; paste a line from their ~/.ssh/id_ed25519.pub", j+1, p.Name)
			}
		}
	}
}

// LoadRoster reads a roster file: a YAML list of people (name, team, role,
// keys, code), or a mapping with a roster: list. Problems carry their
// file:line:col; AddRoster then checks the people against a scenario.
func LoadRoster(path string) ([]Person, Problems) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, Problems{{File: path, Msg: fmt.Sprintf("cannot read the roster: %v", errors.Unwrap(err))}}
	}
	l := &loader{name: path, nodes: map[string][]ast.Node{}}
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		l.yamlError(err, nil)
		return nil, l.probs
	}
	var root ast.Node
	if len(file.Docs) > 0 {
		root = file.Docs[0].Body
	}
	if m, ok := root.(*ast.MappingNode); ok {
		for _, kv := range m.Values {
			if kv.Key.String() == "roster" {
				root = kv.Value
			}
		}
	}
	people := decodeList[Person](l, "roster", root)
	return people, l.probs
}

// AddRoster adds people to the scenario's roster and validates the whole,
// reporting problems against the roster file.
func (s *Scenario) AddRoster(people []Person, file string) Problems {
	s.Roster = append(s.Roster, people...)
	probs := Validate(s, nil)
	for i := range probs {
		probs[i].File = file
	}
	return probs
}
