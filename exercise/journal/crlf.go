package journal

import (
	"bufio"
	"errors"
	"io"
)

// A session file copied through a tool that converts line ends to CRLF
// (Windows) has a CR at the end of every line, and so every line's hash
// differs from the one the next line carries. Scan notes a CR at the end
// of the first line (Report.CRLF); reading the file again through
// WithoutCR checks the chain as ttx wrote it.

// WithoutCR reads r with every CRLF line end made LF again.
func WithoutCR(r io.Reader) io.Reader { return &noCR{br: bufio.NewReaderSize(r, 64<<10)} }

type noCR struct {
	br  *bufio.Reader
	out []byte
	err error
}

func (c *noCR) Read(p []byte) (int, error) {
	for len(c.out) == 0 {
		if c.err != nil {
			return 0, c.err
		}
		line, err := c.br.ReadSlice('\n')
		switch n := len(line); {
		case errors.Is(err, bufio.ErrBufferFull):
			err = nil
			if n > 1 && line[n-1] == '\r' {
				// Its LF may be the next byte: read the CR again with it.
				line = line[:n-1]
				c.br.UnreadByte()
			}
		case n >= 2 && line[n-1] == '\n' && line[n-2] == '\r':
			line[n-2] = '\n'
			line = line[:n-1]
		}
		c.out, c.err = line, err
	}
	n := copy(p, c.out)
	c.out = c.out[n:]
	return n, nil
}
