// Package recipients is the to: of an inject: team ids, or all.
package recipients

import (
	"encoding/json"
	"fmt"
	"strings"
)

// All is the recipient that means every team.
const All = "all"

// List is team ids, or All. In YAML it may be a single
// string or a list.
type List []string

// UnmarshalYAML accepts a single team id or a list of them.
func (r *List) UnmarshalYAML(unmarshal func(any) error) error { return r.decode(unmarshal) }

// UnmarshalJSON accepts a single team id or a list of them, as YAML does.
func (r *List) UnmarshalJSON(data []byte) error {
	return r.decode(func(v any) error { return json.Unmarshal(data, v) })
}

func (r *List) decode(unmarshal func(any) error) error {
	var one string
	if err := unmarshal(&one); err == nil {
		*r = List{one}
		return nil
	}
	var many []string
	if err := unmarshal(&many); err != nil {
		return fmt.Errorf("to must be a team id or a list of team ids")
	}
	*r = many
	return nil
}

// Includes reports whether the recipients include team id (directly or
// through All).
func (r List) Includes(team string) bool {
	for _, t := range r {
		if t == team || t == All {
			return true
		}
	}
	return false
}

// String joins the recipients with commas.
func (r List) String() string { return strings.Join(r, ", ") }
