package seat

import (
	"fmt"
	"unicode/utf8"

	"ttx/exercise/text"
	"ttx/ui/pane"
)

// textRoom is how many characters a seat's text field takes: room for a
// whole paste, well past what a record holds, so that the field never
// drops what was typed without a word; tooLong then says how long it is.
const textRoom = pasteMost

// tooLong is the error, in the form's text field, for a body longer than
// a record holds (text.MaxText once cleaned), or nil: the session would
// keep only its start, and a decision is never journaled cut short.
func tooLong(body string) error {
	n := utf8.RuneCountInString(text.Clean(body, 0))
	if n <= text.MaxText {
		return nil
	}
	return pane.InField("text", fmt.Errorf("this is %d characters; a record holds at most %d. Shorten it by %d, then save", n, text.MaxText, n-text.MaxText))
}
