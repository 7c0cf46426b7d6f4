package console

import (
	"testing"

	"ttx/exercise/joincode"
)

// TestNewJoinCodeIsStrong: the code the facilitator's A offers carries at
// least 40 bits as the roster's rule counts them, so adding the person
// with it is never refused as too easy to guess.
func TestNewJoinCodeIsStrong(t *testing.T) {
	for range 1000 {
		c := newJoinCode()
		if bits := joincode.Bits(c); bits < joincode.MinBits {
			t.Fatalf("newJoinCode() = %q: %.1f bits", c, bits)
		}
	}
}
