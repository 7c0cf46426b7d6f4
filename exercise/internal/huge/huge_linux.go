// Package huge asks the kernel to back a long list with huge pages. It is
// memory machinery for the fold of a long session, kept out of the model:
// event.State.Reserve makes the room, and the reader that folds a long
// file advises it here.
package huge

import (
	"os"
	"syscall"
	"unsafe"
)

// Advise asks the kernel to back the room of a long list (its whole
// capacity) with huge pages (2 MB) where it can. The Go heap does not ask
// for them, and where the system gives them only on request (transparent
// huge pages in "madvise" mode, as on many Linux distributions) every 4 KB
// of a list a fold fills is a page fault of its own: 4,300 for a session
// of 100,000 decisions, at about 12 µs each on a virtual machine, against
// a few dozen with huge pages. Advice only: if it is refused, the list
// works as before.
func Advise[T any](list []T) {
	list = list[:cap(list)]
	if len(list) == 0 {
		return
	}
	page := uintptr(os.Getpagesize())
	p := unsafe.Pointer(unsafe.SliceData(list))
	size := uintptr(len(list)) * unsafe.Sizeof(list[0])
	skip := (page - uintptr(p)%page) % page
	if size < skip+hugePage {
		return
	}
	n := (size - skip) &^ (page - 1)
	syscall.Madvise(unsafe.Slice((*byte)(unsafe.Add(p, skip)), n), syscall.MADV_HUGEPAGE)
}

// hugePage is the usual huge page (x86-64, and arm64 with 4 KB pages): a
// list smaller than one is not worth the advice.
const hugePage = 2 << 20
