package journal

import (
	"bytes"
	"crypto/sha256"
	"io"
	"os"
	"runtime"
	"testing"
	"time"

	"ttx/exercise/internal/wire"
)

// partsFloor is shaFloor doing more of what verify does for each line, in
// the same blocks on the same cores: with prev, each line's prev compared
// with the hash of the line before it in its block (wire.HexIs, reading
// prev where the line ends); with links, each line's envelope read too
// (wire.Links). It measures what each costs beside the hashing.
func partsFloor(f *os.File, prev, links bool) error {
	bad := make([]int, runtime.GOMAXPROCS(0))
	parsers := make([]wire.Links, len(bad))
	return inBlocks(f, func(k int, whole []byte) {
		c := &parsers[k]
		var l wire.Link
		var sum [32]byte
		for blk, n := whole, 0; len(blk) > 0; n++ {
			i := bytes.IndexByte(blk, '\n')
			if i < 0 {
				i = len(blk)
			}
			line := blk[:i]
			if links {
				if !c.Parse(line, &l) {
					bad[k]++
				}
			}
			if prev && n > 0 && (len(line) < 66 || !wire.HexIs(line[len(line)-66:len(line)-2], &sum)) {
				bad[k]++
			}
			sum = sha256.Sum256(line)
			blk = blk[min(i+1, len(blk)):]
		}
	})
}

// BenchmarkVerifyParts is what limits verify against the SHA-256 floor:
// the floor; the floor with each line's prev compared with the hash of
// the line before; that with each line's envelope read as well; and
// Scan. All four run in each iteration, in turns, and report their CPU
// time (user and system) and wall time against the floor's.
func BenchmarkVerifyParts(b *testing.B) {
	path := verifyFile(b)
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	names := []string{"floor", "prev", "links", "verify"}
	runs := []func() error{
		func() error { _, err := shaFloor(f); return err },
		func() error { return partsFloor(f, true, false) },
		func() error { return partsFloor(f, true, true) },
		func() error { _, err := Scan(f, nil); return err },
	}
	cpu := make([][]float64, len(runs))
	wall := make([][]float64, len(runs))
	i := 0
	for b.Loop() {
		var c, w [4]float64
		for k := range runs {
			j := (k + i) % len(runs)
			if _, err := f.Seek(0, io.SeekStart); err != nil {
				b.Fatal(err)
			}
			start, c0 := time.Now(), cpuTime()
			if err := runs[j](); err != nil {
				b.Fatal(err)
			}
			w[j], c[j] = time.Since(start).Seconds(), (cpuTime() - c0).Seconds()
		}
		for j := range runs {
			cpu[j], wall[j] = append(cpu[j], c[j]/c[0]), append(wall[j], w[j]/w[0])
		}
		i++
	}
	for j := 1; j < len(runs); j++ {
		b.ReportMetric(median(cpu[j]), "cpu-"+names[j]+"/floor")
		b.ReportMetric(median(wall[j]), names[j]+"/floor")
	}
	b.ReportMetric(0, "ns/op")
}
