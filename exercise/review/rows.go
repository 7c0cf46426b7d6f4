package review

import "ttx/exercise/review/internal/rows"

// Rows is the report's decisions in journal order. Rows hold no pointers
// (the garbage collector need not look inside a million of them): a row's
// team and inject are numbers into the names Rows keeps (Report.TeamOf and
// Report.InjectOf give them).
type Rows = rows.Rows

// DecisionRow is one decision with its context. There may be millions,
// so a row holds what the report counts and sorts by; what was said (who,
// the text, who recorded it) comes from Report.Said: from the log's
// memory, or read back from the file when there were too many words to
// keep.
type DecisionRow = rows.Row

// Said is what a decision records in words: who said it, what, who
// recorded it, and the reason given (its rationale).
type Said = rows.Said

// words stores decisions' words in chunks, up to rows.Budget.
type words = rows.Words

// Where a row's words are.
const (
	inLog   = rows.InLog   // loc is an index in the log's Final.Decisions
	inStore = rows.InStore // loc is chunk<<32 | at in the log's word store
	inFile  = rows.InFile  // loc is the line's offset in the session file
	inSpill = rows.InSpill // loc is the offset in the rows' words file
)
