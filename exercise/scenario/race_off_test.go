//go:build !race

package scenario

// slowdown is how many times longer parsing takes under the race
// detector; 1 without it.
const slowdown = 1
