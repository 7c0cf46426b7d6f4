package text

import (
	"fmt"
	"unicode/utf8"
)

// TooLongError is why a text was refused: once cleaned it is longer than
// the field it is for may hold. Text is refused whole, never saved cut
// short, so that the record keeps every word as typed.
type TooLongError struct {
	// Len is the text's length once cleaned, Max what the field holds,
	// both in characters.
	Len, Max int
}

func (e *TooLongError) Error() string {
	return fmt.Sprintf("this is %d characters and the field holds at most %d: shorten it by %d", e.Len, e.Max, e.Len-e.Max)
}

// Fit is Clean without the cut: s cleaned, or a *TooLongError when that is
// longer than max characters (max <= 0 means no limit).
func Fit(s string, max int) (string, error) {
	return fit(Clean(s, 0), max)
}

// FitLine is Line without the cut, for a single-line field such as a name.
func FitLine(s string, max int) (string, error) {
	return fit(Line(s, 0), max)
}

func fit(s string, max int) (string, error) {
	if n := utf8.RuneCountInString(s); max > 0 && n > max {
		return "", &TooLongError{Len: n, Max: max}
	}
	return s, nil
}
