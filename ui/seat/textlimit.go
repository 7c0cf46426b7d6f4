package seat

import (
	"fmt"

	"ttx/ui/form"
)

// PasteMost is the most bytes of one paste a seat takes: the SSH server
// (ui/seat/sshd) ends a longer paste there and drops the rest, then
// sends the seat a PasteCutMsg.
const PasteMost = 64 << 10

// textRoom is how many characters a seat's text field takes: the
// console's (form.TextRoom), room for a whole paste, well past what a
// record holds, so that the field never drops what was typed without a
// word; form.Fits then says how long it is.
const textRoom = form.TextRoom

// PasteCutMsg tells the seat that its input cut a paste at PasteMost; the
// seat says so on its status line.
type PasteCutMsg struct{}

// pasteCut says so on the seat's status line.
func (m *Model) pasteCut() {
	m.flash, m.isErr = fmt.Sprintf("That paste was longer than %d KB; only its first %d KB was taken.", PasteMost>>10, PasteMost>>10), true
}
