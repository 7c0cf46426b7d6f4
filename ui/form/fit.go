package form

import (
	"fmt"
	"unicode/utf8"

	"ttx/exercise/text"
)

// TextRoom is how many characters a form's text field takes: room for a
// whole paste, well past what a record holds, so that a field never drops
// what was typed without a word; Fits then says how long it is.
const TextRoom = 64 << 10

// Fits is nil when s, cleaned, fits a record of at most max characters,
// and otherwise the error, in the form's field with key, that says how
// long it is and by how much to shorten it (text.TooLongError), or, for
// a field filled to TextRoom, that it took no more of a paste. A form
// refuses to save such a text rather than keep its start.
func Fits(key, s string, max int) error {
	if _, err := text.Fit(s, max); err != nil {
		return InField(key, full(s, max, err))
	}
	return nil
}

// full says, for a field filled to TextRoom, that it took no more: what
// was pasted beyond it is not in the field, and its length is not known.
func full(s string, max int, err error) error {
	if utf8.RuneCountInString(s) < TextRoom {
		return err
	}
	return fmt.Errorf("this is as much as the field takes, %d characters (the rest of what was pasted was not taken), and it holds at most %d: shorten it", TextRoom, max)
}

// FitsLine is Fits for a single-line field, such as a name (text.FitLine).
func FitsLine(key, s string, max int) error {
	if _, err := text.FitLine(s, max); err != nil {
		return InField(key, full(s, max, err))
	}
	return nil
}
