package sshd

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"ttx/exercise/scenario"
)

// inputClock makes in's time pass only when it waits.
func inputClock(in *seatInput) *time.Time {
	t := time.Unix(0, 0)
	in.now = func() time.Time { return t }
	in.last = t
	in.sleep = func(d time.Duration) { t = t.Add(d) }
	return &t
}

// TestEndlessPasteIsCut: a paste that never ends is ended at pasteMost
// bytes, at the start of a character; the rest of it, up to its own end
// marker, is dropped and the seat is told; what follows is passed on.
func TestEndlessPasteIsCut(t *testing.T) {
	body := strings.Repeat("é", pasteMost) // two bytes each
	src := string(pasteStart) + body + string(pasteEnd) + "after"
	cuts := 0
	in := newSeatInput(strings.NewReader(src), func() { cuts++ })
	inputClock(in)
	got, err := io.ReadAll(in)
	if err != nil {
		t.Fatal(err)
	}
	want := string(pasteStart) + strings.Repeat("é", pasteMost/2) + string(pasteEnd) + "after"
	if string(got) != want {
		t.Errorf("passed on %d bytes, want %d: ends %q", len(got), len(want), got[max(0, len(got)-20):])
	}
	if cuts != 1 {
		t.Errorf("told of %d cuts, want 1", cuts)
	}
	// A paste within the bound, split across reads, passes whole.
	small := string(pasteStart) + "Cordon at the entrance." + string(pasteEnd)
	in = newSeatInput(io.MultiReader(strings.NewReader(small[:3]), strings.NewReader(small[3:])), func() { cuts++ })
	if got, _ := io.ReadAll(in); string(got) != small || cuts != 1 {
		t.Errorf("a short paste came through as %q (cuts %d)", got, cuts)
	}
}

// TestInputRateIsBounded: after a burst of inputBurst, a seat's input is
// passed on at inputRate.
func TestInputRateIsBounded(t *testing.T) {
	const total = inputBurst + 8*inputRate
	in := newSeatInput(bytes.NewReader(bytes.Repeat([]byte{1}, total)), nil)
	start := *inputClock(in)
	now := in.now
	n, _ := io.Copy(io.Discard, in)
	if n != total {
		t.Fatalf("passed on %d bytes, want %d", n, total)
	}
	if took := now().Sub(start); took < 7900*time.Millisecond || took > 8100*time.Millisecond {
		t.Errorf("%d bytes took %v, want 8 s at %d bytes a second after the burst", total, took, inputRate)
	}
}

// TestSeatSaysPasteWasCut: a seat sent a paste that never ends says on
// its status line that only the first pasteMost was taken; once the
// paste ends, the seat takes keys again.
func TestSeatSaysPasteWasCut(t *testing.T) {
	ana := newPerson(t, "Ana Ruiz", "police", scenario.RoleParticipant)
	_, srv, _ := serveDemo(t, ServerOptions{}, ana.Person)
	pa := joinWithKey(t, srv.Addr().String(), ana)
	pa.waitFor("Ana Ruiz · Police")
	pa.keys(string(pasteStart) + strings.Repeat("x", pasteMost+1000))
	pa.waitFor("only its first 64 KB was taken")
	pa.keys(strings.Repeat("y", 1000) + string(pasteEnd) + "?")
	pa.waitFor("Keys")
}

// TestWrittenProseIsOnePaste: prose written at once, outside a paste,
// reaches the seat as one paste rather than a message a word; keys,
// escape sequences, short runs and real pastes pass as they came.
func TestWrittenProseIsOnePaste(t *testing.T) {
	prose := strings.Repeat("Cordon the platform; é ", 10)
	paste := string(pasteStart) + prose + string(pasteEnd)
	for _, c := range []struct{ in, want string }{
		{"d\x1b[A" + prose + "\r\x1b[1;5Cq", "d\x1b[A" + paste + "\r\x1b[1;5Cq"},
		{"short words\r", "short words\r"},
		{"\x1b[1;" + "5" + strings.Repeat("9", 80) + "C", "\x1b[1;5" + strings.Repeat("9", 80) + "C"},
		{paste + "x", paste + "x"},
	} {
		in := newSeatInput(strings.NewReader(c.in), nil)
		inputClock(in)
		if got, _ := io.ReadAll(in); string(got) != c.want {
			t.Errorf("%q\ncame through as %q\nwant %q", c.in, got, c.want)
		}
	}
}
