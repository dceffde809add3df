package eslocal

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Product names a kind of search server.
type Product string

// The products eslocal can run.
const (
	Elasticsearch Product = "elasticsearch"
	OpenSearch    Product = "opensearch"
)

// Default versions.
const (
	DefaultElasticsearchVersion = "9.5.3"
	DefaultOpenSearchVersion    = "3.8.0"
	// Elasticsearch8Version is the 8.x release eslocal is tested with, the
	// one ES|QL (WithModules(ModuleESQL)) can be added to.
	Elasticsearch8Version = "8.19.21"
)

// Option configures Start.
type Option func(*config)

type config struct {
	product      Product
	version      string
	nodes        int
	heap         string
	security     bool
	password     string
	tls          bool
	serviceToken bool
	settings     map[string]string
	modules      []Module
	dir          string
	logger       *slog.Logger
	startTimeout time.Duration
	httpPort     int  // WithHTTPPort (persist.go)
	keepData     bool // WithKeepData (persist.go)
}

// WithProduct chooses Elasticsearch (the default) or OpenSearch.
func WithProduct(p Product) Option { return func(c *config) { c.product = p } }

// WithVersion sets the server version (default 9.5.3 for Elasticsearch, 3.8.0
// for OpenSearch). Elasticsearch 7 versions (7.10.2, the last under the
// Apache licence) run from the codelibs cluster runner on a JDK 11 to 23.
func WithVersion(v string) Option { return func(c *config) { c.version = v } }

// WithNodes sets how many nodes form the cluster (default 1).
func WithNodes(n int) Option { return func(c *config) { c.nodes = n } }

// WithHeap sets the JVM heap of each node, such as "512m" or "1g" (default
// "1g" for one node, "512m" each for several).
func WithHeap(h string) Option { return func(c *config) { c.heap = h } }

// WithSecurity turns Elasticsearch security on with basic auth for the user
// "elastic"; an empty password means a generated one. It is read from
// Cluster.Password.
func WithSecurity(password string) Option {
	return func(c *config) { c.security, c.password = true, password }
}

// WithTLS serves HTTPS with a certificate signed by a CA generated for this
// start (see Cluster.CACert and Cluster.Fingerprint). It implies WithSecurity.
func WithTLS() Option { return func(c *config) { c.tls, c.security = true, true } }

// WithServiceToken creates a service account token for elastic/fleet-server,
// usable as a bearer token (Cluster.ServiceToken). It implies WithSecurity.
func WithServiceToken() Option { return func(c *config) { c.serviceToken, c.security = true, true } }

// WithSetting adds a line to each node's configuration, such as
// WithSetting("thread_pool.write.queue_size", "1").
func WithSetting(key, value string) Option {
	return func(c *config) {
		if c.settings == nil {
			c.settings = map[string]string{}
		}
		c.settings[key] = value
	}
}

// WithDir sets the directory that holds the nodes' data, configuration and
// logs (default: a new temporary directory).
func WithDir(dir string) Option { return func(c *config) { c.dir = dir } }

// WithLogger logs progress to l.
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.logger = l } }

// WithStartTimeout bounds the wait for the cluster to become ready (default 4 minutes).
func WithStartTimeout(d time.Duration) Option { return func(c *config) { c.startTimeout = d } }

// Cluster is a running local cluster. Its methods are safe for concurrent use.
type Cluster struct {
	// Product and Version say what runs.
	Product Product
	Version string
	// Modules lists the modules added with WithModules.
	Modules []Module
	// URLs holds the HTTP address of every node.
	URLs []string
	// Username and Password are the basic auth credentials when security is on.
	Username, Password string
	// ServiceToken is a bearer token, when WithServiceToken was given.
	ServiceToken string
	// CACert is the PEM certificate of the CA that signed the HTTP
	// certificate, and CAFile a file holding it, when WithTLS was given.
	CACert []byte
	CAFile string
	// Fingerprint is the hex SHA-256 of the HTTP certificate, when WithTLS was given.
	Fingerprint string
	// Dir holds the nodes' folders (config, data, logs) and, for
	// Elasticsearch, the snapshot repository folder set as path.repo.
	Dir string

	cfg   config
	mu    sync.Mutex
	nodes []*node
	stop  sync.Once
	err   error
}

// node is one server process.
type node struct {
	dir     string
	cmd     *exec.Cmd
	done    chan struct{} // closed when the process has exited
	pidFile string        // the server's own pid file, if it writes one
	stdin   io.Closer     // kept open while the node runs (OpenSearch runner)
}

// URL returns the address of the first node.
func (c *Cluster) URL() string { return c.URLs[0] }

