package msel

import (
	"testing"

	"ttx/exercise/msel/sheet"
)

// FuzzImportCSV feeds arbitrary bytes to the MSEL importer as a CSV: it
// must never panic; it returns a scenario or problems, never both, never
// neither.
func FuzzImportCSV(f *testing.F) {
	f.Add(csvOf(mselRows()[:8], ","))
	f.Add(csvOf(mselRows()[:5], ";"))
	f.Add([]byte("Inject #,Time,To,Description\n1,9.75,Police,x\n"))
	f.Add([]byte("MSEL #\tScenario Time\tRecipient\n\"1\n2\"\t+15\tA and B\n"))
	f.Add([]byte("\uFEFFTime,To\n2027-03-12 23:50,All\n00:10,All\n"))
	f.Add(csvOf(guardSheet().rows[:20], ","))
	f.Add([]byte("Inject,Delivery,Sent To:,Details,\nInject 1,Email,N/A,x,y\nSTARTEX\nLegend\nRed = cancelled\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := sheet.ReadCSV("fuzz.csv", data)
		if err != nil {
			return
		}
		res := Import(tab, Options{})
		if (res.Scenario == nil) == (len(res.Problems) == 0) {
			t.Fatalf("scenario %v with %d problems", res.Scenario != nil, len(res.Problems))
		}
	})
}
