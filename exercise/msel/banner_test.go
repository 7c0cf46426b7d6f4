package msel

import (
	"strings"
	"testing"

	"ttx/exercise/msel/sheet"
)

func importText(t *testing.T, csv string, opts Options) Result {
	t.Helper()
	tab, err := sheet.ReadCSV("msel.csv", []byte(csv))
	if err != nil {
		t.Fatal(err)
	}
	return Import(tab, opts)
}

// TestInjectsThatLookLikeBanners: a numbered, timed inject whose title
// starts with a banner's word ("Break in reported…", "Day 2 of the
// outage…") is an inject; only a row that says the banner and nothing
// more is skipped, and then with a warning when it has a number or a
// time.
func TestInjectsThatLookLikeBanners(t *testing.T) {
	res := importText(t, `Inject #,Time,To,Inject Title,Description
1,09:00,Police,STARTEX,
2,09:10,Police,Break in reported at the pharmacy,Police called to a break-in
3,09:20,Police,Lunch delivery to shelter fails,The caterer does not arrive
4,09:30,,LUNCH,
5,09:40,Police,Day 2 of the outage begins,Residents angry
6,09:50,Police,Pause in water supply,Pressure drops
`, Options{To: "all"})
	if res.Scenario == nil {
		t.Fatal(res.Problems)
	}
	var ids []string
	for _, in := range res.Scenario.Injects {
		ids = append(ids, in.ID)
	}
	if got := strings.Join(ids, " "); got != "1 2 3 5 6" {
		t.Errorf("injects %s, want 1 2 3 5 6 (STARTEX sent to Police is a message)\nskipped:\n%s", got, res.Skipped)
	}
	if w := res.Warnings.String(); !strings.Contains(w, `R5:C1: warning: banner "LUNCH", skipped`) {
		t.Errorf("a numbered banner is skipped without a warning:\n%s", w)
	}
}

// TestDayBannersMoveTheDay: a sheet laid out a day at a time ("DAY 1",
// the header, the day's injects, "DAY 2", the header again…) puts the
// second day's 09:00 a day after the first's, and "DAY 1" is no title.
func TestDayBannersMoveTheDay(t *testing.T) {
	res := importText(t, `DAY 1,,,
Inject #,Time,To,Description
1,09:00,EOC,Power out
2,10:00,EOC,Generators fail
DAY 2,,,
Inject #,Time,To,Description
3,09:00,EOC,Power back in the north
4,09:30,EOC,Shelters close
`, Options{})
	if res.Scenario == nil {
		t.Fatal(res.Problems)
	}
	var ats []string
	for _, in := range res.Scenario.Injects {
		ats = append(ats, in.At)
	}
	if got := strings.Join(ats, " "); got != "00:00 01:00 24:00 24:30" {
		t.Errorf("times %s, want 00:00 01:00 24:00 24:30\n%s", got, res.Warnings)
	}
	if res.Scenario.Title == "DAY 1" {
		t.Error(`the scenario is titled "DAY 1"`)
	}
}

// TestStatusThatOnlyMentionsOmitting: "Omitted / Not Injected" and
// "Cancelled" take a row out; "Remove if time is short" (a contingency)
// and "Not injected yet" (still to come) are injects, with a warning.
func TestStatusThatOnlyMentionsOmitting(t *testing.T) {
	res := importText(t, `Inject #,Time,To,Description,Status
1,09:00,EOC,a,Omitted / Not Injected
2,09:10,EOC,b,Cancelled
3,09:20,EOC,c,Remove if time is short
4,09:30,EOC,d,Not injected yet
5,09:40,EOC,e,Delivered
`, Options{})
	if res.Scenario == nil {
		t.Fatal(res.Problems)
	}
	if n := len(res.Scenario.Injects); n != 3 {
		t.Errorf("%d injects, want 3 (3, 4 and 5)\n%s", n, res.Skipped)
	}
	for _, want := range []string{`R4:C5: warning: status "Remove if time is short"`, `R5:C5: warning: status "Not injected yet"`} {
		if !strings.Contains(res.Warnings.String(), want) {
			t.Errorf("no %q in\n%s", want, res.Warnings)
		}
	}
}

// TestNothingDroppedWithoutAWord: a --map name no column answers (a
// typo, a letter past the sheet's width), a second filled Notes column
// and text in a column with no header are each a warning, not only a
// line in the column list.
func TestNothingDroppedWithoutAWord(t *testing.T) {
	m, err := ParseMap("Clok=at,Z=body")
	if err != nil {
		t.Fatal(err)
	}
	res := importText(t, `Inject #,Time,To,Description,Notes,Notes,
1,09:00,EOC,Power out,note A,note B,generators fail
`, Options{Map: m})
	w := res.Warnings.String()
	for _, want := range []string{"--map clok: no column", "--map Z: no column", `"Notes": 1 filled cells are not imported`, "column G: 1 filled cells with no header are not imported"} {
		if !strings.Contains(w, want) {
			t.Errorf("no %q in\n%s", want, w)
		}
	}
}

// TestPartOfARecipientIsATeam: "Police & Fire" where Police is a team
// of its own is one team (as "Fire and Rescue" is), but Police's seat
// would never see it: a warning says so.
func TestPartOfARecipientIsATeam(t *testing.T) {
	res := importText(t, "Inject #,Time,To,Description\n1,09:00,Police,a\n2,09:10,Police & Fire,b\n3,09:20,Fire and Rescue,c\n", Options{})
	w := res.Warnings.String()
	if !strings.Contains(w, `R3:C3: warning: "Police & Fire" is read as one team, though "Police" is a team of its own`) {
		t.Errorf("no warning:\n%s", w)
	}
	if strings.Contains(w, `"Fire and Rescue" is read`) {
		t.Errorf("Fire and Rescue warned:\n%s", w)
	}
}

// TestSmallBareNumbersAreNoted: times 9, 10, 11, 13 are read as minutes
// from the start, four injects in four minutes; that is said, since a
// planner may have meant hours of the day.
func TestSmallBareNumbersAreNoted(t *testing.T) {
	res := importText(t, "Inject #,Time,To,Description\n1,9,EOC,a\n2,10,EOC,b\n3,11,EOC,c\n4,13,EOC,d\n", Options{})
	if w := res.Warnings.String(); !strings.Contains(w, "R2:C2: warning: 9 and the column's other bare numbers are read as minutes from the start (T+00:09)") {
		t.Errorf("no note:\n%s", w)
	}
}
