// Package bigscenario writes valid scenarios of any size, for the tests
// and benchmarks that hold load, validate, rehearse and report linear in
// the number of injects. Only tests import it.
package bigscenario

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// Sizes are the numbers of injects the large-scenario benchmarks run at:
// 10,000 and 100,000, or those listed in TTX_LARGE_N (e.g. "10000,20000").
func Sizes() []int {
	sizes := []int{10000, 100000}
	if env := os.Getenv("TTX_LARGE_N"); env != "" {
		sizes = nil
		for f := range strings.SplitSeq(env, ",") {
			if n, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && n > 0 {
				sizes = append(sizes, n)
			}
		}
	}
	return sizes
}

// Teams and Objectives are how many a generated scenario has, whatever
// its size: a large exercise has more injects, not more agencies.
const (
	Teams      = 12
	Objectives = 40
)

// spacing is the time between one inject and the next.
const spacing = 30 * time.Second

var (
	channels = []string{"phone", "email", "radio", "briefing", "media", "social", "in person"}
	senders  = []string{"Police control", "Fire duty officer", "Network control", "Cabinet Office", "BBC newsdesk", "Ambulance control", "Council"}
	bodies   = []string{
		"A caller smells gas at the north gate; staff ask to clear the hall.",
		"A video of crowds, shared 4,000 times, says a train is stuck.",
		"The duty manager asks to widen the cordon to 400 m.",
		"A journalist wants a statement in 15 minutes.",
	}
	shortBodies = []string{"Gas smell at the north gate.", "Crowds on the platform.", "Widen the cordon?", "A journalist calls."}
)

// YAML returns a valid scenario of n injects: Teams teams, Objectives
// objectives, a branch point every 200 injects with two injects on its
// options, a contingency inject every 250, injects 30 seconds apart, each
// with a body of a sentence, sent to one or two teams (now and then to
// all). An inject takes about 160 bytes, so that 100,000 fit in the
// largest scenario file ttx reads.
func YAML(n int) []byte { return generate(n, false) }

// LongYAML is YAML with injects as a large MSEL has them, about 250 bytes
// each: a sender, a channel, expected actions for two in three, two
// objectives, and notes for one in twenty. 62,000 take 15 MB.
func LongYAML(n int) []byte { return generate(n, true) }

func generate(n int, long bool) []byte {
	var b strings.Builder
	b.Grow(n * 260)
	duration := time.Duration(n+1)*spacing + time.Hour
	fmt.Fprintf(&b, "title: Generated exercise of %d injects\nsummary: |\n  A long national exercise, generated.\nstart: \"09:00\"\nduration: %dh\n", n, int(duration/time.Hour)+1)
	b.WriteString("teams:\n")
	for t := range Teams {
		fmt.Fprintf(&b, "  - id: team%02d\n    name: Team %d\n    description: Agency number %d in the exercise.\n", t, t, t)
	}
	b.WriteString("objectives:\n")
	for o := range Objectives {
		fmt.Fprintf(&b, "  - id: OBJ-%02d\n    text: Demonstrate capability %d within the agreed time.\n    capability: Operational coordination\n", o, o)
	}
	b.WriteString("branches:\n")
	for i := 0; i < n; i++ {
		if raisesBranch(i) && i+2 < n {
			fmt.Fprintf(&b, "  - id: B%06d\n    title: Evacuate the concourse after inject %d?\n    after: I%06d\n    options:\n      - {id: hold, label: Hold and monitor}\n      - {id: go, label: Evacuate now}\n", i, i, i)
		}
	}
	b.WriteString("injects:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - id: I%06d\n", i)
		if i%250 != 249 {
			fmt.Fprintf(&b, "    at: \"%s\"\n", offset(time.Duration(i+1)*spacing))
		}
		fmt.Fprintf(&b, "    title: Inject %d\n", i)
		if long {
			fmt.Fprintf(&b, "    from: %s\n", senders[i%len(senders)])
		}
		switch {
		case i%97 == 0:
			b.WriteString("    to: all\n")
		case i%3 == 0:
			fmt.Fprintf(&b, "    to: [team%02d, team%02d]\n", i%Teams, (i+5)%Teams)
		default:
			fmt.Fprintf(&b, "    to: team%02d\n", i%Teams)
		}
		if long {
			fmt.Fprintf(&b, "    body: %s\n", bodies[i%len(bodies)])
			fmt.Fprintf(&b, "    channel: %s\n", channels[i%len(channels)])
			if i%3 != 0 {
				b.WriteString("    expected: Decide on the cordon.\n")
			}
			fmt.Fprintf(&b, "    objectives: [OBJ-%02d, OBJ-%02d]\n", i%Objectives, (i*7+3)%Objectives)
		} else {
			fmt.Fprintf(&b, "    body: %s\n", shortBodies[i%len(shortBodies)])
			fmt.Fprintf(&b, "    objectives: [OBJ-%02d]\n", i%Objectives)
		}
		if j := i - 1; j >= 0 && raisesBranch(j) {
			fmt.Fprintf(&b, "    requires: [B%06d.hold]\n", j)
		}
		if j := i - 2; j >= 0 && raisesBranch(j) {
			fmt.Fprintf(&b, "    requires: [B%06d.go]\n", j)
		}
		if long && i%20 == 0 {
			b.WriteString("    notes: Prompt if no one acts in ten minutes.\n")
		}
	}
	return []byte(b.String())
}

func raisesBranch(i int) bool { return i%200 == 100 }

func offset(d time.Duration) string {
	h, m, s := int(d/time.Hour), int(d/time.Minute)%60, int(d/time.Second)%60
	return fmt.Sprintf("%02d:%02d:%02d", h, m, s)
}
