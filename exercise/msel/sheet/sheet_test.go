package sheet

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLegacyFormatsSaySaveAsXLSX: .xls and .ods get a message that says
// what to do.
func TestLegacyFormatsSaySaveAsXLSX(t *testing.T) {
	for _, ext := range []string{".xls", ".ods"} {
		path := filepath.Join(t.TempDir(), "old"+ext)
		if err := os.WriteFile(path, []byte("\xd0\xcf\x11\xe0"), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadBook(path); err == nil || !strings.Contains(err.Error(), "save it as .xlsx (File → Save As → Excel Workbook)") {
			t.Errorf("%s: %v", ext, err)
		}
	}
}
