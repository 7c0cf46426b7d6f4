//go:build !race

package event

// raceOn is true when the tests run under the race detector.
const raceOn = false
