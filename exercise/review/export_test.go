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

// WordsKept counts a fold-only log's decisions whose words are kept in
// memory, and those whose words are read back from the file.
func WordsKept(l *Log) (kept, readBack int) {
	for d := range l.refs.All() {
		if where, _ := d.Loc(); where == inFile {
			readBack++
		}
	}
	return l.refs.Len() - readBack, readBack
}

// recipients are the team ids an inject is sent to.
var recipients = tally.Recipients
