// Command esgo talks to Elasticsearch and runs local clusters.
//
//	esgo demo                          start a local server, index documents, search them
//	esgo local start|stop|status|logs|ls  run local Elasticsearch or OpenSearch servers
//	esgo bulk INDEX FILE               load NDJSON, a JSON array or CSV (gzip, stdin)
//	esgo export INDEX                  write every document as NDJSON, JSON or CSV
//	esgo copy SOURCE DEST              copy an index: settings, mappings, aliases, documents
//	esgo search INDEX [QUERY]          search with a query string
//	esgo esql 'FROM ...'               run an ES|QL query
//	esgo index ls|create|delete|mapping|settings|alias
//	esgo call GET /_cluster/health     send one request, print the response
//	esgo config add|use|ls|rm          named clusters, like kubectl contexts
//	esgo completion bash|zsh|fish      shell completion
//	esgo version                       the version, from the build information
//
// Commands that talk to a cluster take the global flags (before or after the
// command): --cluster NAME (a named cluster of the clusters file), --url
// (default $ELASTICSEARCH_URL, else the current named
// cluster, else http://localhost:9200) and credentials from --user/--password,
// --api-key or --token (or $ELASTICSEARCH_USERNAME, ..._PASSWORD, ..._API_KEY,
// ..._TOKEN).
//
// Exit codes, the same for every command: 0 success; 1 failure; 2 usage
// error (unknown command or flag, invalid value, wrong arguments: nothing was
// sent); 3 some documents failed (bulk, copy: the others were loaded and the
// failed ones reported); 130 interrupted (Ctrl-C).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
)

// Exit codes.
const (
	exitOK          = 0
	exitFailure     = 1
	exitUsage       = 2
	exitPartial     = 3
	exitInterrupted = 130
)

// exitError carries the exit code of an error.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usageError marks err as a usage error (exit code 2).
func usageError(cmd *cobra.Command, err error) error {
	return &exitError{code: exitUsage, err: fmt.Errorf("%s: %w\nUsage: %s\nRun '%s --help' for more", cmd.CommandPath(), err, cmd.UseLine(), cmd.CommandPath())}
}

// exitCode returns the exit code for err.
func exitCode(err error) int {
	var ee *exitError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ee):
		return ee.code
	case errors.Is(err, context.Canceled):
		return exitInterrupted
	}
	return exitFailure
}

// version is set with -ldflags "-X main.version=v1.2.3"; otherwise it comes
// from the build information.
var version = ""

func buildVersion() string {
	if version != "" {
		return version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown (no build information)"
	}
	v := bi.Main.Version
	if v == "" || v == "(devel)" {
		v = "built from source"
	}
	var rev, at, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = ", modified"
			}
		}
	}
	if rev != "" {
		v += fmt.Sprintf(" (commit %.12s, %s%s)", rev, at, dirty)
	}
	return v + ", " + bi.GoVersion
}

// newVersion is esgo version.
func newVersion() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print esgo's version (module version or commit, from the build information)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintln(cmd.OutOrStdout(), "esgo", buildVersion())
			return err
		},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := newRoot().ExecuteContext(ctx)
	stop()
	os.Exit(report(os.Stderr, err))
}

// report prints err (if any) and returns the exit code.
func report(w io.Writer, err error) int {
	if err == nil {
		return exitOK
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "esgo") {
		msg = "esgo: " + msg
	}
	fmt.Fprintln(w, msg)
	return exitCode(err)
}

func newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:   "esgo",
		Short: "Talk to Elasticsearch and run local clusters",
		Long: "esgo loads, exports, searches and queries Elasticsearch (and OpenSearch), and runs\n" +
			"real local servers without Docker.\n\n" +
			"The global flags (--cluster, --url, credentials, --timeout, --trace, -v) go before or\n" +
			"after the command. -o is always the output format, -O the output file.\n\n" +
			"Exit codes, the same for every command: 0 success; 1 failure (the request failed,\n" +
			"the cluster is unreachable, an ES|QL query with --strict produced warnings); 2 usage\n" +
			"error (unknown command or flag, invalid value, wrong arguments: nothing was sent);\n" +
			"3 partial (bulk: some documents failed, the others were loaded); 130 interrupted.",
		Version:       buildVersion(),
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
	}
	addGlobalFlags(root)
	root.SetVersionTemplate("esgo {{.Version}}\n")
	root.AddCommand(newLocal(), newDemo(), newCall(), newSearch(), newBulk(), newExport(),
		newESQL(), newIndex(), newConfig(), newVersion(), newCopy())
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error { return usageError(cmd, err) })
	root.InitDefaultCompletionCmd()
	wrapArgs(root)
	return root
}

// wrapArgs makes every argument check of the tree a usage error, and makes
// the command groups (esgo, esgo local, ...) print their help when run alone
// and fail with a usage error on an unknown subcommand.
func wrapArgs(cmd *cobra.Command) {
	if !cmd.Runnable() {
		if cmd.Args == nil {
			cmd.Args = cobra.NoArgs
		}
		cmd.RunE = func(c *cobra.Command, _ []string) error { return c.Help() }
	}
	if check := cmd.Args; check != nil {
		cmd.Args = func(c *cobra.Command, args []string) error {
			if err := check(c, args); err != nil {
				return usageError(c, err)
			}
			return nil
		}
	}
	for _, sub := range cmd.Commands() {
		wrapArgs(sub)
	}
}
