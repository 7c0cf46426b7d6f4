// Package crlf reads a session file that went through a tool that made
// its line ends CRLF as ttx wrote it (journal.WithoutCR).
package crlf

import (
	"bufio"
	"errors"
	"io"
)

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
