package main

import (
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/esgo/esgo/eslocal"
	"github.com/spf13/cobra"
)

func newLocal() *cobra.Command {
	local := &cobra.Command{Use: "local", Short: "Run real Elasticsearch or OpenSearch servers on this machine"}

	var (
		opensearch, tls bool
		nodes           int
		version, heap   string
		settings        map[string]string
	)
	start := &cobra.Command{
		Use:   "start",
		Short: "Start a local cluster and keep it running until interrupted (Ctrl-C)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts := []eslocal.Option{eslocal.WithNodes(nodes), eslocal.WithLogger(slog.New(slog.NewTextHandler(os.Stderr, nil)))}
			if opensearch {
				opts = append(opts, eslocal.WithProduct(eslocal.OpenSearch))
			}
			if tls {
				opts = append(opts, eslocal.WithTLS(), eslocal.WithServiceToken())
			}
			if version != "" {
				opts = append(opts, eslocal.WithVersion(version))
			}
			if heap != "" {
				opts = append(opts, eslocal.WithHeap(heap))
			}
			for k, v := range settings {
				opts = append(opts, eslocal.WithSetting(k, v))
			}
			began := time.Now()
			c, err := eslocal.Start(cmd.Context(), opts...)
			if err != nil {
				return err
			}
			defer c.Stop()
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "%s %s ready in %s; stop with Ctrl-C. Logs: %s\n", c.Product, c.Version, time.Since(began).Round(time.Second), c.Dir)
			fmt.Fprintf(out, "export ELASTICSEARCH_URL=%s\n", c.URL())
			if c.Password != "" {
				fmt.Fprintf(out, "export ELASTICSEARCH_USERNAME=%s ELASTICSEARCH_PASSWORD=%s\n", c.Username, c.Password)
			}
			if c.ServiceToken != "" {
				fmt.Fprintf(out, "export ELASTICSEARCH_TOKEN=%s\n", c.ServiceToken)
			}
			if c.CAFile != "" {
				fmt.Fprintf(out, "export ELASTICSEARCH_CA=%s  # certificate fingerprint (SHA-256): %s\n", c.CAFile, c.Fingerprint)
			}
			<-cmd.Context().Done()
			fmt.Fprintln(out, "stopping")
			return nil
		},
	}
	start.Flags().BoolVar(&opensearch, "opensearch", false, "run OpenSearch instead of Elasticsearch")
	start.Flags().BoolVar(&tls, "tls", false, "turn security on: HTTPS with a generated CA, basic auth, a service token")
	start.Flags().IntVar(&nodes, "nodes", 1, "number of nodes")
	start.Flags().StringVar(&version, "version", "", "server version (default 9.5.3, or 3.8.0 for OpenSearch)")
	start.Flags().StringVar(&heap, "heap", "", "JVM heap per node, such as 512m (default 1g for one node, 512m each for more)")
	start.Flags().StringToStringVar(&settings, "setting", nil, "extra node setting, such as thread_pool.write.queue_size=1 (repeatable)")

	install := &cobra.Command{
		Use:   "install",
		Short: "Download and unpack Elasticsearch and OpenSearch ahead of time",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			home, err := eslocal.InstallElasticsearch(cmd.Context(), eslocal.DefaultElasticsearchVersion)
			if err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), "elasticsearch:", home)
			lib, err := eslocal.InstallOpenSearch(cmd.Context(), eslocal.DefaultOpenSearchVersion)
			if err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), "opensearch:", lib)
			java, err := eslocal.FindJava()
			if err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), "java:", java)
			return nil
		},
	}
	local.AddCommand(start, install)
	return local
}
