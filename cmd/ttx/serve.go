package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"time"

	"github.com/spf13/cobra"

	"ttx/exercise/session"
	"ttx/ui/console"
	"ttx/ui/seat/sshd"
	"ttx/ui/theme"
)

type serveOptions struct {
	runOptions
	listen  string
	roster  string
	hostKey string
	cluster clusterOptions
}

func newServeCmd(stdout, stderr io.Writer) *cobra.Command {
	o := &serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve [NAME|FILE]",
		Short: "Run the console and let participants and evaluators join over SSH",
		Long: `Run the facilitator console here and an SSH server that gives every person on
the roster their own view of the same live session: participants their team's
inbox and a decision form, evaluators the controller's view with observations,
observers what has been released and decided, controllers and the SimCell
the console (scoped, and speaking as the organisations they play; see
docs/roles.md). People join with nothing but
ssh; who they are comes from the roster (their SSH key, or a join code), never
from what they type.

The server listens on 127.0.0.1:2222 unless --listen says otherwise; binding
beyond loopback (e.g. --listen 0.0.0.0:2222) opens the exercise to the network.`,
		Example: `  ttx serve --roster roster.yaml
  ttx serve exercise.yaml --listen 0.0.0.0:2222 --session sessions/day1.jsonl
  ttx serve exercise.yaml --cluster cluster.yaml --node london --session day1.jsonl`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return serve(cmd, args, o, stdout, stderr)
		},
	}
	addRunFlags(cmd, &o.runOptions)
	cmd.Flags().StringVar(&o.listen, "listen", sshd.DefaultAddr, "address for the SSH server")
	cmd.Flags().StringVar(&o.roster, "roster", "", "YAML `FILE` of people who may join (added to the scenario's roster)")
	cmd.Flags().StringVar(&o.hostKey, "host-key", "", "SSH host key file (default: ttx/ssh_host_ed25519 under your state folder)")
	addClusterFlags(cmd, &o.cluster)
	return cmd
}

func serve(cmd *cobra.Command, args []string, o *serveOptions, stdout, stderr io.Writer) error {
	if o.cluster.file != "" {
		return serveCluster(cmd, args, o, stdout, stderr)
	}
	if o.cluster.node != "" || o.cluster.headless {
		return errors.New("--node and --headless run one node of a cluster: give the cluster file with --cluster")
	}
	name, err := facilitatorName(o.as)
	if err != nil {
		return err
	}
	who := session.Facilitator(name)
	session.Tool = "ttx " + version
	sess, notice, err := openSession(args, &o.runOptions, who, o.roster, stderr)
	if err != nil {
		return err
	}
	srv, err := sshd.NewServer(sess, sshd.ServerOptions{Addr: o.listen, HostKeyPath: o.hostKey})
	if err == nil {
		err = srv.Listen()
	}
	if err != nil {
		sess.Abandon()
		return err
	}
	go func() {
		if err := srv.Serve(); err != nil {
			fmt.Fprintln(stderr, "ttx: SSH server:", err)
		}
	}()
	host, _, _ := net.SplitHostPort(srv.Addr().String())
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		fmt.Fprintf(stderr, "ttx: the SSH server listens on %s, beyond this machine: anyone who can reach it may try to join (the roster decides who gets in)\n", srv.Addr())
	}
	join, fp := srv.JoinCommand(), srv.HostKeyFingerprint()
	fmt.Fprintf(stderr, "ttx: seats join with: %s    host key %s (%s)\n", join, fp, srv.HostKeyPath())
	if notice == "" {
		notice = fmt.Sprintf("Seats join with: %s · host key %s", join, fp)
	}

	mdStyle := terminalStyle()
	model := console.New(sess, console.Options{Facilitator: who, ViewOptions: theme.ViewOptions{MarkdownStyle: mdStyle},
		Notice: notice, Serving: srv.Addr().String(), Join: join, HostKey: fp})
	_, runErr := newProgram(cmd, stdout, model).Run()
	// Seats see the session end (or the server stop) and close politely.
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Second)
	defer cancel()
	if _, closed := model.Closed(); !closed {
		cancel()
	}
	srv.Shutdown(ctx)
	return finish(model, sess, runErr, "serve", stdout, stderr)
}
