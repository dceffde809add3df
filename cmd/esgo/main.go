// Command esgo talks to Elasticsearch and runs local clusters.
//
//	esgo demo                      start a local server, index documents, search them
//	esgo local start [--nodes 3]   run a local Elasticsearch (or --opensearch) until interrupted
//	esgo local install             download and unpack the servers ahead of time
//
// Commands that talk to a cluster take --url (default $ELASTICSEARCH_URL,
// else http://localhost:9200) and credentials from --user/--password,
// --api-key or --token (or $ELASTICSEARCH_USERNAME, ..._PASSWORD,
// ..._API_KEY, ..._TOKEN).
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := newRoot().ExecuteContext(ctx)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "esgo:", err)
		os.Exit(1)
	}
}

func newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:           "esgo",
		Short:         "Talk to Elasticsearch and run local clusters",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(newLocal(), newDemo())
	return root
}
