package review

import (
	"ttx/exercise/review/internal/rows"
	"ttx/exercise/review/internal/tally"
)

// Helpers of this package's tests, lent to the report writers' tests in
// package review_test (writers_test.go).
var (
	BigLog            = bigLog
	HostileFixture    = hostileFixture
	Forked            = forked
	LargeSession      = largeSession
	WriteLargeSession = writeLargeSession
	GenStart          = genStart
	OpenLog           = openLog
	GenSession        = genSession
	GenSessionFixes   = genSessionFixes
	DecisionTexts     = decisionTexts
	SmallSession      = smallSession
)

// WordBudget is how many bytes of decisions' words a log keeps in memory.
func WordBudget() int64 { return rows.Budget }

// SetWordBudget sets the word budget and returns what puts it back.
func SetWordBudget(n int64) (restore func()) {
	was := rows.Budget
	rows.Budget = n
	return func() { rows.Budget = was }
}

// NoSpill makes the temporary files for decisions impossible to create
// (as on a full or read-only disk), and returns what puts it back.
func NoSpill() (restore func()) {
	was := rows.TempDir
	rows.TempDir = "/nonexistent/ttx-no-spill"
	return func() { rows.TempDir = was }
}

// WordsKept counts a fold-only log's decisions whose words are kept in
// memory, those whose words are read back from the file, and those in
// the temporary files.
func WordsKept(l *Log) (kept, readBack, spilled int) {
	for d := range l.refs.All() {
		switch where, _ := d.Loc(); where {
		case inFile:
			readBack++
		case inSpill:
			spilled++
		}
	}
	return l.refs.Len() - readBack - spilled, readBack, spilled
}

// recipients are the team ids an inject is sent to.
var recipients = tally.Recipients