// Start fetches (once) and starts a local cluster and waits until it is ready.
// Cancelling ctx aborts the start; use Stop to stop the cluster.
func Start(ctx context.Context, opts ...Option) (*Cluster, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	// OpenSearch and Elasticsearch 7 run from codelibs runners (one JVM,
	// every OSS module); Elasticsearch 8 and later from the official zip.
	useRunner := cfg.useRunner()
	if useRunner && cfg.security {
		return nil, fmt.Errorf("eslocal: security, TLS and service tokens need Elasticsearch 8 or later, not %s %s", cfg.product, cfg.version)
	}
	if cfg.dir == "" {
		d, err := os.MkdirTemp("", "esgo-"+string(cfg.product)+"-")
		if err != nil {
			return nil, err
		}
		cfg.dir = d
	}
	if err := os.MkdirAll(cfg.dir, 0o755); err != nil {
		return nil, err
	}
	// The server user must be able to reach its folders.
	if err := os.Chmod(cfg.dir, 0o755); err != nil {
		return nil, err
	}
	c := &Cluster{Product: cfg.product, Version: cfg.version, Modules: normModules(cfg.modules), Dir: cfg.dir, cfg: cfg}
	ctx, cancel := context.WithTimeout(ctx, cfg.startTimeout)
	defer cancel()
	if useRunner {
		err = c.startRunner(ctx)
	} else {
		err = c.startElasticsearch(ctx)
	}
	if err == nil {
		err = c.waitReady(ctx)
	}
	if err != nil {
		logs := c.logHint()
		c.Stop()
		return nil, fmt.Errorf("eslocal: starting %s %s: %w%s", cfg.product, cfg.version, err, logs)
	}
	cfg.logger.Info("cluster ready", "product", cfg.product, "version", cfg.version, "modules", c.Modules, "urls", c.URLs)
	return c, nil
}

// Install downloads and prepares (once, into the cache) everything Start
// would need with the same options, without starting anything: the
// distribution or runner, and the modules of WithModules.
func Install(ctx context.Context, opts ...Option) error {
	cfg, err := newConfig(opts)
	if err != nil {
		return err
	}
	if cfg.useRunner() {
		_, err = install(ctx, runnerFor(cfg.product, cfg.version))
	} else {
		_, err = InstallElasticsearchModules(ctx, cfg.version, cfg.modules...)
	}
	if err != nil {
		return fmt.Errorf("eslocal: installing %s %s: %w", cfg.product, cfg.version, err)
	}
	return nil
}

// useRunner says whether the server runs from a codelibs runner.
func (cfg *config) useRunner() bool {
	return cfg.product == OpenSearch || strings.HasPrefix(cfg.version, "7.")
}

// newConfig applies opts to the defaults and checks the result.
func newConfig(opts []Option) (config, error) {
	cfg := config{product: Elasticsearch, nodes: 1, startTimeout: 4 * time.Minute}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.nodes < 1 {
		return cfg, fmt.Errorf("eslocal: WithNodes(%d): need at least one node", cfg.nodes)
	}
	if cfg.heap == "" {
		cfg.heap = "1g"
		if cfg.nodes > 1 {
			cfg.heap = "512m"
		}
	}
	if cfg.logger == nil {
		cfg.logger = slog.New(slog.DiscardHandler)
	}
	switch cfg.product {
	case Elasticsearch:
		if cfg.version == "" {
			cfg.version = DefaultElasticsearchVersion
		}
	case OpenSearch:
		if cfg.version == "" {
			cfg.version = DefaultOpenSearchVersion
		}
	default:
		return cfg, fmt.Errorf("eslocal: unknown product %q", cfg.product)
	}
	if err := checkModules(cfg.product, cfg.version, cfg.modules); err != nil {
		return cfg, fmt.Errorf("eslocal: %w", err)
	}
	return cfg, nil
}

// logHint names the log folder and quotes the last lines of the first
// node's console output.
func (c *Cluster) logHint() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.nodes) == 0 {
		return ""
	}
	b, _ := os.ReadFile(filepath.Join(c.nodes[0].dir, "logs", "console.log"))
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > 8 {
		lines = lines[len(lines)-8:]
	}
	return fmt.Sprintf(" (logs in %s; last lines:\n%s)", c.Dir, strings.Join(lines, "\n"))
}

// HTTPClient returns an http.Client that trusts the cluster's CA.
func (c *Cluster) HTTPClient() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	if len(c.CACert) > 0 {
		pool := x509.NewCertPool()
		pool.AppendCertsFromPEM(c.CACert)
		tr.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	}
	return &http.Client{Transport: tr, Timeout: 30 * time.Second}
}

// Get sends an authenticated GET to the first live node and returns the
// status and body; it is meant for checks in tests and tools.
func (c *Cluster) Get(ctx context.Context, path string) (int, []byte, error) {
	var lastErr error
	for _, u := range c.URLs {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u+path, nil)
		if err != nil {
			return 0, nil, err
		}
		if c.Password != "" {
			req.SetBasicAuth(c.Username, c.Password)
		}
		resp, err := c.HTTPClient().Do(req)
		if err != nil {
			lastErr = err
			continue
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp.StatusCode, b, err
	}
	return 0, nil, lastErr
}

