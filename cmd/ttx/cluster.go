package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"ttx/exercise/cluster"
	"ttx/exercise/scenario"
	"ttx/exercise/session"
	"ttx/ui/console"
	"ttx/ui/seat/sshd"
	"ttx/ui/theme"
)

// clusterOptions are serve's flags for running one node of a cluster.
type clusterOptions struct {
	file     string
	node     string
	headless bool
}

func addClusterFlags(cmd *cobra.Command, o *clusterOptions) {
	cmd.Flags().StringVar(&o.file, "cluster", "", "cluster `FILE` naming the nodes (name, raft, ssh, voter): run this session replicated across them (docs/cluster.md)")
	cmd.Flags().StringVar(&o.node, "node", "", "with --cluster: the `NAME` of the node this is")
	cmd.Flags().BoolVar(&o.headless, "headless", false, "with --cluster: run the node and its SSH seats with no console here")
}

// serveCluster is `ttx serve --cluster FILE --node NAME`: one node of a
// session replicated across sites, with the SSH seats of that node and,
// unless headless, the facilitator console.
func serveCluster(cmd *cobra.Command, args []string, o *serveOptions, stdout, stderr io.Writer) error {
	c := o.cluster
	switch {
	case c.node == "":
		return errors.New("--cluster needs --node NAME: which of the cluster file's nodes this is")
	case o.resume != "":
		return errors.New("--resume is not for a cluster node: start it again with the same --session and it catches up from the others")
	}
	cfg, err := cluster.LoadConfig(c.file)
	if err != nil {
		return err
	}
	me := cfg.Member(c.node)
	if me == nil {
		return fmt.Errorf("%s names no node %q; its nodes are %s", c.file, c.node, cfg.Names())
	}
	if len(cfg.Secret) == 0 && !allLoopback(cfg) {
		fmt.Fprintf(stderr, "ttx: %s names no secret: the links between nodes are plain TCP, readable and forgeable by anyone on the network; add `secret: FILE` (see the README)\n", c.file)
	}
	name, err := facilitatorName(o.as)
	if err != nil {
		return err
	}
	who := session.Facilitator(name)
	session.Tool = "ttx " + version
	sc, source, people, err := clusterScenario(args, o.roster, stderr)
	if err != nil {
		return err
	}
	path := o.session
	if path == "" {
		base := strings.TrimSuffix(filepath.Base(c.file), filepath.Ext(c.file))
		path = filepath.Join("sessions", base+"-"+c.node+".jsonl")
	}
	if err := os.MkdirAll(path+".raft", 0o700); err != nil {
		return fmt.Errorf("create the node's Raft folder: %w", err)
	}
	logf, err := os.OpenFile(filepath.Join(path+".raft", "node.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	defer logf.Close()
	node, err := cluster.Start(cluster.Options{Config: cfg, Name: c.node, Session: path, Log: logf,
		Open: &cluster.Open{Scenario: sc, Source: source, Auto: o.auto, By: who}})
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "ttx: node %s of %s (%s), session file %s; waiting for a majority to open the session…\n", c.node, c.file, cfg.Names(), path)
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(stop)
	warned := false // that a node of another ttx was refused, said once
	for node.State().Scenario == nil {
		select {
		case <-stop:
			node.Shutdown()
			return exitError{1}
		case <-time.After(100 * time.Millisecond):
		}
		warned = warnOtherTTX(node, warned, stderr)
	}
	if st := node.State(); st.Source != source {
		fmt.Fprintf(stderr, "ttx: the cluster's session runs %s (opened by %s), not %s\n", st.Source, st.OpenedBy, source)
	}
	for _, p := range people {
		if st := node.State(); st.Person(p.Name) != nil {
			continue
		}
		add, err := rosterAdd(p)
		if err == nil {
			_, err = node.Do(who, add)
		}
		if err != nil {
			if st := node.State(); st.Person(p.Name) == nil {
				fmt.Fprintf(stderr, "ttx: %s: %s: %v\n", o.roster, p.Name, err)
			}
		}
	}
	listen := me.SSH
	if cmd.Flags().Changed("listen") {
		listen = o.listen
	}
	srv, err := sshd.NewServer(node, sshd.ServerOptions{Addr: listen, HostKeyPath: o.hostKey})
	if err == nil {
		err = srv.Listen()
	}
	if err != nil {
		node.Abandon()
		return err
	}
	go srv.Serve()
	join, fp := srv.JoinCommand(), srv.HostKeyFingerprint()
	fmt.Fprintf(stderr, "ttx: seats join this node with: %s    host key %s\n", join, fp)
	shutdown := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	}
	if c.headless {
		lead := ""
		for {
			select {
			case <-stop:
				shutdown()
				node.Shutdown()
				if st := node.State(); st.Closed {
					fmt.Fprintf(stderr, "ttx: node %s stopped; the session is closed, and %s holds its record.\n", c.node, path)
				} else {
					fmt.Fprintf(stderr, "ttx: node %s stopped; the session goes on on the others. Start it again with the same command to catch up.\n", c.node)
				}
				return nil
			case <-time.After(time.Second):
			}
			// A leader unknown for a moment is an election; for longer,
			// this site is cut off.
			now := node.Leader()
			if node.CutOff() {
				now = "-"
			}
			warned = warnOtherTTX(node, warned, stderr)
			if now != lead && now != "" {
				lead = now
				if now == "-" { // and why, when the others run another ttx
					fmt.Fprintf(stderr, "ttx: %s\n", strings.TrimPrefix(cmp.Or(node.Fault(), cluster.ErrCutOff).Error(), "not saved: "))
				} else {
					fmt.Fprintf(stderr, "ttx: the leader is %s\n", now)
				}
			}
		}
	}
	signal.Stop(stop)
	model := console.New(node, console.Options{Facilitator: who, ViewOptions: theme.ViewOptions{MarkdownStyle: terminalStyle()},
		Notice: fmt.Sprintf("Node %s of %s · seats join with: %s", c.node, cfg.Names(), join), Serving: srv.Addr().String(), Join: join, HostKey: fp})
	_, runErr := newProgram(cmd, stdout, model).Run()
	shutdown()
	if head, ok := model.Closed(); ok {
		fmt.Fprintf(stdout, "Session closed.\n  file:       %s\n  final hash: %s\nWrite the final hash down: `ttx verify %s` must print the same, on every node's copy.\n", path, head, path)
		return nil
	}
	node.Abandon()
	if runErr != nil {
		fmt.Fprintf(stderr, "ttx: the console stopped: %v\n", runErr)
	}
	fmt.Fprintf(stderr, "This node stopped; the session goes on on the others. Start it again with the same command to catch up.\n")
	return exitError{1}
}

