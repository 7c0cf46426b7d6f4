package cluster

import (
	"fmt"
	"reflect"

	"ttx/exercise/cluster/internal/shape"
	"ttx/exercise/event"
)

// rulesRevision is bumped with any change to what a command makes of the
// state, or to how an event folds, that the command types do not show
// (a check added, a default changed): nodes of builds that differ in it
// would write different files from one log.
const rulesRevision = 1

// Rules names the rules this ttx applies a cluster's log with: the
// commands a log entry may carry, field by field, the event version and
// rulesRevision. Two nodes link only when theirs are the same.
var Rules string

// rulesOf is Rules for the command types.
func rulesOf(types map[string]reflect.Type) string {
	head := fmt.Sprintf("event v%d, rules r%d", event.Version, rulesRevision)
	return fmt.Sprintf("r%d-%s", rulesRevision, shape.Fingerprint(head, types))
}
