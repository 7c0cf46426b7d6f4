package journal

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"ttx/exercise/event"
	"ttx/exercise/internal/wire"
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
	wrap         func(File) File
	progress     func(read, total int64)
	setAsideTail bool
	check        func() error
}

// WithCheck has OpenEach call check once the whole file is read and found
// fit to go on, before anything is set aside or written: an error refuses
// the file as it is, byte for byte (what fn was given was wrong to go on
// from, say).
func WithCheck(check func() error) Option { return func(o *options) { o.check = check } }

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
	// O_EXCL also refuses a symbolic link planted at path. The file is
	// the facilitator's alone to read: 0600.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL|os.O_APPEND, 0o600)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return nil, fmt.Errorf("session file %s already exists; choose another with --session, or reopen it with --resume", path)
		}
		return nil, fmt.Errorf("create the session file: %w", err)
	}
	lk, err := lockFile(f, path)
	if err != nil {
		f.Close()
		return nil, err
	}
	if err := SyncDir(dir); err != nil {
		lk.release()
		f.Close()
		return nil, err
	}
	return &Writer{path: path, f: o.file(f), lock: lk}, nil
}

// Recovery says what Open had to do to a file before appending to it.
type Recovery struct {
	// Report is the scan of the file as found.
	Report Report
	// TornFile is where a torn last line was moved ("" if none), and
	// TornSum the SHA-256 (hex) of its bytes.
	TornFile, TornSum string
	// TailFile is where a tail of lines that are no events was moved (""
	// if none; see SetAsideTail), and TailSum the SHA-256 of its bytes.
	TailFile, TailSum string
}

// SetAsideTail lets Open move aside a tail of lines that are no events
// (blank lines, garbage; Report.Tail) after the last chained line, as it
// moves a torn line, rather than refuse the file. A bad line with an event
// after it is tampering in the middle of the record, and is still refused.
func SetAsideTail() Option { return func(o *options) { o.setAsideTail = true } }

// Open reopens an unfinished session file for appending. It checks the
// whole file, refuses a broken chain, a sealed session or a newer format,
// and moves a torn last line aside to FILE.torn (or, with SetAsideTail, a
// tail of lines that are no events to FILE.tail) before cutting it off.
// It returns the file's intact events.
func Open(path string, opts ...Option) (*Writer, []event.Event, Recovery, error) {
	var events []event.Event
	w, rec, err := OpenEach(path, func(e event.Event) { events = append(events, e) }, opts...)
	if err != nil {
		return nil, nil, rec, err
	}
	return w, events, rec, nil
}

// OpenEach is Open handing each intact event to fn as the file is read,
// rather than returning them all: a long session is folded without being
// held twice. When Open refuses the file, fn may have been given events
// it then refused.
func OpenEach(path string, fn func(event.Event), opts ...Option) (*Writer, Recovery, error) {
	o := apply(opts)
	var rec Recovery
	// The file is opened (through any link to it) before anything else,
	// and the lock taken on it: whatever name a second console uses for
	// the same file, it meets the same lock.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_APPEND, 0)
	if errors.Is(err, os.ErrPermission) {
		return nil, rec, fmt.Errorf("open the session file to go on writing it: %w (resuming appends to the file; ttx verify, replay and report only read it)", err)
	}
	if err != nil {
		return nil, rec, fmt.Errorf("open the session file: %w", err)
	}
	lk, err := lockFile(f, path)
	if err != nil {
		f.Close()
		return nil, rec, err
	}
	fail := func(err error) (*Writer, Recovery, error) {
		lk.release()
		f.Close()
		return nil, rec, err
	}
	var r io.Reader = f
	if o.progress != nil {
		var size int64
		if fi, err := f.Stat(); err == nil {
			size = fi.Size()
		}
		r = ProgressReader(f, size, o.progress)
	}
	sc := scanner{fn: func(e event.Event, _ int64) error { fn(e); return nil }}
	rec.Report, err = sc.run(r)
	rep := &rec.Report
	tail := rep.Tail != nil && rep.Tail.Offset == rep.Size
	switch {
	case err != nil:
		return fail(fmt.Errorf("%s: %w", path, err))
	case rep.Newer != nil:
		return fail(fmt.Errorf("%s: %v; this ttx will not append to it", path, rep.Newer))
	case rep.Break != nil && tail && !rep.Sealed && !o.setAsideTail:
		return fail(fmt.Errorf("%s: %v: %s after the last chained line (line %d) %s; ttx will not append after %s. Resume with --set-aside-tail to move %s to %s.tail, byte for byte, and journal that",
			path, rep.Break, linesWord(rep.Tail), rep.Tail.Line-1, notEvents(rep.Tail), itThem(rep.Tail), itThem(rep.Tail), path))
	case rep.Break != nil && !(tail && o.setAsideTail):
		return fail(fmt.Errorf("%s: %v; the file was altered after it was written, so ttx will not append to it (ttx verify %s shows the details)", path, rep.Break, path))
	case rep.Events == 0:
		return fail(fmt.Errorf("%s holds no complete event; start a new session instead", path))
	case rep.Sealed:
		return fail(fmt.Errorf("%s was closed cleanly (session.closed); a closed session cannot be resumed: start a new one, or review it", path))
	}
	if o.check != nil {
		if err := o.check(); err != nil {
			return fail(err)
		}
	}
	switch {
	case rep.Break != nil:
		if rec.TailFile, rec.TailSum, err = setAside(f, path, ".tail", rep.Tail.Offset, rep.Tail.Size, "the lines that are no events"); err != nil {
			return fail(err)
		}
	case rep.Torn != nil:
		if rec.TornFile, rec.TornSum, err = setAside(f, path, ".torn", rep.Torn.Offset, rep.Torn.Size, "the torn line"); err != nil {
			return fail(err)
		}
	}
	w := &Writer{path: path, f: o.file(f), lock: lk, size: rep.Size, next: rep.Events, head: rep.Head}
	return w, rec, nil
}

