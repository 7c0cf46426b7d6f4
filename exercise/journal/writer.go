package journal

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"ttx/exercise/event"
)

// File is what the Writer needs of an open file. Tests wrap it to make
// writes and fsyncs fail.
type File interface {
	io.Writer
	Sync() error
	Truncate(size int64) error
	Close() error
}

// Option configures a Writer.
type Option func(*options)

type options struct {
	wrap     func(File) File
	progress func(read, total int64)
}

// WithFile wraps the writer's file, e.g. to inject faults in tests.
func WithFile(wrap func(File) File) Option { return func(o *options) { o.wrap = wrap } }

// WithProgress calls fn as an existing file is read on opening it, with
// the bytes read so far and the file's size: resuming a session of a
// million events takes seconds.
func WithProgress(fn func(read, total int64)) Option {
	return func(o *options) { o.progress = fn }
}

// ProgressReader reads r, calling fn after each read with the bytes read
// so far and total.
func ProgressReader(r io.Reader, total int64, fn func(read, total int64)) io.Reader {
	return &progressReader{r: r, total: total, fn: fn}
}

type progressReader struct {
	r     io.Reader
	n     int64
	total int64
	fn    func(read, total int64)
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.n += int64(n)
	p.fn(p.n, p.total)
	return n, err
}

// Writer appends events to a session file. It is safe for concurrent use,
// though the session gives it one caller.
type Writer struct {
	mu     sync.Mutex
	path   string
	f      File
	lock   *fileLock
	size   int64  // bytes durably written
	next   int64  // seq of the next event
	head   string // hash of the last line
	broken error  // set when the file could not be restored after a failed write
	buf    []byte // reused for each batch
}

// Create creates a new session file at path (which must not exist),
// creating its directory if needed, and fsyncs the directory so the file
// survives a crash.
func Create(path string, opts ...Option) (*Writer, error) {
	o := apply(opts)
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create the session folder: %w", err)
	}
	lk, err := lockFile(path)
	if err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL|os.O_APPEND, 0o644)
	if err != nil {
		lk.release()
		if errors.Is(err, os.ErrExist) {
			return nil, fmt.Errorf("session file %s already exists; choose another with --session, or reopen it with --resume", path)
		}
		return nil, fmt.Errorf("create the session file: %w", err)
	}
	if err := syncDir(dir); err != nil {
		f.Close()
		lk.release()
		return nil, err
	}
	return &Writer{path: path, f: o.file(f), lock: lk}, nil
}

// Recovery says what Open had to do to a file before appending to it.
type Recovery struct {
	// Report is the scan of the file as found.
	Report Report
	// TornFile is where a torn last line was moved ("" if none).
	TornFile string
}

// Open reopens an unfinished session file for appending. It checks the
// whole file, refuses a broken chain or a sealed session, and moves a torn
// last line aside to FILE.torn before truncating it off. It returns the
// file's intact events.
func Open(path string, opts ...Option) (*Writer, []event.Event, Recovery, error) {
	var events []event.Event
	w, rec, err := openEach(path, func(e event.Event) { events = append(events, e) }, false, opts...)
	if err != nil {
		return nil, nil, rec, err
	}
	return w, events, rec, nil
}

// OpenEach is Open handing each intact event to fn as the file is read,
// rather than returning them all: a long session is folded without being
// held twice. fn is for a fold: a decision's or request's payload reaches
// it decoded already (Decode reads it), with Data left empty.
func OpenEach(path string, fn func(event.Event), opts ...Option) (*Writer, Recovery, error) {
	return openEach(path, fn, true, opts...)
}

func openEach(path string, fn func(event.Event), fold bool, opts ...Option) (*Writer, Recovery, error) {
	o := apply(opts)
	var rec Recovery
	lk, err := lockFile(path)
	if err != nil {
		return nil, rec, err
	}
	fail := func(err error) (*Writer, Recovery, error) {
		lk.release()
		return nil, rec, err
	}
	rf, err := os.Open(path)
	if err != nil {
		return fail(fmt.Errorf("open the session file: %w", err))
	}
	var r io.Reader = rf
	if o.progress != nil {
		var size int64
		if fi, err := rf.Stat(); err == nil {
			size = fi.Size()
		}
		r = ProgressReader(rf, size, o.progress)
	}
	sc := scanner{fn: func(e event.Event, _ int64) error { fn(e); return nil }, fold: fold}
	rec.Report, err = sc.run(r)
	rf.Close()
	switch {
	case err != nil:
		return fail(fmt.Errorf("%s: %w", path, err))
	case rec.Report.Break != nil:
		return fail(fmt.Errorf("%s: %v; the file was altered after it was written, so ttx will not append to it (ttx verify %s shows the details)", path, rec.Report.Break, path))
	case rec.Report.Events == 0:
		return fail(fmt.Errorf("%s holds no complete event; start a new session instead", path))
	case rec.Report.Sealed:
		return fail(fmt.Errorf("%s was closed cleanly (session.closed); a closed session cannot be resumed: start a new one, or review it", path))
	}
	if t := rec.Report.Torn; t != nil {
		if rec.TornFile, err = moveTorn(path, t); err != nil {
			return fail(err)
		}
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return fail(fmt.Errorf("open the session file for writing: %w", err))
	}
	w := &Writer{path: path, f: o.file(f), lock: lk, size: rec.Report.Size, next: rec.Report.Events, head: rec.Report.Head}
	return w, rec, nil
}

