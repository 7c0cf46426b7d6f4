package main

import (
	"io"

	"github.com/spf13/cobra"
)

func newReplayCmd(stdout, stderr io.Writer) *cobra.Command {
	return &cobra.Command{Use: "replay FILE", Hidden: true}
}
