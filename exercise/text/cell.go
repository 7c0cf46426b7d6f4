package text

// Cell makes s safe as one cell of a CSV file that a spreadsheet program
// will open: Escape first, then a cell that begins with =, +, -, @, tab or
// CR, which a spreadsheet would read as a formula, gets a single quote in
// front so that it is read as text (OWASP's advice for CSV injection). A
// negative number such as -2 or -0.5 stays a number. The price: a text
// that really begins with one of these, such as a bullet "- send crews",
// also shows the quote.
func Cell(s string) string {
	if s == "" {
		return s
	}
	if guarded(s[0]) && !isNegativeNumber(s) || quoted(s) {
		// A text that already begins as Cell's own output would be
		// changed by Uncell; it is quoted once more, so that Uncell
		// gives it back as it was.
		s = "'" + s
	}
	return Escape(s)
}

// Uncell undoes Cell's quote: a cell that begins with a single quote
// followed by one of the characters Cell guards against (or by another
// such quote) loses the quote. A spreadsheet read back by ttx thus gives
// what was written.
func Uncell(s string) string {
	if quoted(s) {
		return s[1:]
	}
	return s
}

// guarded reports whether a cell beginning with c would be read as a
// formula.
func guarded(c byte) bool {
	switch c {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// quoted reports whether s is a quote put before a cell Cell guards: a
// single quote followed by a guarded character or by another quoted
// cell.
func quoted(s string) bool {
	for len(s) >= 2 && s[0] == '\'' {
		if guarded(s[1]) {
			return true
		}
		s = s[1:]
	}
	return false
}

// isNegativeNumber reports whether s is a plain negative decimal number:
// a minus sign, digits, and at most one decimal point between digits.
func isNegativeNumber(s string) bool {
	if len(s) < 2 || s[0] != '-' {
		return false
	}
	digits, point := 0, false
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !point && digits > 0 && i+1 < len(s):
			point = true
		default:
			return false
		}
	}
	return digits > 0
}
