package rows

import "os"

// background writes a temporary file a buffer at a time on a goroutine of
// its own, so that the fold that fills the buffers (on one core, in file
// order) does not wait for the writes: one buffer is filled while the one
// before is written. The goroutine runs from the first full buffer to the
// next flush.
type background struct {
	f     *os.File
	buf   []byte      // being filled
	todo  chan []byte // to the writer; nil while none runs
	free  chan []byte // buffers written, back from the writer
	done  chan error  // the writer's first error, once todo is closed
	err   error       // the first write that failed, once flushed
	spare [][]byte    // buffers to fill, once the writer is done
}

// Write adds p to the file.
func (b *background) Write(p []byte) {
	b.grow()
	b.buf = append(b.buf, p...)
	b.full()
}

// WriteString adds s to the file.
func (b *background) WriteString(s string) {
	b.grow()
	b.buf = append(b.buf, s...)
	b.full()
}

func (b *background) grow() {
	if b.buf == nil {
		if n := len(b.spare); n > 0 {
			b.buf, b.spare = b.spare[n-1][:0], b.spare[:n-1]
		} else {
			b.buf = make([]byte, 0, spillBuffer+spillBuffer/8)
		}
	}
}

// full hands the buffer to the writer once it holds spillBuffer bytes,
// starting the writer if none runs, and takes an empty one.
func (b *background) full() {
	if len(b.buf) < spillBuffer {
		return
	}
	if b.todo == nil {
		b.todo, b.free, b.done = make(chan []byte, 1), make(chan []byte, 2), make(chan error, 1)
		b.free <- nil // a second buffer, made as it is taken
		go write(b.f, b.todo, b.free, b.done)
	}
	b.todo <- b.buf
	b.buf = <-b.free
}

// write writes each buffer from todo to f, in order, and gives it back.
func write(f *os.File, todo <-chan []byte, free chan<- []byte, done chan<- error) {
	var err error
	for buf := range todo {
		if err == nil {
			_, err = f.Write(buf)
		}
		free <- buf[:0]
	}
	done <- err
}

// flush writes out what is buffered and waits for the writer to finish:
// the file then holds everything written.
func (b *background) flush() error {
	if b.todo == nil {
		if len(b.buf) > 0 && b.err == nil {
			_, b.err = b.f.Write(b.buf)
		}
	} else {
		if len(b.buf) > 0 {
			b.todo <- b.buf
			b.buf = nil
		}
		close(b.todo)
		if err := <-b.done; b.err == nil {
			b.err = err
		}
		for len(b.free) > 0 {
			if buf := <-b.free; buf != nil {
				b.spare = append(b.spare, buf)
			}
		}
		b.todo = nil
	}
	b.buf = b.buf[:0]
	return b.err
}
