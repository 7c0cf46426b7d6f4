package journal

import (
	"bytes"
	"os"
	"reflect"
	"testing"

	"ttx/exercise/event"
)

// rechainAll rewrites every line's prev to the hash of the line before it,
// as a forger who recomputed the chain would: what the file then says is
// up to each line being an event, not to the chain.
func rechainAll(data []byte) []byte {
	lines := bytes.SplitAfter(data, []byte("\n"))
	for i := 1; i < len(lines); i++ {
		l := bytes.TrimSuffix(lines[i], []byte("\n"))
		if len(l) < 66 || !bytes.HasSuffix(l[:len(l)-66], []byte(`,"prev":`)) {
			continue
		}
		prev := bytes.TrimSuffix(lines[i-1], []byte("\n"))
		copy(l[len(l)-66:], `"`+Hash(prev)+`"`)
	}
	return bytes.Join(lines, nil)
}

// agreed counts the calls of scansAgree, which cuts blocks in turn each
// way blockSizes says.
var agreed int

// scansAgree scans data for the chain alone (what verify does) and with
// every event read whole (what a reader does): the two reports must be
// the same.
func scansAgree(t *testing.T, what string, data []byte) {
	t.Helper()
	bs := blockSizes[agreed%len(blockSizes)]
	agreed++
	chain, err1 := Scan(bytes.NewReader(data), nil, blocks(bs[0], bs[1]))
	full, err2 := Scan(bytes.NewReader(data), func(event.Event) error { return nil })
	if (err1 == nil) != (err2 == nil) || !reflect.DeepEqual(chain, full) {
		t.Fatalf("%s, blocks of %v: the chain scan and the full scan disagree:\n%v %+v\n%v %+v\n%q", what, bs, err1, chain, err2, full, data)
	}
}

// TestChainScanAgreesWithFullScan changes every byte of a session file in
// turn, several ways, with the chain left broken and with it recomputed
// over the change: verify's reading of only what the chain needs gives
// the very report the full reading gives, torn lines, forks, newer
// versions and garbage alike.
func TestChainScanAgreesWithFullScan(t *testing.T) {
	seed, err := os.ReadFile("testdata/seed.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	written, _ := os.ReadFile(writeSession(t, 4, true))
	lines := bytes.SplitAfter(seed, []byte("\n"))
	forged := bytes.Replace(lines[2], []byte(`"t":`), []byte(`"t": `), 1)
	fork := bytes.Join(append(append(append([][]byte{}, lines[:2]...), forged), lines[2:]...), nil)
	fixtures := map[string][]byte{
		"seed":      seed,
		"written":   written,
		"fork":      fork,
		"garbage":   append(bytes.Clone(seed), "\n\ngarbage\n{\"v\":1"...),
		"torn":      seed[:len(seed)-20],
		"no ending": bytes.TrimSuffix(written, []byte("\n")),
		"newer":     rechainAll(append(bytes.Clone(written), bytes.Replace(bytes.SplitAfter(written, []byte("\n"))[1], []byte(`{"v":1`), []byte(`{"v":2`), 1)...)),
		"crlf":      bytes.ReplaceAll(written, []byte("\n"), []byte("\r\n")),
	}
	// Every byte of these is changed; the others share their lines.
	flipped := map[string]bool{"written": true, "fork": true, "newer": true, "garbage": true}
	for name, data := range fixtures {
		scansAgree(t, name, data)
		scansAgree(t, name+" rechained", rechainAll(bytes.Clone(data)))
		if !flipped[name] {
			continue
		}
		for off := range data {
			if !inEnvelope(data, off) {
				continue
			}
			for _, flip := range []byte{0x01, 0x80, '\\', '"'} {
				mod := bytes.Clone(data)
				if mod[off] ^= flip; flip >= ' ' && flip < 0x80 {
					mod[off] = flip // a quote or an escape put in
				}
				scansAgree(t, name, mod)
				scansAgree(t, name+" rechained", rechainAll(mod))
			}
		}
	}
}

// inEnvelope reports whether byte off of data is in its line's envelope
// (what comes before and after the payload), or near the payload's ends:
// the bytes the two readings read differently. The payload between is
// the same bytes to both.
func inEnvelope(data []byte, off int) bool {
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	end := bytes.IndexByte(data[off:], '\n')
	if end < 0 {
		end = len(data)
	} else {
		end += off
	}
	return off-start < 140 || end-off < 80
}
