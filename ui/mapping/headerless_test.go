package mapping

import (
	"testing"

	"ttx/exercise/msel"
	"ttx/exercise/msel/sheet"
)

// TestHeaderlessSheetIsMappedByLetter: a sheet with no header row is
// listed by its column letters, its first row a sample like the others,
// and the fields chosen for them import every row: the first inject is
// not taken for a header.
func TestHeaderlessSheetIsMappedByLetter(t *testing.T) {
	tab, err := sheet.ReadCSV("nh.csv", []byte("1,09:00,EOC,Power out\n2,09:10,EOC,Generators fail\n3,09:20,EOC,Shelters open\n"))
	if err != nil {
		t.Fatal(err)
	}
	book := &sheet.Book{File: "nh.csv", Sheets: []*sheet.Table{tab}}
	res := msel.ImportBook(book, msel.Options{})
	cols := columnsOf(tab, res, nil)
	if len(cols) != 4 || cols[0].letter != "A" || cols[0].header != "" || cols[0].samples[0] != "1" {
		t.Fatalf("columns %+v, want A–D with no header, the first row a sample", cols)
	}
	opts := msel.Options{Map: map[string]string{}}
	for i, f := range []string{msel.FieldID, msel.FieldAt, msel.FieldTo, msel.FieldBody} {
		opts.Map[cols[i].key] = f
	}
	res = msel.ImportBook(book, opts)
	if res.Scenario == nil || len(res.Scenario.Injects) != 3 {
		t.Fatalf("%v injects, want 3: %s", res.Scenario, res.Problems)
	}
	if again := columnsOf(tab, res, opts.Map); len(again) != 4 || again[1].field != msel.FieldAt {
		t.Errorf("after mapping, the columns are %+v", again)
	}
}
