package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/clusters"
	"github.com/spf13/cobra"
)

// connection holds the flags that say how to reach a cluster.
type connection struct {
	cluster                               string
	urls                                  []string
	user, password, apiKey, token, caFile string
	fingerprint                           string
	insecure, trace                       bool
}

// addConnectionFlags registers the connection flags on cmd. Flag defaults
// are empty on purpose: the environment is read when the client is built, so
// that --help never shows a secret taken from it.
func addConnectionFlags(cmd *cobra.Command) *connection {
	c := &connection{}
	f := cmd.Flags()
	f.StringVar(&c.cluster, "cluster", "", "named cluster from the clusters file (see esgo config; default $ESGO_CLUSTER, else the current one)")
	f.StringSliceVar(&c.urls, "url", nil, "cluster address(es) (default $ELASTICSEARCH_URL, else the current named cluster, else http://localhost:9200)")
	f.StringVar(&c.user, "user", "", "basic auth user (default $ELASTICSEARCH_USERNAME)")
	f.StringVar(&c.password, "password", "", "basic auth password (default $ELASTICSEARCH_PASSWORD; prefer the variable)")
	f.StringVar(&c.apiKey, "api-key", "", "encoded API key (default $ELASTICSEARCH_API_KEY)")
	f.StringVar(&c.token, "token", "", "bearer or service token (default $ELASTICSEARCH_TOKEN)")
	f.StringVar(&c.caFile, "ca", "", "PEM file of the CA to trust (default $ELASTICSEARCH_CA)")
	f.StringVar(&c.fingerprint, "fingerprint", "", "SHA-256 fingerprint of the server certificate to pin")
	f.BoolVar(&c.insecure, "insecure", false, "skip TLS verification (logged as a warning)")
	f.BoolVar(&c.trace, "trace", false, "write every request to stderr as a curl command (secrets redacted)")
	_ = cmd.RegisterFlagCompletionFunc("cluster", completeClusters)
	return c
}

// completeClusters completes --cluster with the names in the clusters file.
func completeClusters(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	path, err := clusters.DefaultPath()
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	cfg, err := clusters.Load(path)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return cfg.Names(), cobra.ShellCompDirectiveNoFileComp
}

// resolve decides how to reach the cluster. A cluster named by --cluster (or
// $ESGO_CLUSTER) comes from the clusters file; otherwise the ELASTICSEARCH_*
// variables when $ELASTICSEARCH_URL is set; otherwise the file's current
// cluster, if any. Flags given on the command line override each field.
func (c *connection) resolve() (clusters.Cluster, error) {
	var cl clusters.Cluster
	name := c.cluster
	if name == "" {
		name = os.Getenv("ESGO_CLUSTER")
	}
	switch {
	case name != "":
		path, err := clusters.DefaultPath()
		if err != nil {
			return cl, err
		}
		cfg, err := clusters.Load(path)
		if err != nil {
			return cl, err
		}
		if cl, err = cfg.Get(name); err != nil {
			return cl, fmt.Errorf("%w in %s (esgo config ls lists them)", err, path)
		}
	case os.Getenv("ELASTICSEARCH_URL") != "" || len(c.urls) > 0:
		cl = fromEnv()
	default:
		cl = fromEnv()
		if path, err := clusters.DefaultPath(); err == nil {
			if cfg, err := clusters.Load(path); err == nil {
				if cur, err := cfg.Get(""); err == nil {
					cl = cur
				}
			}
		}
	}
	if len(c.urls) > 0 {
		cl.URLs = c.urls
	}
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	if c.user != "" || c.password != "" || c.apiKey != "" || c.token != "" {
		cl.Username, cl.Password, cl.PasswordEnv = "", "", ""
		cl.APIKey, cl.APIKeyEnv, cl.Token, cl.TokenEnv = "", "", "", ""
		set(&cl.Username, c.user)
		set(&cl.Password, c.password)
		set(&cl.APIKey, c.apiKey)
		set(&cl.Token, c.token)
		if c.user != "" && c.password == "" {
			cl.Password = os.Getenv("ELASTICSEARCH_PASSWORD")
		}
	}
	set(&cl.CAFile, c.caFile)
	set(&cl.Fingerprint, c.fingerprint)
	if c.insecure {
		cl.Insecure = true
	}
	return cl, nil
}

// fromEnv reads the ELASTICSEARCH_* variables.
func fromEnv() clusters.Cluster {
	var cl clusters.Cluster
	if u := os.Getenv("ELASTICSEARCH_URL"); u != "" {
		cl.URLs = strings.Split(u, ",")
	}
	cl.Username = os.Getenv("ELASTICSEARCH_USERNAME")
	cl.Password = os.Getenv("ELASTICSEARCH_PASSWORD")
	cl.APIKey = os.Getenv("ELASTICSEARCH_API_KEY")
	cl.Token = os.Getenv("ELASTICSEARCH_TOKEN")
	cl.CAFile = os.Getenv("ELASTICSEARCH_CA")
	return cl
}

// client builds an esgo client from the flags, the environment and the
// clusters file.
func (c *connection) client(extra ...esgo.Option) (*esgo.Client, error) {
	cl, err := c.resolve()
	if err != nil {
		return nil, err
	}
	opts := cl.Options()
	if c.trace {
		opts = append(opts, esgo.WithTrace(os.Stderr))
	}
	return esgo.New(append(opts, extra...)...)
}
