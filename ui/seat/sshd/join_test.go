package sshd

import (
	"net"
	"testing"
)

// TestJoinCommand: the join command has the server's port and a host
// participants can reach it by: the address it listens on, or, for every
// address, the machine's name and its addresses, never a placeholder.
func TestJoinCommand(t *testing.T) {
	addrs := []net.Addr{
		&net.IPNet{IP: net.ParseIP("127.0.0.1"), Mask: net.CIDRMask(8, 32)},
		&net.IPNet{IP: net.ParseIP("::1"), Mask: net.CIDRMask(128, 128)},
		&net.IPNet{IP: net.ParseIP("fd00::2"), Mask: net.CIDRMask(64, 128)},
		&net.IPNet{IP: net.ParseIP("fe80::1"), Mask: net.CIDRMask(64, 128)},
		&net.IPNet{IP: net.ParseIP("192.0.2.2"), Mask: net.CIDRMask(24, 32)},
	}
	for _, c := range []struct {
		addr, name string
		addrs      []net.Addr
		want       string
	}{
		{"127.0.0.1:2222", "vm", addrs, "ssh -p 2222 127.0.0.1"},
		{"exercise-host:2222", "vm", addrs, "ssh -p 2222 exercise-host"},
		{"192.0.2.2:2299", "vm", addrs, "ssh -p 2299 192.0.2.2"},
		{"0.0.0.0:2299", "vm", addrs, "ssh -p 2299 vm (or 192.0.2.2, fd00::2)"},
		{"[::]:2299", "vm", addrs, "ssh -p 2299 vm (or 192.0.2.2, fd00::2)"},
		{"[::]:2299", "", addrs[:3], "ssh -p 2299 fd00::2"},
		{"[::]:2299", "localhost", addrs[:2], "ssh -p 2299 127.0.0.1 (this machine has no other address)"},
	} {
		if got := JoinCommand(c.addr, c.name, c.addrs); got != c.want {
			t.Errorf("JoinCommand(%q, %q) = %q, want %q", c.addr, c.name, got, c.want)
		}
	}
}
