//go:build unix

package console

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
)

// BenchmarkStartupToFirstFrame is what a facilitator waits for after a
// crash: from starting `ttx run --resume FILE` in a 200×60 terminal to the
// console's first frame on screen, on the session of longSession (1,000
// injects, 100,000 decisions). The binary is built once; each run starts
// a new process on a fresh copy of the file, and the terminal answers the
// colour and cursor queries as a real one does. The time stops when the
// frame shows the feed's count of decisions and an inject it must list.
//
// "no-decisions" is the same session with none recorded: what starting
// ttx and drawing the 1,000 injects costs on this machine before a single
// decision is read.
func BenchmarkStartupToFirstFrame(b *testing.B) {
	dir := b.TempDir()
	bin := filepath.Join(dir, "ttx")
	if out, err := exec.Command("go", "build", "-o", bin, "ttx/cmd/ttx").CombinedOutput(); err != nil {
		b.Fatalf("build ttx: %v\n%s", err, out)
	}
	for _, c := range []struct {
		name      string
		decisions bool
		want      []string
	}{
		{"100k-decisions", true, []string{"I0499", "Decisions · 100000"}},
		{"no-decisions", false, []string{"I0500", "Decisions · 0"}},
	} {
		b.Run(c.name, func(b *testing.B) {
			data := sessionFile(b, c.decisions)
			var times []time.Duration
			var faults []int64
			i := 0
			for b.Loop() {
				i++
				path := freshCopy(b, dir, data, i)
				took, minflt := firstFrame(b, bin, dir, path, c.want...)
				times = append(times, took)
				faults = append(faults, minflt)
				b.StopTimer()
				os.Remove(path)
				b.StartTimer()
			}
			slices.Sort(times)
			b.ReportMetric(float64(times[0].Microseconds())/1000, "min-ms")
			b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "median-ms")
			b.ReportMetric(float64(times[len(times)-1].Microseconds())/1000, "max-ms")
			slices.Sort(faults)
			b.ReportMetric(float64(faults[len(faults)/2]), "median-faults")
		})
	}
}

// firstFrame starts ttx on path in a terminal and returns how long it took
// until all of want appeared on screen, and the page faults of the
// process, which is stopped as soon as the frame is seen.
func firstFrame(b *testing.B, bin, dir, path string, want ...string) (took time.Duration, faults int64) {
	cmd := exec.Command(bin, "run", "--resume", path, "--as", "ana")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "COLORTERM=truecolor")
	start := time.Now()
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 200, Rows: 60})
	if err != nil {
		b.Fatal(err)
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
		tty.Close()
		faults = minorFaults(cmd.ProcessState)
	}()
	// A frame that never comes ends the process, which ends the read.
	late := time.AfterFunc(20*time.Second, func() { cmd.Process.Kill() })
	defer late.Stop()
	var screen []byte
	buf := make([]byte, 1<<16)
	for {
		n, err := tty.Read(buf)
		if err != nil {
			b.Fatalf("no first frame showing %q (%v):\n%q", want, err, screen)
		}
		screen = append(screen, buf[:n]...)
		// Answer what a terminal is asked: its background colour, and
		// where the cursor is.
		if bytes.Contains(buf[:n], []byte("\x1b]11;?")) {
			tty.Write([]byte("\x1b]11;rgb:0000/0000/0000\x1b\\"))
		}
		if bytes.Contains(buf[:n], []byte("\x1b[6n")) {
			tty.Write([]byte("\x1b[1;1R"))
		}
		if containsAll(screen, want) {
			return time.Since(start), 0
		}
	}
}

// containsAll reports whether screen holds every one of want.
func containsAll(screen []byte, want []string) bool {
	for _, w := range want {
		if !bytes.Contains(screen, []byte(w)) {
			return false
		}
	}
	return true
}

// minorFaults is the number of pages a finished process faulted in.
func minorFaults(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Minflt
	}
	return 0
}