// moveTorn copies the torn tail to a new FILE.torn (FILE.torn.2 … if that
// exists), fsyncs it, then truncates the session file to its intact size.
func moveTorn(path string, t *Torn) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	tail := data[t.Offset:]
	dest := path + ".torn"
	for n := 2; ; n++ {
		if _, err := os.Lstat(dest); errors.Is(err, os.ErrNotExist) {
			break
		}
		dest = fmt.Sprintf("%s.torn.%d", path, n)
	}
	tf, err := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return "", fmt.Errorf("save the torn line aside: %w", err)
	}
	if _, err := tf.Write(tail); err != nil {
		tf.Close()
		return "", fmt.Errorf("save the torn line aside: %w", err)
	}
	if err := tf.Sync(); err != nil {
		tf.Close()
		return "", fmt.Errorf("save the torn line aside: %w", err)
	}
	tf.Close()
	if err := syncDir(filepath.Dir(path)); err != nil {
		return "", err
	}
	if err := os.Truncate(path, t.Offset); err != nil {
		return "", fmt.Errorf("cut the torn line off %s (it is saved in %s): %w", path, dest, err)
	}
	return dest, nil
}

// Path returns the session file's path.
func (w *Writer) Path() string { return w.path }

// Head returns the hash of the last line written: the final hash once the
// session is closed.
func (w *Writer) Head() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.head
}

// NextSeq returns the seq the next appended event will get.
func (w *Writer) NextSeq() int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.next
}

// Append gives the events their seq and prev, writes them with a single
// write and a single fsync, and returns them as written. Nothing is
// acknowledged unless the fsync succeeded; on failure the file is cut
// back to its last durable size, so a later Append can succeed once the
// fault clears.
func (w *Writer) Append(evs ...event.Event) ([]event.Event, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.broken != nil {
		return nil, w.broken
	}
	if w.f == nil {
		return nil, errors.New("the session file is closed")
	}
	buf := w.buf[:0]
	out := make([]event.Event, len(evs))
	seq, head := w.next, w.head
	for i, e := range evs {
		e.V, e.Seq, e.Prev = event.Version, seq, head
		start := len(buf)
		buf = event.AppendLine(buf, e)
		head, seq = Hash(buf[start:]), seq+1
		buf = append(buf, '\n')
		out[i] = e
	}
	w.buf = buf
	if _, err := w.f.Write(buf); err != nil {
		return nil, w.undo(fmt.Errorf("write to %s: %w", w.path, err))
	}
	if err := w.f.Sync(); err != nil {
		return nil, w.undo(fmt.Errorf("save (fsync) %s: %w", w.path, err))
	}
	w.size += int64(len(buf))
	w.next, w.head = seq, head
	return out, nil
}

// undo cuts the file back to its last durable size after a failed append.
// The cut is made durable by the next successful append's fsync; if the
// process dies first, the leftover is a torn or unchained tail that Open
// reports.
func (w *Writer) undo(cause error) error {
	if err := w.f.Truncate(w.size); err != nil {
		w.broken = fmt.Errorf("%w; and the partial write could not be undone (%v): close ttx and reopen the file with --resume", cause, err)
		return w.broken
	}
	return cause
}

// Close closes the file and releases its lock.
func (w *Writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.f == nil {
		return nil
	}
	err := w.f.Close()
	w.f = nil
	w.lock.release()
	return err
}

func apply(opts []Option) options {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

func (o options) file(f *os.File) File {
	if o.wrap != nil {
		return o.wrap(f)
	}
	return f
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("open the session folder to save it: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("save (fsync) the session folder %s: %w", dir, err)
	}
	return nil
}
