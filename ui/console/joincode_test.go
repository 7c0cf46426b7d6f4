package console

import (
	"testing"

	"ttx/exercise/scenario"
)

// TestNewJoinCodeIsStrong: the code the facilitator's A offers carries at
// least 40 bits as the roster's rule counts them, so adding the person
// with it is never refused as too easy to guess.
func TestNewJoinCodeIsStrong(t *testing.T) {
	for range 1000 {
		c := newJoinCode()
		if bits := scenario.CodeBits(c); bits < scenario.MinCodeBits {
			t.Fatalf("newJoinCode() = %q: %.1f bits", c, bits)
		}
	}
}
