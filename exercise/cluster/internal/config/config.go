// Package config reads and checks a cluster file: its nodes, their
// addresses and votes, and the secret their links prove they hold, each
// problem named with its file:line:col and what to write instead.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// Config is a cluster file: the nodes of one replicated session.
//
//	nodes:
//	  - name: london
//	    raft: 10.0.0.1:7400
//	    ssh: 10.0.0.1:2222
//	  - name: leeds
//	    raft: 10.0.0.2:7400
//	    ssh: 10.0.0.2:2222
//	  - name: bristol
//	    raft: 10.0.0.3:7400
//	    ssh: 10.0.0.3:2222
//	  - name: observers
//	    raft: 10.0.0.4:7400
//	    ssh: 10.0.0.4:2222
//	    voter: false
//	secret: cluster.key
type Config struct {
	// File is where the configuration was read from.
	File string
	// Nodes are the members, in the file's order.
	Nodes []Member
	// SecretFile names the file holding the cluster's secret (relative
	// to the cluster file's folder), which every node must hold to talk
	// to the others: their links are then TLS, each end proving it holds
	// the secret. Secret is its content, read by Load. Without
	// one, the links are plain TCP, for a trusted network only.
	SecretFile string
	Secret     []byte
	secretAt   string // file:line:col of secret:
}

// Member is one node of a cluster.
type Member struct {
	// Name names the node; it is the node's Raft ID.
	Name string `yaml:"name"`
	// Raft is the host:port the node's Raft traffic (and commands
	// forwarded to the leader) use.
	Raft string `yaml:"raft"`
	// SSH is the host:port seats connect to.
	SSH string `yaml:"ssh"`
	// Voter says whether the node votes; a non-voter follows the session
	// and serves seats but does not count towards a quorum.
	Voter bool `yaml:"voter"`
	// Line is the line of the file the node starts on.
	Line int `yaml:"-"`
}

// Member returns the member called name, or nil.
func (c *Config) Member(name string) *Member {
	for i := range c.Nodes {
		if c.Nodes[i].Name == name {
			return &c.Nodes[i]
		}
	}
	return nil
}

// Voters returns how many members vote.
func (c *Config) Voters() int {
	n := 0
	for _, m := range c.Nodes {
		if m.Voter {
			n++
		}
	}
	return n
}

// Names returns the members' names, comma separated.
func (c *Config) Names() string {
	var names []string
	for _, m := range c.Nodes {
		names = append(names, m.Name)
	}
	return strings.Join(names, ", ")
}

// MinSecret is the shortest secret accepted, in bytes.
const MinSecret = 16

