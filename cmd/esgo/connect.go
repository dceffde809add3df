package main

import (
	"os"

	"github.com/esgo/esgo"
	"github.com/spf13/cobra"
)

// connection holds the flags that say how to reach a cluster.
type connection struct {
	urls                                  []string
	user, password, apiKey, token, caFile string
	fingerprint                           string
	insecure, trace                       bool
}

// addConnectionFlags registers the connection flags on cmd.
func addConnectionFlags(cmd *cobra.Command) *connection {
	c := &connection{}
	f := cmd.Flags()
	f.StringSliceVar(&c.urls, "url", nil, "cluster address(es) (default $ELASTICSEARCH_URL, else http://localhost:9200)")
	f.StringVar(&c.user, "user", os.Getenv("ELASTICSEARCH_USERNAME"), "basic auth user ($ELASTICSEARCH_USERNAME)")
	// Secrets get no default here: help text shows defaults. The
	// environment is read when the client is built.
	f.StringVar(&c.password, "password", "", "basic auth password ($ELASTICSEARCH_PASSWORD)")
	f.StringVar(&c.apiKey, "api-key", "", "encoded API key ($ELASTICSEARCH_API_KEY)")
	f.StringVar(&c.token, "token", "", "bearer or service token ($ELASTICSEARCH_TOKEN)")
	f.StringVar(&c.caFile, "ca", os.Getenv("ELASTICSEARCH_CA"), "PEM file of the CA to trust ($ELASTICSEARCH_CA)")
	f.StringVar(&c.fingerprint, "fingerprint", "", "SHA-256 fingerprint of the server certificate to pin")
	f.BoolVar(&c.insecure, "insecure", false, "skip TLS verification (logged as a warning)")
	f.BoolVar(&c.trace, "trace", false, "write every request to stderr as a curl command (secrets redacted)")
	return c
}

// client builds an esgo client from the flags.
func (c *connection) client() (*esgo.Client, error) {
	for _, f := range []struct {
		v   *string
		env string
	}{{&c.password, "ELASTICSEARCH_PASSWORD"}, {&c.apiKey, "ELASTICSEARCH_API_KEY"}, {&c.token, "ELASTICSEARCH_TOKEN"}} {
		if *f.v == "" {
			*f.v = os.Getenv(f.env)
		}
	}
	var opts []esgo.Option
	if len(c.urls) > 0 {
		opts = append(opts, esgo.WithAddresses(c.urls...))
	}
	switch {
	case c.apiKey != "":
		opts = append(opts, esgo.WithAPIKey(c.apiKey))
	case c.token != "":
		opts = append(opts, esgo.WithBearerToken(c.token))
	case c.user != "":
		opts = append(opts, esgo.WithBasicAuth(c.user, c.password))
	}
	if c.caFile != "" {
		opts = append(opts, esgo.WithCAFile(c.caFile))
	}
	if c.fingerprint != "" {
		opts = append(opts, esgo.WithCertificateFingerprint(c.fingerprint))
	}
	if c.insecure {
		opts = append(opts, esgo.WithInsecureSkipVerify(true))
	}
	if c.trace {
		opts = append(opts, esgo.WithTrace(os.Stderr))
	}
	return esgo.New(opts...)
}
