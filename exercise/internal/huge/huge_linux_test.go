package huge

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"ttx/exercise/event"
)

// TestReservedDecisionsGetHugePages checks that the room State.Reserve
// makes for a long session's decisions, once advised, is filled with huge
// pages where the kernel hands them out on request, not with thousands of
// 4 KB pages.
//
// .ci/run runs it again without the race detector, under which the room
// is already resident, page by page, before it can be advised.
func TestReservedDecisionsGetHugePages(t *testing.T) {
	if raceOn {
		t.Skip("under the race detector the room is resident before Reserve can advise it")
	}
	mode, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil || strings.Contains(string(mode), "[never]") {
		t.Skip("this kernel gives no transparent huge pages")
	}
	var s event.State
	s.Reserve(40 << 20) // room for 200,000 decisions, 35 MB
	Advise(s.Decisions)
	list := s.Decisions[:cap(s.Decisions)]
	for i := range list {
		list[i].Seq = int64(i) // fill it, as a fold does
	}
	addr := uintptr(unsafe.Pointer(unsafe.SliceData(list)))
	huge := anonHugeKB(t, addr)
	if huge < 8<<10 {
		t.Errorf("the reserved decisions at %#x are on %d KB of huge pages; want most of their %d KB", addr, huge, len(list)*int(unsafe.Sizeof(list[0]))>>10)
	}
}

// anonHugeKB reads /proc/self/smaps for the huge pages of the mapping
// that holds addr.
func anonHugeKB(t *testing.T, addr uintptr) int {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		var lo, hi uintptr
		if n, _ := fmt.Sscanf(line, "%x-%x ", &lo, &hi); n == 2 {
			in = lo <= addr && addr < hi
			continue
		}
		if rest, ok := strings.CutPrefix(line, "AnonHugePages:"); ok && in {
			kb, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			if err != nil {
				t.Fatalf("smaps: %q: %v", line, err)
			}
			return kb
		}
	}
	t.Fatalf("no mapping in /proc/self/smaps holds %#x", addr)
	return 0
}
