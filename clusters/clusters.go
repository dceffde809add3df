// Package clusters is the one place that says how to reach a named
// cluster: it reads and writes the file of named clusters (in the manner of
// kubectl's contexts), reads the ELASTICSEARCH_* variables (FromEnv), and
// turns a Cluster into client options (Cluster.Options). Its users are thin:
// the esgo command (esgo config, --cluster; cmd/esgo/connect.go adds only
// its flags) and the DSL's registry of live connections
// (connections.Connections.LoadClusters, which configures one client per
// named cluster).
//
// The file is JSON, by default $ESGO_CONFIG, else clusters.json in the esgo
// folder of the user's configuration directory (~/.config/esgo/clusters.json
// on Linux):
//
//	{
//	  "current": "local",
//	  "clusters": {
//	    "local": {"urls": ["http://127.0.0.1:9200"]},
//	    "prod":  {"urls": ["https://es.example:9200"], "username": "elastic",
//	              "password_env": "PROD_ES_PASSWORD", "ca_file": "/etc/es/ca.crt"}
//	  }
//	}
//
// Secrets may be written in the file (it is saved with mode 0600) or, better,
// named by the environment variable that holds them (password_env, api_key_env,
// token_env). A Cluster never prints its secrets: String, GoString and LogValue
// redact them.
package clusters

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/esgo/esgo"
)

// ErrUnknown is returned (wrapped) for a cluster name the file does not hold.
var ErrUnknown = errors.New("clusters: no such cluster")

// Cluster is how to reach one cluster.
type Cluster struct {
	// URLs are the node addresses.
	URLs []string `json:"urls"`
	// Username and Password are basic auth credentials; PasswordEnv names
	// the environment variable holding the password instead.
	Username    string `json:"username,omitempty"`
	Password    string `json:"password,omitempty"`
	PasswordEnv string `json:"password_env,omitempty"`
	// APIKey is an encoded API key, or APIKeyEnv the variable holding one.
	APIKey    string `json:"api_key,omitempty"`
	APIKeyEnv string `json:"api_key_env,omitempty"`
	// Token is a bearer or service token, or TokenEnv the variable holding one.
	Token    string `json:"token,omitempty"`
	TokenEnv string `json:"token_env,omitempty"`
	// CAFile is a PEM file of the CA to trust.
	CAFile string `json:"ca_file,omitempty"`
	// Fingerprint is the hex SHA-256 of the server certificate to pin.
	Fingerprint string `json:"fingerprint,omitempty"`
	// Insecure skips TLS verification.
	Insecure bool `json:"insecure,omitempty"`
}

// Secrets returns the password, API key and token, each from the file or from
// the environment variable it names.
func (c Cluster) Secrets() (password, apiKey, token string) {
	pick := func(v, env string) string {
		if v == "" && env != "" {
			return os.Getenv(env)
		}
		return v
	}
	return pick(c.Password, c.PasswordEnv), pick(c.APIKey, c.APIKeyEnv), pick(c.Token, c.TokenEnv)
}

// Options returns the client options that reach the cluster.
func (c Cluster) Options() []esgo.Option {
	var opts []esgo.Option
	if len(c.URLs) > 0 {
		opts = append(opts, esgo.WithAddresses(c.URLs...))
	}
	password, apiKey, token := c.Secrets()
	switch {
	case apiKey != "":
		opts = append(opts, esgo.WithAPIKey(apiKey))
	case token != "":
		opts = append(opts, esgo.WithBearerToken(token))
	case c.Username != "":
		opts = append(opts, esgo.WithBasicAuth(c.Username, password))
	}
	if c.CAFile != "" {
		opts = append(opts, esgo.WithCAFile(c.CAFile))
	}
	if c.Fingerprint != "" {
		opts = append(opts, esgo.WithCertificateFingerprint(c.Fingerprint))
	}
	if c.Insecure {
		opts = append(opts, esgo.WithInsecureSkipVerify(true))
	}
	return opts
}

// Auth describes the credentials without revealing them: "none", "basic
// (elastic)", "api key" or "token".
func (c Cluster) Auth() string {
	password, apiKey, token := c.Secrets()
	switch {
	case apiKey != "" || c.APIKeyEnv != "":
		return "api key"
	case token != "" || c.TokenEnv != "":
		return "token"
	case c.Username != "":
		if password == "" {
			return "basic (" + c.Username + ", no password)"
		}
		return "basic (" + c.Username + ")"
	}
	return "none"
}

// String describes the cluster with its secrets redacted.
func (c Cluster) String() string {
	return fmt.Sprintf("%s auth=%s", strings.Join(c.URLs, ","), c.Auth())
}

// GoString is String, so %#v does not print secrets either.
func (c Cluster) GoString() string { return "clusters.Cluster{" + c.String() + "}" }

// LogValue logs the cluster with its secrets redacted.
func (c Cluster) LogValue() slog.Value {
	return slog.GroupValue(slog.String("urls", strings.Join(c.URLs, ",")), slog.String("auth", c.Auth()))
}

// FromEnv returns the cluster the ELASTICSEARCH_* variables describe:
// ELASTICSEARCH_URL (comma-separated), ELASTICSEARCH_USERNAME,
// ELASTICSEARCH_PASSWORD, ELASTICSEARCH_API_KEY, ELASTICSEARCH_TOKEN and
// ELASTICSEARCH_CA (a PEM file). The esgo command uses it when no cluster
// is named.
func FromEnv() Cluster {
	var cl Cluster
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

// Config is the content of the file.
type Config struct {
	// Current is the cluster used when none is named.
	Current string `json:"current,omitempty"`
	// Clusters maps names to clusters.
	Clusters map[string]Cluster `json:"clusters"`
}

// DefaultPath returns $ESGO_CONFIG, else clusters.json in the esgo folder of
// the user's configuration directory.
func DefaultPath() (string, error) {
	if p := os.Getenv("ESGO_CONFIG"); p != "" {
		return p, nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("clusters: %w", err)
	}
	return filepath.Join(dir, "esgo", "clusters.json"), nil
}

// Load reads the file at path; a missing file is an empty Config.
func Load(path string) (*Config, error) {
	cfg := &Config{Clusters: map[string]Cluster{}}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, nil
	}
	if err != nil {
		return nil, fmt.Errorf("clusters: %w", err)
	}
	if err := json.Unmarshal(b, cfg); err != nil {
		return nil, fmt.Errorf("clusters: %s: %w", path, err)
	}
	if cfg.Clusters == nil {
		cfg.Clusters = map[string]Cluster{}
	}
	return cfg, nil
}

// Save writes the file at path with mode 0600, atomically (a temporary file
// renamed over it), creating its folder.
func (c *Config) Save(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("clusters: %w", err)
	}
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return fmt.Errorf("clusters: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".clusters-*.json")
	if err != nil {
		return fmt.Errorf("clusters: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("clusters: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("clusters: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("clusters: %w", err)
	}
	return nil
}

// Get returns the cluster called name; "" means Current.
func (c *Config) Get(name string) (Cluster, error) {
	if name == "" {
		name = c.Current
	}
	cl, ok := c.Clusters[name]
	if !ok || name == "" {
		return Cluster{}, fmt.Errorf("%w: %q", ErrUnknown, name)
	}
	return cl, nil
}

// Names returns the cluster names, sorted.
func (c *Config) Names() []string { return slices.Sorted(maps.Keys(c.Clusters)) }