// waitReady polls cluster health until every node has joined and the
// cluster is at least yellow, or a node process exits.
func (c *Cluster) waitReady(ctx context.Context) error {
	path := fmt.Sprintf("/_cluster/health?wait_for_nodes=%d&wait_for_status=yellow&timeout=1s", c.cfg.nodes)
	for {
		if i, exited := c.exitedNode(); exited {
			return fmt.Errorf("node %d exited while starting", i)
		}
		if len(c.URLs) > 0 {
			pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
			status, _, err := c.Get(pctx, path)
			cancel()
			if err == nil && status == http.StatusOK {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("not ready in time: %w", ctx.Err())
		case <-time.After(500 * time.Millisecond):
		}
	}
}

func (c *Cluster) exitedNode() (int, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, n := range c.nodes {
		select {
		case <-n.done:
			return i, true
		default:
		}
	}
	return 0, false
}

// Kill ends node i with SIGKILL, a real node failure, and returns once its
// launcher has exited and its server process is gone. The rest of the
// cluster keeps running.
func (c *Cluster) Kill(i int) error {
	c.mu.Lock()
	if i < 0 || i >= len(c.nodes) {
		c.mu.Unlock()
		return fmt.Errorf("eslocal: Kill(%d): the cluster has %d nodes", i, len(c.nodes))
	}
	n := c.nodes[i]
	c.mu.Unlock()
	n.signal(syscall.SIGKILL)
	deadline := time.After(30 * time.Second)
	select {
	case <-n.done:
	case <-deadline:
		return fmt.Errorf("eslocal: node %d did not exit after SIGKILL", i)
	}
	// A signal is delivered asynchronously: the server, which need not be
	// the launcher's child, can outlive the launcher by a moment.
	for n.serverPID() != 0 {
		select {
		case <-deadline:
			return fmt.Errorf("eslocal: node %d's server did not exit after SIGKILL", i)
		case <-time.After(20 * time.Millisecond):
		}
	}
	return nil
}

// Stop stops every node (SIGTERM, then SIGKILL after 30 s) and removes the
// data folders; logs are kept in Dir. It is safe to call more than once.
func (c *Cluster) Stop() error {
	c.stop.Do(func() {
		c.mu.Lock()
		nodes := c.nodes
		c.mu.Unlock()
		var wg sync.WaitGroup
		for _, n := range nodes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				n.signal(syscall.SIGTERM)
				if n.stdin != nil {
					n.stdin.Close()
				}
				select {
				case <-n.done:
				case <-time.After(30 * time.Second):
					n.signal(syscall.SIGKILL)
					<-n.done
				}
			}()
		}
		wg.Wait()
		for _, n := range nodes {
			if c.cfg.keepData {
				break
			}
			if err := os.RemoveAll(filepath.Join(n.dir, "data")); err != nil && c.err == nil {
				c.err = err
			}
		}
	})
	return c.err
}

// signal sends sig to the server process (by the pid it wrote, if any,
// once that pid is checked to still be this node's server) and to the
// process eslocal started while it runs; by process id, never by name.
func (n *node) signal(sig syscall.Signal) {
	if pid := n.serverPID(); pid > 1 {
		syscall.Kill(pid, sig)
	}
	if n.cmd.Process != nil {
		select {
		case <-n.done:
		default:
			n.cmd.Process.Signal(sig)
		}
	}
}

// serverPID returns the pid in the server's pid file if that process is
// still this node's server: a killed server leaves its pid file behind, and
// the pid may since belong to another process. The server's command line
// names the node's folder (its config path), which is checked on Linux;
// elsewhere the pid is trusted only while the launcher runs. 0 means none.
func (n *node) serverPID() int {
	if n.pidFile == "" {
		return 0
	}
	b, err := os.ReadFile(n.pidFile)
	if err != nil {
		return 0
	}
	var pid int
	if _, err := fmt.Sscan(strings.TrimSpace(string(b)), &pid); err != nil || pid <= 1 {
		return 0
	}
	if runtime.GOOS == "linux" {
		cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
		if err != nil || !bytes.Contains(cmdline, []byte(n.dir)) {
			return 0
		}
		return pid
	}
	select {
	case <-n.done:
		return 0
	default:
		return pid
	}
}

// start runs cmd as a node; the process is killed if this process dies.
func (n *node) start(cmd *exec.Cmd, uid, gid *uint32) error {
	if err := os.MkdirAll(filepath.Join(n.dir, "logs"), 0o755); err != nil {
		return err
	}
	out, err := os.Create(filepath.Join(n.dir, "logs", "console.log"))
	if err != nil {
		return err
	}
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if uid != nil {
		cmd.SysProcAttr.Credential = &syscall.Credential{Uid: *uid, Gid: *gid}
	}
	if err := cmd.Start(); err != nil {
		out.Close()
		return err
	}
	n.cmd = cmd
	n.done = make(chan struct{})
	go func() {
		cmd.Wait()
		out.Close()
		close(n.done)
	}()
	return nil
}

// freePort returns a TCP port on 127.0.0.1 that is free right now.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
