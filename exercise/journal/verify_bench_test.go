package journal

import (
	"bytes"
	"crypto/sha256"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"ttx/exercise/event"
)

// verifyFile is the session file the verify benchmark reads: TTX_VERIFY_FILE
// (the million-event file BENCHMARKS.md describes), or one of
// TTX_VERIFY_N decisions (200,000 by default) written here.
func verifyFile(b *testing.B) string {
	b.Helper()
	if p := os.Getenv("TTX_VERIFY_FILE"); p != "" {
		return p
	}
	n := 200000
	if s := os.Getenv("TTX_VERIFY_N"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	path := filepath.Join(b.TempDir(), "v.jsonl")
	w, err := Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	at := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	batch := make([]event.Event, 0, 1000)
	opened, _ := event.New(event.SessionOpened, "facilitator:ana", at, 0, map[string]string{"source": "bench"})
	batch = append(batch, opened)
	for i := range n {
		e, _ := event.New(event.DecisionRecorded, "participant:Officer "+strconv.Itoa(i%40), at.Add(time.Duration(i)*time.Second), time.Duration(i)*time.Second,
			event.Said{Team: "met", Who: "Officer " + strconv.Itoa(i%40), Text: "Hold all trains short of the station;\nsend two units to the north entrance, one to the south.", Inject: "L-01"})
		if batch = append(batch, e); len(batch) == cap(batch) || i == n-1 {
			if _, err := w.Append(batch...); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	return path
}

// shaFloor hashes every line of the file with SHA-256 on every core, and
// does nothing else: no parsing, no chain. It is what any reader that
// checks each line's hash must at least do. One goroutine reads blocks
// of whole lines; a worker per core hashes them.
func shaFloor(f *os.File) (lines int, err error) {
	counts := make([]int, runtime.GOMAXPROCS(0))
	err = inBlocks(f, func(k int, blk []byte) {
		for len(blk) > 0 {
			i := bytes.IndexByte(blk, '\n')
			if i < 0 {
				i = len(blk)
			}
			_ = sha256.Sum256(blk[:i])
			counts[k]++
			blk = blk[min(i+1, len(blk)):]
		}
	})
	for _, c := range counts {
		lines += c
	}
	return lines, err
}

// inBlocks reads f in blocks of whole lines (256 KB, or twice a longer
// line) on this goroutine and hands each to work on a worker per core,
// k being the worker's number, as verify reads a file.
func inBlocks(f *os.File, work func(k int, block []byte)) (err error) {
	workers := runtime.GOMAXPROCS(0)
	blocks := make(chan []byte, 2*workers)
	free := make(chan []byte, 2*workers+2)
	for range 2*workers + 2 {
		free <- make([]byte, 256<<10)
	}
	var wg sync.WaitGroup
	for k := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for whole := range blocks {
				work(k, whole)
				free <- whole[:0]
			}
		}()
	}
	var carry []byte
	for {
		buf := <-free
		if cap(buf) < 2*len(carry) {
			buf = make([]byte, 2*len(carry)) // a line longer than a block
		}
		buf = buf[:cap(buf)]
		n := copy(buf, carry)
		m, rerr := io.ReadFull(f, buf[n:])
		buf = buf[:n+m]
		cut := bytes.LastIndexByte(buf, '\n') + 1
		if rerr != nil {
			cut = len(buf)
		}
		carry = append(carry[:0], buf[cut:]...)
		blocks <- buf[:cut]
		if rerr == io.EOF || rerr == io.ErrUnexpectedEOF {
			break
		}
		if rerr != nil {
			err = rerr
			break
		}
	}
	close(blocks)
	wg.Wait()
	return err
}

// BenchmarkVerifyAgainstSHAFloor is `ttx verify` (Scan: every line's
// envelope parsed, its SHA-256 and the chain checked, on every core)
// side by side with the SHA-256 floor on every core, in the same
// iteration and alternately first, page cache warm. It reports each time
// and the ratio, verify to floor (the target is at most 1.2), and the
// same of the CPU time each took (user and system, on every core), which
// a busy machine disturbs less than the wall time.
func BenchmarkVerifyAgainstSHAFloor(b *testing.B) {
	path := verifyFile(b)
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	fi, _ := f.Stat()
	var scans, floors, ratios, cpus []float64
	i := 0
	for b.Loop() {
		var scan, floor, scanCPU, floorCPU time.Duration
		for _, first := range []bool{i%2 == 0, i%2 != 0} {
			if _, err := f.Seek(0, io.SeekStart); err != nil {
				b.Fatal(err)
			}
			start, cpu := time.Now(), cpuTime()
			if first {
				rep, err := Scan(f, nil)
				scan, scanCPU = time.Since(start), cpuTime()-cpu
				if err != nil || rep.Break != nil || rep.Events == 0 {
					b.Fatalf("scan: %v, %+v", err, rep.Break)
				}
			} else {
				if _, err := shaFloor(f); err != nil {
					b.Fatal(err)
				}
				floor, floorCPU = time.Since(start), cpuTime()-cpu
			}
		}
		i++
		scans, floors = append(scans, scan.Seconds()), append(floors, floor.Seconds())
		ratios = append(ratios, scan.Seconds()/floor.Seconds())
		if floorCPU > 0 {
			cpus = append(cpus, scanCPU.Seconds()/floorCPU.Seconds())
		}
	}
	b.ReportMetric(median(scans), "verify-s")
	b.ReportMetric(median(floors), "sha-floor-s")
	b.ReportMetric(median(ratios), "verify/floor")
	b.ReportMetric(float64(fi.Size())/1e6/median(scans), "verify-MB/s")
	if len(cpus) > 0 {
		b.ReportMetric(median(cpus), "cpu-verify/floor")
	}
	b.ReportMetric(0, "ns/op")
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return s[len(s)/2]
}
