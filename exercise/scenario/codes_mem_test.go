package scenario

import (
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"
)

// TestRosterHashedACoreAtATime: each hash takes 19 MiB, so a large
// roster hashed all at once took gigabytes before the session opened;
// at most one hash a core runs at a time.
func TestRosterHashedACoreAtATime(t *testing.T) {
	var mu sync.Mutex
	running, most := 0, 0
	old := hashOne
	defer func() { hashOne = old }()
	hashOne = func(code string, salt []byte) string {
		mu.Lock()
		running++
		most = max(most, running)
		mu.Unlock()
		defer func() { mu.Lock(); running--; mu.Unlock() }()
		time.Sleep(time.Millisecond) // as a real hash, it takes a while
		return "$argon2id$fake" + code
	}
	people := make([]Person, 200)
	for i := range people {
		people[i] = Person{Name: fmt.Sprint(i), Code: fmt.Sprintf("K7QMB-ZWP9T-%d", i)}
	}
	s := &Scenario{Roster: people}
	c := s.ForJournal()
	for i, p := range c.Roster {
		if p.Code != "$argon2id$fake"+people[i].Code {
			t.Fatalf("entry %d kept %q", i, p.Code)
		}
	}
	if limit := runtime.GOMAXPROCS(0); most > limit {
		t.Fatalf("%d hashes ran at once; at most %d (one a core)", most, limit)
	}
}
