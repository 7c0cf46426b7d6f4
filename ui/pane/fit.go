package pane

import "ttx/exercise/text"

// TextRoom is how many characters a form's text field takes: room for a
// whole paste, well past what a record holds, so that a field never drops
// what was typed without a word; Fits then says how long it is.
const TextRoom = 64 << 10

// Fits is nil when s, cleaned, fits a record of at most max characters,
// and otherwise the error, in the form's field with key, that says how
// long it is and by how much to shorten it (text.TooLongError). A form
// refuses to save such a text rather than keep its start.
func Fits(key, s string, max int) error {
	if _, err := text.Fit(s, max); err != nil {
		return InField(key, err)
	}
	return nil
}

// FitsLine is Fits for a single-line field, such as a name (text.FitLine).
func FitsLine(key, s string, max int) error {
	if _, err := text.FitLine(s, max); err != nil {
		return InField(key, err)
	}
	return nil
}
