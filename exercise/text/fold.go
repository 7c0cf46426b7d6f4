package text

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s as a search compares it: lower case, with the accents
// and other marks taken off its letters (é, ö, ą and ć are e, o, a and
// c) and the letters that have no decomposition spelt as a reader who
// cannot type them would (ł is l, ø is o, ß is ss, æ is ae), so that a
// reviewer typing "lodz" finds "Łódź".
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		r = unicode.ToLower(r)
		if spelt, ok := spelling[r]; ok {
			b.WriteString(spelt)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Contains reports whether needle is in haystack as a search sees them:
// both folded (see Fold).
func Contains(haystack, needle string) bool {
	return strings.Contains(Fold(haystack), Fold(needle))
}

// spelling gives the letters that Unicode does not decompose into a base
// letter and a mark, in lower case, as Latin letters.
var spelling = map[rune]string{
	'ł': "l", 'ø': "o", 'đ': "d", 'ħ': "h", 'ı': "i", 'ŀ': "l", 'ŧ': "t",
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'þ': "th", 'ð': "d", 'ĸ': "k", 'ŋ': "n",
}