// clusterScenario loads the scenario a node proposes, with the roster
// file's people added.
func clusterScenario(args []string, rosterFile string, stderr io.Writer) (*scenario.Scenario, string, []scenario.Person, error) {
	name := ""
	if len(args) > 0 {
		name = args[0]
	}
	sc, source, probs, err := loadScenario(name)
	if err != nil {
		return nil, "", nil, err
	}
	if probs.HasErrors() {
		fmt.Fprintln(stderr, probs.Errors())
		return nil, "", nil, fmt.Errorf("the scenario has %d error(s); fix them and run again (ttx validate %s checks it)", len(probs.Errors()), source)
	}
	var people []scenario.Person
	if rosterFile != "" {
		if people, probs = scenario.LoadRoster(rosterFile); probs.HasErrors() {
			fmt.Fprintln(stderr, probs.Errors())
			return nil, "", nil, fmt.Errorf("the roster %s has %d error(s); fix them and run again", rosterFile, len(probs.Errors()))
		}
		if probs := sc.AddRoster(people, rosterFile); probs.HasErrors() {
			fmt.Fprintln(stderr, probs.Errors())
			return nil, "", nil, fmt.Errorf("the roster %s does not fit the scenario; fix it and run again", rosterFile)
		}
	}
	return sc, source, people, nil
}

// warnOtherTTX says, unless warned already, that a node of another ttx
// was refused its link (it is not in the cluster), and whether it is said.
func warnOtherTTX(node *cluster.Node, warned bool, stderr io.Writer) bool {
	if other := node.OtherTTX(); other != nil && !warned {
		fmt.Fprintf(stderr, "ttx: %v\n", other)
		return true
	}
	return warned
}

// allLoopback reports whether every node's Raft address is on this
// machine.
func allLoopback(cfg *cluster.Config) bool {
	for _, m := range cfg.Nodes {
		host, _, _ := net.SplitHostPort(m.Raft)
		if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
			return false
		}
	}
	return true
}
