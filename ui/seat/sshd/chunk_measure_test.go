package sshd

import (
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"ttx/exercise/scenario"
)

// TestMeasureChunk measures, by hand, the CPU the server spends on 5,400
// characters of prose written at once (no bracketed paste) into a seat's
// decision form, up to its answer to ctrl+s: TTX_MEASURE_CHUNK=1 go test
// ./ui/seat -run TestMeasureChunk -v.
func TestMeasureChunk(t *testing.T) {
	if os.Getenv("TTX_MEASURE_CHUNK") == "" {
		t.Skip("set TTX_MEASURE_CHUNK=1 to measure")
	}
	ana := newPerson(t, "Ana Ruiz", "police", scenario.RoleParticipant)
	_, srv, _ := serveDemo(t, ServerOptions{}, ana.Person)
	pa := joinWithKey(t, srv.Addr().String(), ana)
	pa.waitFor("Ana Ruiz · Police")
	pa.keys("d")
	pa.waitFor("Record a decision")
	pa.keys("\t")
	before, start := cpu(), time.Now()
	pa.keys(strings.Repeat("Cordon the eastbound platform. ", 180)[:5400] + "\x13")
	for !strings.Contains(pa.Text(), "a record holds") && !strings.Contains(pa.Text(), "saved at") && time.Since(start) < time.Minute {
		time.Sleep(10 * time.Millisecond)
	}
	t.Logf("5,400 characters: answered after %v, %v of CPU", time.Since(start).Round(time.Millisecond), (cpu() - before).Round(time.Millisecond))
}

// cpu is the CPU time the process has used.
func cpu() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