var nodeName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$`)

// Load reads and checks a cluster file, and reads the secret it
// names.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read the cluster file: %w", err)
	}
	c, err := Parse(path, data)
	if err != nil || c.SecretFile == "" {
		return c, err
	}
	file := c.SecretFile
	if !filepath.IsAbs(file) {
		file = filepath.Join(filepath.Dir(path), file)
	}
	how := fmt.Sprintf("make one with `head -c 32 /dev/urandom | base64 > %s` and copy it to every site", file)
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("%s: the cluster's secret: %w; %s", c.secretAt, err, how)
	}
	if c.Secret = bytes.TrimSpace(b); len(c.Secret) < MinSecret {
		return nil, fmt.Errorf("%s: the cluster's secret %s holds %d bytes, fewer than %d; %s", c.secretAt, file, len(c.Secret), MinSecret, how)
	}
	return c, nil
}

// Parse checks the cluster file data read from name. It reports
// every problem at once, each as name:line:col with what to write.
func Parse(name string, data []byte) (*Config, error) {
	c := &Config{File: name}
	var probs []string
	at := func(n ast.Node, format string, args ...any) {
		line, col := 1, 1
		if n != nil && n.GetToken() != nil {
			line, col = n.GetToken().Position.Line, n.GetToken().Position.Column
		}
		probs = append(probs, fmt.Sprintf("%s:%d:%d: %s", name, line, col, fmt.Sprintf(format, args...)))
	}
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		var ye yaml.Error
		if errors.As(err, &ye) && ye.GetToken() != nil {
			p := ye.GetToken().Position
			return nil, fmt.Errorf("%s:%d:%d: %s", name, p.Line, p.Column, ye.GetMessage())
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var root ast.Node
	if len(f.Docs) > 0 {
		root = f.Docs[0].Body
	}
	m, ok := root.(*ast.MappingNode)
	if !ok {
		return nil, fmt.Errorf("%s:1:1: a cluster file is a YAML mapping with a list of nodes (name, raft, ssh, voter); see docs/cluster.md", name)
	}
	var list *ast.SequenceNode
	for _, kv := range m.Values {
		switch kv.Key.String() {
		case "nodes":
			if list, ok = kv.Value.(*ast.SequenceNode); !ok {
				at(kv.Value, "nodes is a list: one \"- name: ...\" entry per node")
			}
		case "secret":
			if err := yaml.NodeToValue(kv.Value, &c.SecretFile); err != nil || c.SecretFile == "" {
				at(kv.Value, "secret names the file holding the cluster's secret, e.g. secret: cluster.key")
			}
			p := kv.Value.GetToken().Position
			c.secretAt = fmt.Sprintf("%s:%d:%d", name, p.Line, p.Column)
		default:
			at(kv.Key, "unknown key %q; a cluster file has nodes and secret", kv.Key.String())
		}
	}
	if list == nil {
		if len(probs) == 0 {
			at(root, "no nodes: list each node with name, raft (host:port), ssh (host:port) and voter")
		}
		return nil, errors.New(strings.Join(probs, "\n"))
	}
	names, addrs := map[string]bool{}, map[string]string{}
	for _, el := range list.Values {
		mem := Member{Voter: true}
		if err := yaml.NodeToValue(el, &mem, yaml.DisallowUnknownField()); err != nil {
			var ye yaml.Error
			if errors.As(err, &ye) && ye.GetToken() != nil {
				p := ye.GetToken().Position
				probs = append(probs, fmt.Sprintf("%s:%d:%d: %s (a node has name, raft, ssh and voter)", name, p.Line, p.Column, ye.GetMessage()))
			} else {
				at(el, "%v", err)
			}
			continue
		}
		mem.Line = el.GetToken().Position.Line
		switch {
		case mem.Name == "":
			at(el, "a node without a name: add name: (letters, digits, - and _)")
		case !nodeName.MatchString(mem.Name):
			at(el, "node name %q: use up to 32 letters, digits, - and _", mem.Name)
		case names[mem.Name]:
			at(el, "node %q is named twice; give each node its own name", mem.Name)
		}
		names[mem.Name] = true
		for _, a := range []struct{ what, addr string }{{"raft", mem.Raft}, {"ssh", mem.SSH}} {
			if err := checkAddr(a.addr); err != nil {
				at(el, "node %q: %s address %q: %v; write host:port, e.g. 10.0.0.1:7400", mem.Name, a.what, a.addr, err)
				continue
			}
			if other, dup := addrs[a.addr]; dup {
				at(el, "node %q: %s address %s is also %s; each address serves one purpose on one node", mem.Name, a.what, a.addr, other)
			}
			addrs[a.addr] = mem.Name + "'s " + a.what
		}
		c.Nodes = append(c.Nodes, mem)
	}
	if len(probs) == 0 {
		if v := c.Voters(); v != 3 && v != 5 {
			at(list, "%d voting nodes: a cluster has 3 or 5 voters (a majority must survive a lost site); mark the others voter: false", v)
		}
	}
	if len(probs) > 0 {
		return nil, errors.New(strings.Join(probs, "\n"))
	}
	return c, nil
}

func checkAddr(addr string) error {
	if addr == "" {
		return errors.New("missing")
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return errors.New("not host:port")
	}
	if host == "" {
		return errors.New("no host (other nodes must be able to reach it)")
	}
	if p, err := strconv.Atoi(port); err != nil || p < 1 || p > 65535 {
		return errors.New("the port is not 1 to 65535")
	}
	return nil
}

// Membership is what every node must agree on: each node's name, Raft
// address and vote, in order. SSH addresses are each site's own.
func (c *Config) Membership() []byte {
	var b bytes.Buffer
	for _, m := range c.Nodes {
		fmt.Fprintf(&b, "%s %s %v\n", m.Name, m.Raft, m.Voter)
	}
	return b.Bytes()
}
