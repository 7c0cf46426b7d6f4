package mapping

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"ttx/exercise/msel/sheet"
)

// BenchmarkChangeField is what the planner waits for after ← or → on a
// 500-row sheet: the import run again, the columns and the preview laid
// out, and the frame drawn at 100×30.
func BenchmarkChangeField(b *testing.B) {
	var csv strings.Builder
	csv.WriteString("No.,Time,Originator,Who for,Heads-up,Blurb,Colour\n")
	for i := range 500 {
		fmt.Fprintf(&csv, "%d,%02d:%02d,SimCell,Police; Fire,Event %d,Something happens at the quay.,red\n", i+1, 9+i/60, i%60, i+1)
	}
	path := filepath.Join(b.TempDir(), "big.csv")
	if err := os.WriteFile(path, []byte(csv.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	book, err := sheet.ReadBook(path)
	if err != nil {
		b.Fatal(err)
	}
	m := New(book, Options{})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	for b.Loop() {
		m.Update(tea.KeyMsg{Type: tea.KeyRight})
		_ = m.View()
	}
}
