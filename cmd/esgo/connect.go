package main

import (
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/clusters"
	"github.com/esgo/esgo/transport"
	"github.com/spf13/cobra"
)

// connection reads the global flags that say how to reach a cluster, as
// given to the command that runs (before or after its name).
type connection struct {
	cmd *cobra.Command

	cluster                               string
	urls                                  []string
	user, password, apiKey, token, caFile string
	fingerprint                           string
	insecure, trace, verbose              bool
	timeout                               time.Duration
}

// addGlobalFlags registers the connection flags on root, for every
// command: they may come before or after the subcommand. Flag defaults are
// empty on purpose: the environment is read when the client is built, so
// that --help never shows a secret taken from it.
func addGlobalFlags(root *cobra.Command) {
	f := root.PersistentFlags()
	f.String("cluster", "", "named cluster from the clusters file (see esgo config; default $ESGO_CLUSTER, else the current one)")
	f.StringSlice("url", nil, "cluster address(es) (default $ELASTICSEARCH_URL, else the current named cluster, else http://localhost:9200)")
	f.String("user", "", "basic auth user (default $ELASTICSEARCH_USERNAME)")
	f.String("password", "", "basic auth password (default $ELASTICSEARCH_PASSWORD; prefer the variable)")
	f.String("api-key", "", "encoded API key (default $ELASTICSEARCH_API_KEY)")
	f.String("token", "", "bearer or service token (default $ELASTICSEARCH_TOKEN)")
	f.String("ca", "", "PEM file of the CA to trust (default $ELASTICSEARCH_CA)")
	f.String("fingerprint", "", "SHA-256 fingerprint of the server certificate to pin")
	f.Bool("insecure", false, "skip TLS verification (logged as a warning)")
	f.Bool("trace", false, "write every request to stderr as a curl command (secrets redacted)")
	f.Duration("timeout", 0, "time limit of each request, retries included (default 30s)")
	f.BoolP("verbose", "v", false, "log the client's decisions (retries, dead nodes) to stderr")
	_ = root.RegisterFlagCompletionFunc("cluster", completeClusters)
}

// addConnectionFlags returns the connection of cmd; the flags themselves
// are the global ones (addGlobalFlags).
func addConnectionFlags(cmd *cobra.Command) *connection { return &connection{cmd: cmd} }

// load reads the flags of the command as parsed.
func (c *connection) load() {
	if c.cmd == nil {
		return
	}
	f := c.cmd.Flags()
	c.cluster, _ = f.GetString("cluster")
	c.urls, _ = f.GetStringSlice("url")
	c.user, _ = f.GetString("user")
	c.password, _ = f.GetString("password")
	c.apiKey, _ = f.GetString("api-key")
	c.token, _ = f.GetString("token")
	c.caFile, _ = f.GetString("ca")
	c.fingerprint, _ = f.GetString("fingerprint")
	c.insecure, _ = f.GetBool("insecure")
	c.trace, _ = f.GetBool("trace")
	c.verbose, _ = f.GetBool("verbose")
	c.timeout, _ = f.GetDuration("timeout")
}

// hintArgs are the connection flags given on the command line that a
// printed command must repeat: never a secret, and URLs without their
// credentials.
func (c *connection) hintArgs() []string {
	c.load()
	var args []string
	if c.cluster != "" {
		args = append(args, "--cluster", c.cluster)
	}
	if len(c.urls) > 0 {
		urls := make([]string, len(c.urls))
		for i, u := range c.urls {
			urls[i] = redactURL(u)
		}
		args = append(args, "--url", strings.Join(urls, ","))
	}
	if c.user != "" {
		args = append(args, "--user", c.user)
	}
	if c.caFile != "" {
		args = append(args, "--ca", c.caFile)
	}
	if c.insecure {
		args = append(args, "--insecure")
	}
	return args
}

// redactURL hides the password of a URL's user information.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// sameHosts reports whether every URL of a names a host (and port) of b.
func sameHosts(a, b []string) bool {
	host := func(s string) string {
		u, err := url.Parse(s)
		if err != nil || u.Host == "" {
			return s
		}
		return strings.ToLower(u.Scheme + "://" + u.Host)
	}
	for _, x := range a {
		found := false
		for _, y := range b {
			if host(x) == host(y) {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
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
	c.load()
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
		if len(c.urls) > 0 && !sameHosts(c.urls, cl.URLs) && cl.Auth() != "none" {
			// The named cluster's credentials are for its own nodes only.
			fmt.Fprintf(c.errOut(), "esgo: warning: --url %s is not an address of cluster %q: its credentials are not sent there\n",
				strings.Join(redactAll(c.urls), ","), name)
			cl.Username, cl.Password, cl.PasswordEnv = "", "", ""
			cl.APIKey, cl.APIKeyEnv, cl.Token, cl.TokenEnv = "", "", "", ""
		}
	case os.Getenv("ELASTICSEARCH_URL") != "" || len(c.urls) > 0:
		cl = clusters.FromEnv()
	default:
		cl = clusters.FromEnv()
		if path, err := clusters.DefaultPath(); err == nil {
			if cfg, err := clusters.Load(path); err == nil {
				if cur, err := cfg.Get(""); err == nil {
					env := cl
					cl = cur
					// The ELASTICSEARCH_* credentials win over the current
					// cluster's (say, the one esgo local start made current).
					if env.Username != "" || env.Password != "" || env.APIKey != "" || env.Token != "" {
						cl.Username, cl.Password, cl.PasswordEnv = env.Username, env.Password, ""
						cl.APIKey, cl.APIKeyEnv, cl.Token, cl.TokenEnv = env.APIKey, "", env.Token, ""
					}
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

// client builds an esgo client from the flags, the environment and the
// clusters file.
func (c *connection) client(extra ...esgo.Option) (*esgo.Client, error) {
	cl, err := c.resolve()
	if err != nil {
		return nil, err
	}
	if c.timeout < 0 {
		return nil, &exitError{code: exitUsage, err: fmt.Errorf("--timeout must be 0 or more, not %s", c.timeout)}
	}
	// No detection of the server (GET /, GET /_nodes/_local) before the
	// first request: a command sends only the requests it needs.
	opts := append(cl.Options(), transport.WithServerDetection(false))
	if c.trace {
		opts = append(opts, esgo.WithTrace(c.errOut()))
	}
	if c.timeout > 0 {
		opts = append(opts, esgo.WithRequestTimeout(c.timeout))
	}
	if c.verbose {
		opts = append(opts, esgo.WithLogger(slog.New(slog.NewTextHandler(c.errOut(), &slog.HandlerOptions{Level: slog.LevelDebug}))))
	}
	return esgo.New(append(opts, extra...)...)
}

// errOut is where warnings go.
func (c *connection) errOut() io.Writer {
	if c.cmd != nil {
		return c.cmd.ErrOrStderr()
	}
	return os.Stderr
}

// redactAll redacts each URL.
func redactAll(urls []string) []string {
	out := make([]string, len(urls))
	for i, u := range urls {
		out[i] = redactURL(u)
	}
	return out
}
