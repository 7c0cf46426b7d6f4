package yamlguard

import (
	"reflect"
	"strconv"
	"strings"
)

// HasField reports whether the struct typ has a field written name in YAML.
func HasField(typ reflect.Type, name string) bool {
	for f := range typ.Fields() {
		if tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); tag == name {
			return true
		}
	}
	return false
}

// Suggest returns "; did you mean X?" when name is close to one of typ's
// YAML field names, and otherwise lists them.
func Suggest(name string, typ reflect.Type) string {
	best, bestD := "", 3
	for f := range typ.Fields() {
		tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if tag == "" || tag == "-" {
			continue
		}
		if d := editDistance(strings.ToLower(name), tag); d < bestD {
			best, bestD = tag, d
		}
	}
	if best == "" {
		var names []string
		for f := range typ.Fields() {
			if tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); tag != "" {
				names = append(names, tag)
			}
		}
		return "; the fields are " + strings.Join(names, ", ")
	}
	return "; did you mean " + strconv.Quote(best) + "?"
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
