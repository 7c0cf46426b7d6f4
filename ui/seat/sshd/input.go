package sshd

import (
	"io"
	"math"
	"sync"
	"time"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"

	"ttx/ui/seat"
)

// What one seat may make the server parse. A person types a few bytes a
// second and pastes a few kilobytes at once; a seat sending more only
// makes its program parse more, which costs the server a core. Bracketed
// paste is what a terminal sends around pasted text: bubbletea gathers
// it until its end marker, scanning all of it again on each read, so a
// paste that never ends would hold a core for as long as its sender
// likes.
const (
	inputRate  = 16 << 10       // bytes a second, once the burst is spent
	inputBurst = 64 << 10       // bytes at once
	pasteMost  = seat.PasteMost // bytes of one paste; the rest is dropped
	inputChunk = 512            // bytes the rate lets through at once, at least
	runLeast   = 64             // printable bytes in one read taken as one paste
)

var (
	pasteStart = []byte("\x1b[200~")
	pasteEnd   = []byte("\x1b[201~")
)

// seatInput is a seat's input, bounded: it passes on at most inputRate
// bytes a second after a burst of inputBurst, and ends a paste longer
// than pasteMost there, dropping the rest of it up to its end marker
// and calling cut, so that the seat can say so.
type seatInput struct {
	r     io.Reader
	cut   func()
	now   func() time.Time
	sleep func(time.Duration)

	mu      sync.Mutex
	tokens  float64
	last    time.Time
	buf     []byte
	pending []byte
	// esc is where wrap stands in an escape sequence: 0 outside one, 1
	// after ESC, 2 in a CSI (its parameters in csi), 3 after ESC O.
	esc int
	csi []byte
	// The markers: k bytes of one matched so far.
	k       int
	pasting bool
	pasted  int  // bytes of this paste passed on
	dropped bool // the rest of this paste is dropped
}

func newSeatInput(r io.Reader, cut func()) *seatInput {
	return &seatInput{r: r, cut: cut, now: time.Now, sleep: time.Sleep, tokens: inputBurst, last: time.Now(), buf: make([]byte, 4096)}
}

// Read passes on what the seat sent, bounded.
func (in *seatInput) Read(p []byte) (int, error) {
	in.mu.Lock()
	defer in.mu.Unlock()
	for len(in.pending) == 0 {
		n := in.allowance(min(len(p), len(in.buf)))
		got, err := in.r.Read(in.buf[:n])
		in.tokens -= float64(got)
		in.filter(in.wrap(in.buf[:got]))
		if err != nil && len(in.pending) == 0 {
			return 0, err
		}
		if err != nil {
			break
		}
	}
	n := copy(p, in.pending)
	in.pending = in.pending[n:]
	return n, nil
}

// allowance waits until some bytes may be read (as many as want, or
// inputChunk), and says how many of want may.
func (in *seatInput) allowance(want int) int {
	for {
		now := in.now()
		in.tokens = min(inputBurst, in.tokens+now.Sub(in.last).Seconds()*inputRate)
		in.last = now
		need := float64(min(want, inputChunk))
		if in.tokens >= need {
			return max(1, min(want, int(in.tokens)))
		}
		in.sleep(time.Duration(math.Ceil((need - in.tokens) / inputRate * float64(time.Second))))
	}
}

// wrap returns b with each run of at least runLeast printable bytes
// outside escape sequences and pastes made a paste: bubbletea would
// otherwise make a message of each word and each space, and the form
// re-wraps all its text for each, so that 5,400 characters written at
// once cost seconds of CPU. A person typing never sends runLeast
// printable bytes in one read.
func (in *seatInput) wrap(b []byte) []byte {
	if in.pasting {
		return b
	}
	var out []byte
	start := -1 // of the printable run
	flush := func(end int) {
		run := b[start:end]
		cut := len(run)
		for cut > 0 && !utf8.Valid(run[:cut]) {
			cut--
		}
		if cut >= runLeast && len(run)-cut < utf8.UTFMax {
			out = append(append(append(out, pasteStart...), run[:cut]...), pasteEnd...)
			out = append(out, run[cut:]...)
		} else {
			out = append(out, run...)
		}
		start = -1
	}
	for i, c := range b {
		printable := c >= 0x20 && c != 0x7f
		if in.esc == 0 && printable {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			flush(i)
		}
		out = append(out, c)
		switch {
		case c == 0x1b:
			in.esc, in.csi = 1, in.csi[:0]
		case in.esc == 1 && c == '[':
			in.esc = 2
		case in.esc == 1 && c == 'O':
			in.esc = 3
		case in.esc == 2 && c >= 0x40 && c <= 0x7e:
			in.esc = 0
			if c == '~' && string(in.csi) == "200" { // a paste of its own
				return append(out, b[i+1:]...)
			}
		case in.esc == 2:
			in.csi = append(in.csi, c)
		default:
			in.esc = 0
		}
	}
	if start >= 0 {
		flush(len(b))
	}
	return out
}

// filter adds b to what is pending, ending a paste past pasteMost.
func (in *seatInput) filter(b []byte) {
	for _, c := range b {
		marker := in.step(c)
		if in.pasting && in.dropped {
			if marker == 1 { // the paste's own end: the injected one stands for it
				in.pasting = false
			}
			continue
		}
		in.pending = append(in.pending, c)
		switch marker {
		case 0:
			in.pasting, in.pasted, in.dropped = true, 0, false
			continue
		case 1:
			in.pasting = false
			continue
		}
		if !in.pasting {
			continue
		}
		// Cut at the start of a character, never inside one.
		if in.pasted++; in.pasted > pasteMost && c&0xC0 != 0x80 && in.k <= 1 {
			in.pending = append(in.pending[:len(in.pending)-1], pasteEnd...)
			in.dropped = true
			if in.cut != nil {
				in.cut()
			}
		}
	}
}

// step matches c against the paste markers, which share all but their
// fifth byte: it returns 0 when c ends a start marker, 1 an end marker,
// and -1 otherwise.
func (in *seatInput) step(c byte) int {
	switch {
	case in.k < 4 && c == pasteStart[in.k]:
		in.k++
	case in.k == 4 && (c == '0' || c == '1'):
		in.k = 5
		if c == '1' {
			in.k = 6
		}
	case (in.k == 5 || in.k == 6) && c == '~':
		end := in.k == 6
		in.k = 0
		if end {
			return 1
		}
		return 0
	case c == 0x1b:
		in.k = 1
	default:
		in.k = 0
	}
	return -1
}

// boundedInput is the program option that gives the seat's program its
// person's input, bounded; a cut paste is told to prog once it exists.
func boundedInput(sess ssh.Session, prog **tea.Program) tea.ProgramOption {
	return tea.WithInput(newSeatInput(seatReader(sess), func() {
		if p := *prog; p != nil {
			go p.Send(seat.PasteCutMsg{})
		}
	}))
}