func linesWord(t *Tail) string {
	if t.Lines == 1 {
		return fmt.Sprintf("line %d (%d bytes)", t.Line, t.Size)
	}
	return fmt.Sprintf("lines %d to %d (%d bytes)", t.Line, t.Line+t.Lines-1, t.Size)
}

func notEvents(t *Tail) string {
	if t.Lines == 1 {
		return "is not an event"
	}
	return "are not events"
}

func itThem(t *Tail) string {
	if t.Lines == 1 {
		return "it"
	}
	return "them"
}

// setAside copies the size bytes of the session file f from off to a new
// FILE<suffix> (FILE<suffix>.2 … if that exists), created 0600 without
// following a link, fsyncs it and the folder, then cuts f back to off and
// fsyncs it. It returns the new file and the SHA-256 of the bytes moved.
func setAside(f *os.File, path, suffix string, off, size int64, what string) (string, string, error) {
	data := make([]byte, size)
	if _, err := f.ReadAt(data, off); err != nil {
		return "", "", fmt.Errorf("read %s to save it aside: %w", what, err)
	}
	dest := path + suffix
	var tf *os.File
	for n := 2; ; n++ {
		var err error
		tf, err = os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_EXCL|oNoFollow, 0o600)
		if err == nil {
			break
		}
		if !errors.Is(err, os.ErrExist) || n > 1000 {
			return "", "", fmt.Errorf("save %s aside: %w", what, err)
		}
		dest = fmt.Sprintf("%s%s.%d", path, suffix, n)
	}
	if _, err := tf.Write(data); err != nil {
		tf.Close()
		return "", "", fmt.Errorf("save %s aside: %w", what, err)
	}
	if err := tf.Sync(); err != nil {
		tf.Close()
		return "", "", fmt.Errorf("save %s aside: %w", what, err)
	}
	tf.Close()
	if err := SyncDir(filepath.Dir(dest)); err != nil {
		return "", "", err
	}
	if err := f.Truncate(off); err != nil {
		return "", "", fmt.Errorf("cut %s off %s (it is saved in %s): %w", what, path, dest, err)
	}
	if err := f.Sync(); err != nil {
		return "", "", fmt.Errorf("save (fsync) %s after cutting %s off (it is saved in %s): %w", path, what, dest, err)
	}
	return dest, Hash(data), nil
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
		buf = wire.Append(buf, wire.Line(e))
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
	w.lock.release() // before the close lets the next writer in
	err := w.f.Close()
	w.f = nil
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

// SyncDir fsyncs the folder dir, so that a file created or renamed in it
// is there after a crash: what every writer of a session file does after
// creating one.
func SyncDir(dir string) error {
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
