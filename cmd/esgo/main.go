// Command esgo talks to Elasticsearch and runs local clusters.
//
//	esgo demo                      start a local server, index documents, search them
//	esgo local start [--nodes 3]   run a local Elasticsearch (or --opensearch) until interrupted
//	esgo local install             download and unpack the servers ahead of time
//	esgo call GET /_cluster/health send one request, print the JSON response
//	esgo search INDEX [QUERY]      search with a query string, print the hits
//	esgo bulk INDEX FILE           index a file of JSON documents, one per line
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
	"strings"
	"syscall"

	"github.com/spf13/cobra"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := newRoot().ExecuteContext(ctx)
	stop()
	if err != nil {
		msg := err.Error()
		if !strings.HasPrefix(msg, "esgo") {
			msg = "esgo: " + msg
		}
		fmt.Fprintln(os.Stderr, msg)
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
	root.AddCommand(newLocal(), newDemo(), newCall(), newSearch(), newBulk())
	return root
}
