//go:build race

package huge

// raceOn is true when the tests run under the race detector. Under it, a
// large new allocation is already resident, page by page, when it is
// handed out (seen: all 36 MB of Reserve's room before one entry was
// written), where a normal build hands out untouched memory.
const raceOn = true
