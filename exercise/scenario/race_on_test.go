//go:build race

package scenario

// slowdown is how many times longer parsing takes under the race
// detector: a 100,000-inject file that parses in about 5 s takes 40–60 s
// under it, and longer when CI runs other packages' tests beside it.
const slowdown = 5
