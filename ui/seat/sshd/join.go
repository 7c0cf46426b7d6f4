package sshd

import (
	"net"
	"os"
	"strings"
)

// JoinCommand is what participants type to join the server: ssh with its
// port and the address it listens on, or, for a server listening on every
// address, this machine's name with its other addresses beside it (a
// participant whose network does not know the name uses an address).
func (s *Server) JoinCommand() string {
	name, _ := os.Hostname()
	addrs, _ := net.InterfaceAddrs()
	return JoinCommand(s.Addr().String(), name, addrs)
}

// JoinCommand is the command to join a server listening on addr, on a
// machine called name with the interface addresses addrs: the addresses
// it can be reached by, IPv4 first, without loopback and link-local ones,
// which no other machine reaches it by.
func JoinCommand(addr, name string, addrs []net.Addr) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "ssh " + addr
	}
	if ip := net.ParseIP(host); host != "" && (ip == nil || !ip.IsUnspecified()) {
		return "ssh -p " + port + " " + host
	}
	var v4, v6 []string
	for _, a := range addrs {
		n, ok := a.(*net.IPNet)
		if !ok || n.IP.IsLoopback() || n.IP.IsLinkLocalUnicast() || n.IP.IsUnspecified() {
			continue
		}
		if n.IP.To4() != nil {
			v4 = append(v4, n.IP.String())
		} else {
			v6 = append(v6, n.IP.String())
		}
	}
	hosts := append(v4, v6...)
	if name != "" && name != "localhost" {
		hosts = append([]string{name}, hosts...)
	}
	switch len(hosts) {
	case 0:
		return "ssh -p " + port + " 127.0.0.1 (this machine has no other address)"
	case 1:
		return "ssh -p " + port + " " + hosts[0]
	}
	return "ssh -p " + port + " " + hosts[0] + " (or " + strings.Join(hosts[1:], ", ") + ")"
}
