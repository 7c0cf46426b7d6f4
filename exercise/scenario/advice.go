package scenario

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// maxQuiet is the longest stretch with nothing due before validate warns.
const maxQuiet = 30 * time.Minute

// advise warns, without failing, about what makes a poor exercise: a team
// that receives nothing, an objective nothing exercises, two injects to one
// team in the same minute, a long quiet gap, injects with no expected
// player actions.
func advise(v *validator, s *Scenario) {
	reached, exercised := map[string]bool{}, map[string]bool{}
	for i := range s.Injects {
		for _, t := range s.Injects[i].To {
			reached[t] = true
		}
		for _, o := range s.Injects[i].Objectives {
			exercised[o] = true
		}
	}
	for i, t := range s.Teams {
		if !reached[AllTeams] && !reached[t.ID] {
			v.add(Warning, path("teams", i), "team %q receives no inject; send it something, or remove it", t.ID)
		}
	}
	for i, o := range s.Objectives {
		if !exercised[o.ID] {
			v.add(Warning, path("objectives", i), "objective %q is exercised by no inject; list it under an inject's objectives:", o.ID)
		}
	}
	type slot struct {
		team   string
		minute time.Duration
	}
	seen := map[slot]int{}
	for i := range s.Injects {
		in := &s.Injects[i]
		at, ok := in.Offset()
		if !ok {
			continue
		}
		for _, team := range recipientsOf(s, in) {
			k := slot{team, at.Truncate(time.Minute)}
			if j, dup := seen[k]; dup && !exclusive(&s.Injects[j], in) {
				v.add(Warning, path("injects", i, "at"), "%s and %s both reach %s at T+%s; players cannot take in two at once, so space them out",
					s.Injects[j].ID, in.ID, team, FormatOffset(k.minute))
				continue
			}
			seen[k] = i
		}
	}
	var times []time.Duration
	for i := range s.Injects {
		if at, ok := s.Injects[i].Offset(); ok {
			times = append(times, at)
		}
	}
	slices.Sort(times)
	times = append([]time.Duration{0}, times...)
	for i := 1; i < len(times); i++ {
		if gap := times[i] - times[i-1]; gap > maxQuiet {
			v.add(Warning, path("injects"), "nothing is due from T+%s to T+%s (%s); add an inject, or the room will drift",
				FormatOffset(times[i-1]), FormatOffset(times[i]), FormatOffset(gap))
		}
	}
	var none []string
	for _, in := range s.Injects {
		if strings.TrimSpace(in.Expected) == "" {
			none = append(none, in.ID)
		}
	}
	if len(none) > 0 {
		shown := none
		if len(shown) > 8 {
			shown = append(shown[:8:8], fmt.Sprintf("and %d more", len(none)-8))
		}
		v.add(Warning, path("injects"), "%d inject(s) have no expected player actions (%s); evaluators need them: add expected:", len(none), strings.Join(shown, ", "))
	}
}

// recipientsOf lists the teams an inject reaches, "all" expanded.
func recipientsOf(s *Scenario, in *Inject) []string {
	if slices.Contains(in.To, AllTeams) {
		ids := make([]string, len(s.Teams))
		for i, t := range s.Teams {
			ids[i] = t.ID
		}
		return ids
	}
	return in.To
}

// exclusive reports whether two injects can never both fall due: they
// require different options of the same branch.
func exclusive(a, b *Inject) bool {
	for _, ra := range a.Requires {
		ba, oa := RequiredOption(ra)
		for _, rb := range b.Requires {
			if bb, ob := RequiredOption(rb); ba == bb && oa != ob {
				return true
			}
		}
	}
	return false
}
