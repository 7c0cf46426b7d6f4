package review

import (
	"testing"
)

// bigLog generates a London session of 100,000 decisions and reads it.
func bigLog(b *testing.B) *Log {
	b.Helper()
	l, err := Open(genSession(b, b.TempDir(), "london", 100000))
	if err != nil {
		b.Fatal(err)
	}
	return l
}

// BenchmarkOpen100k reads, verifies and folds a 100,000-decision session
// (about 35 MB).
func BenchmarkOpen100k(b *testing.B) {
	path := bigLog(b).Path
	for b.Loop() {
		if _, err := Open(path); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSeek100k is the replay's seek to an arbitrary instant.
func BenchmarkSeek100k(b *testing.B) {
	l := bigLog(b)
	n := l.Len()
	i := 0
	for b.Loop() {
		i = (i + 7919) % n
		_ = l.StateAt(i)
	}
}
