package htmldoc

import (
	"bytes"
	"io"
	"iter"
	"runtime"
	"sync"

	"ttx/exercise/review/aar/internal/section"
)

// A table of every decision of a long session has a million rows: its
// rows are made (the decision's words read back, its cells built) on one
// goroutine, which must read them in order, and written as HTML (escaped,
// marked up) on the others, a batch at a time, each batch into a buffer
// of its own; the buffers are written out in the rows' order. The HTML
// is byte for byte what writing each row in turn writes
// (TestRowsInParallelSameAsInTurn).

// batchRows is how many rows one buffer takes.
const batchRows = 256

// rowBatch is a batch of rows and, once written, their HTML.
type rowBatch struct {
	rows [][]section.Cell
	html *bytes.Buffer
	done chan struct{}
}

// writeRows writes every row of rows with write, in order, and reports
// whether there was one. With more than one core, rows are written as
// HTML on the other cores while the next are made.
func writeRows(w Writer, rows iter.Seq[[]section.Cell], write func(Writer, []section.Cell)) bool {
	workers := runtime.GOMAXPROCS(0)
	if workers < 2 {
		any := false
		for r := range rows {
			any = true
			write(w, r)
		}
		return any
	}
	jobs := make(chan *rowBatch, 2*workers)
	order := make(chan *rowBatch, 4*workers)
	// The buffers go round: as many as there can be batches on their
	// way, each reused once written out.
	free := make(chan *bytes.Buffer, 6*workers+2)
	for range cap(free) {
		free <- bytes.NewBuffer(make([]byte, 0, 256<<10))
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range jobs {
				for _, r := range b.rows {
					write(b.html, r)
				}
				close(b.done)
			}
		}()
	}
	go func() {
		b := &rowBatch{done: make(chan struct{}), html: <-free}
		send := func() {
			jobs <- b
			order <- b
			b = &rowBatch{done: make(chan struct{}), html: <-free, rows: make([][]section.Cell, 0, batchRows)}
		}
		for r := range rows {
			b.rows = append(b.rows, r)
			if len(b.rows) == batchRows {
				send()
			}
		}
		if len(b.rows) > 0 {
			send()
		}
		close(jobs)
		close(order)
	}()
	any := false
	for b := range order {
		<-b.done
		any = true
		if bw, ok := w.(io.Writer); ok {
			bw.Write(b.html.Bytes())
		} else {
			w.WriteString(b.html.String())
		}
		b.html.Reset()
		free <- b.html
	}
	wg.Wait()
	return any
}
