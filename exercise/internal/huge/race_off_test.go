//go:build !race

package huge

// raceOn is true when the tests run under the race detector.
const raceOn = false
