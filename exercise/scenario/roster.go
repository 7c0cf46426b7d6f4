package scenario

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"slices"
	"sync"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"golang.org/x/crypto/ssh"

	"ttx/exercise/joincode"
)

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
		case joincode.IsStored(p.Code):
			if joincode.SaltText(p.Code) == "" {
				v.add(Error, path("roster", i, "code"), "the join code of %q looks like a stored hash but is not one ttx can read; give the code itself, for example %s", p.Name, joincode.New())
			}
		default:
			if err := joincode.Check(p.Code); err != nil {
				v.add(Error, path("roster", i, "code"), "the join code of %q is too easy to guess: %v", p.Name, err)
			}
		}
		if p.Code != "" {
			h := p.Code
			if !joincode.IsStored(h) {
				h = joincode.Normalize(h)
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

// hashRoster replaces every typed code in people with its hash under one
// salt, two at a time (the hash slots), keeping codes that are already
// stored. The salt is that of a stored argon2id code among them (a roster
// read back from a session file), so that a guess still costs one hash,
// or else a fresh one.
func hashRoster(people []Person) {
	var salt []byte
	for _, p := range people {
		if salt = joincode.Salt(p.Code); salt != nil {
			break
		}
	}
	if salt == nil {
		salt = joincode.NewSalt()
	}
	// One hash per core at a time: each takes 19 MiB, so a roster of
	// thousands hashed all at once would take gigabytes.
	var wg sync.WaitGroup
	work := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range work {
				people[i].Code = hashOne(people[i].Code, salt)
			}
		})
	}
	for i := range people {
		if people[i].Code != "" && !joincode.IsStored(people[i].Code) {
			work <- i
		}
	}
	close(work)
	wg.Wait()
}

// hashOne is joincode.Hash, as hashRoster calls it (a test counts the
// calls running at once).
var hashOne = joincode.Hash
