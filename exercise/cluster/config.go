package cluster

import (
	"ttx/exercise/cluster/internal/config"
	"ttx/exercise/cluster/internal/replica"
)

// Config is a cluster file: the nodes of one replicated session (see
// internal/config for its form).
type Config = config.Config

// Member is one node of a cluster.
type Member = config.Member

// LoadConfig reads and checks a cluster file, and reads the secret it
// names.
func LoadConfig(path string) (*Config, error) { return config.Load(path) }

// ParseConfig checks the cluster file data read from name. It reports
// every problem at once, each as name:line:col with what to write.
func ParseConfig(name string, data []byte) (*Config, error) { return config.Parse(name, data) }

// Replica is one node's copy of a session file, as Compare found it.
type Replica = replica.Replica

// Comparison is what Compare found.
type Comparison = replica.Comparison

// Compare reads copies of one session file, from several nodes, checks
// each one's hash chain and says whether they are byte-identical or the
// first line where they differ.
func Compare(paths []string) (Comparison, error) { return replica.Compare(paths) }
