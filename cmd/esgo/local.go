package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/clusters"
	"github.com/esgo/esgo/eslocal"
	"github.com/spf13/cobra"
)

const localHelp = `Run real search servers on this machine, without Docker: downloaded once from Maven
Central, started as background processes that outlive the command, each with a
name (--name, default "default"), a persistent data directory and a state file
under $ESGO_LOCAL_DIR (default ~/.local/share/esgo/local/NAME, or
/var/lib/esgo/local/NAME for root, whose home the server's user cannot enter).

What each server is, and what it lacks:

  elasticsearch 9.5.3 (the default)
      The official integ-test zip. It lacks analysis-common (the english and other
      language analyzers, custom filters such as pattern_capture), mapper-extras
      (scaled_float, rank_feature, search_as_you_type, token_count), painless
      scripts, reindex (_reindex, _update_by_query, _delete_by_query), rest-root
      (GET / and HEAD / answer 405), ingest processors, data streams and ES|QL.
      Security and TLS work (--tls).
  elasticsearch 8.19.21 (--version 8.19.21)
      The same zip of the 8.x line, so the same gaps, but esgo adds the ES|QL
      module to it: use it for esgo esql. Never send CATEGORIZE or CHANGE_POINT
      (they need machine learning, which is absent, and kill the node).
  opensearch 3.8.0 (--product opensearch)
      Every module: analysis-common, painless, reindex and by-query APIs,
      mapper-extras, ingest. No ES|QL, no security (--tls), no X-Elastic-Product
      header; it chooses its own HTTP port from 9201 up.
  elasticsearch 7.10.2 (--version 7.10.2)
      The last Apache-licensed release, every OSS module. No ES|QL, no security,
      no compatibility headers; needs a JDK 11 to 23; port from 9201 up.

A program that uses the english analyzer or scaled_float fails on the default
server: start OpenSearch or Elasticsearch 7.10.2 for those.`

// localRoot is the folder of the named local clusters.
func localRoot() (string, error) {
	if d := os.Getenv("ESGO_LOCAL_DIR"); d != "" {
		return d, nil
	}
	if os.Geteuid() == 0 {
		// Elasticsearch runs as an unprivileged user (eslocal creates one),
		// which cannot enter root's home.
		return "/var/lib/esgo/local", nil
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "esgo", "local"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".local", "share", "esgo", "local"), nil
}

// localState is the state file of a running local cluster.
type localState struct {
	Name        string          `json:"name"`
	PID         int             `json:"pid"`
	Product     eslocal.Product `json:"product"`
	Version     string          `json:"version"`
	URLs        []string        `json:"urls"`
	Dir         string          `json:"dir"`
	Username    string          `json:"username,omitempty"`
	Password    string          `json:"password,omitempty"`
	CAFile      string          `json:"ca_file,omitempty"`
	Fingerprint string          `json:"fingerprint,omitempty"`
	Started     time.Time       `json:"started"`
}

// writeState writes the state file atomically, readable by its owner only
// (it may hold the password).
func writeState(dir string, st *localState) error {
	b, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	tmp := statePath(dir) + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, statePath(dir))
}

func statePath(dir string) string { return filepath.Join(dir, "state.json") }

func readState(dir string) (*localState, error) {
	b, err := os.ReadFile(statePath(dir))
	if err != nil {
		return nil, err
	}
	var st localState
	if err := json.Unmarshal(b, &st); err != nil {
		return nil, fmt.Errorf("%s: %w", statePath(dir), err)
	}
	return &st, nil
}

// serving reports whether something listens at the cluster's first
// address: the supervisor may run while its server was killed.
func (st *localState) serving() bool {
	if len(st.URLs) == 0 {
		return false
	}
	u, err := url.Parse(st.URLs[0])
	if err != nil || u.Host == "" {
		return false
	}
	c, err := net.DialTimeout("tcp", u.Host, time.Second)
	if err != nil {
		return false
	}
	c.Close()
	return true
}

// port is the port of the cluster's first address, 0 when unknown.
func (st *localState) port() int {
	if len(st.URLs) == 0 {
		return 0
	}
	u, err := url.Parse(st.URLs[0])
	if err != nil {
		return 0
	}
	p, _ := strconv.Atoi(u.Port())
	return p
}

// stopStale stops the supervisor of a cluster whose server does not
// answer (killed with kill -9, say), so that a new start can begin.
func stopStale(st *localState) {
	if st.alive() && !st.serving() {
		syscall.Kill(st.PID, syscall.SIGTERM)
		deadline := time.Now().Add(30 * time.Second)
		for st.alive() && time.Now().Before(deadline) {
			time.Sleep(100 * time.Millisecond)
		}
		if st.alive() {
			syscall.Kill(st.PID, syscall.SIGKILL)
		}
	}
}

// alive reports whether the supervisor process of st still runs: the pid
// exists and its command line names the cluster's folder (a reused pid does
// not).
func (st *localState) alive() bool {
	if st.PID <= 0 || syscall.Kill(st.PID, 0) != nil {
		return false
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", st.PID))
	if err != nil {
		return true // no /proc: trust the pid
	}
	if stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", st.PID)); err == nil {
		if f := strings.Fields(string(stat)); len(f) > 2 && f[2] == "Z" {
			return false
		}
	}
	return strings.Contains(string(b), st.Dir)
}

// localOptions are the flags of esgo local start.
type localOptions struct {
	name, product, version, heap string
	opensearch, tls, foreground  bool
	nodes, port                  int
	settings                     map[string]string
	stateDir                     string // set in the detached child
	portGiven                    bool   // --port was on the command line
}

// heapSize is a JVM heap size such as 512m or 2g.
var heapSize = regexp.MustCompile(`^[1-9][0-9]*[kKmMgG]$`)

// clusterName is a local cluster's name: a folder name and a flag value.
var clusterName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)

// checkLocalOptions refuses values the start would trip on later.
func checkLocalOptions(o *localOptions) error {
	switch {
	case !clusterName.MatchString(o.name):
		return fmt.Errorf("--name must be letters, digits, '.', '_' or '-', not %q", o.name)
	case o.nodes < 1 || o.nodes > 9:
		return fmt.Errorf("--nodes must be from 1 to 9, not %d", o.nodes)
	case o.port < 0 || o.port > 65535:
		return fmt.Errorf("--port must be from 0 (any free port) to 65535, not %d", o.port)
	case o.heap != "" && !heapSize.MatchString(o.heap):
		return fmt.Errorf("--heap must be a size such as 512m or 2g, not %q", o.heap)
	}
	return nil
}

func newLocal() *cobra.Command {
	local := &cobra.Command{
		Use:   "local",
		Short: "Run real Elasticsearch or OpenSearch servers on this machine (start, stop, status, logs, ls)",
		Long:  localHelp,
		Args:  cobra.NoArgs,
	}
	var o localOptions
	start := &cobra.Command{
		Use:   "start",
		Short: "Start a local cluster in the background (Elasticsearch 9.5.3 unless told otherwise)",
		Long: localHelp + `

start runs the cluster in the background and returns once it is ready. Elasticsearch
8 and later keep their data across stop and start (the codelibs runners of
OpenSearch and 7.10.2 manage their own folders). The first node listens on port 9200 when that port is
free (Elasticsearch 8 and later). The cluster is saved as the named cluster
"local" (or "local-NAME") of the clusters file, so other commands reach it with
--cluster local; it becomes the current cluster when there is none.
--foreground runs it until Ctrl-C instead.`,
		Example: "  esgo local start\n  esgo local start --version 8.19.21 --name esql\n  esgo local start --product opensearch --name os\n  esgo local stop",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkLocalOptions(&o); err != nil {
				return usageError(cmd, err)
			}
			o.portGiven = cmd.Flags().Changed("port")
			if o.opensearch {
				o.product = string(eslocal.OpenSearch)
			}
			switch eslocal.Product(o.product) {
			case eslocal.Elasticsearch, eslocal.OpenSearch:
			default:
				return usageError(cmd, fmt.Errorf("--product must be elasticsearch or opensearch, not %q", o.product))
			}
			if o.stateDir != "" || o.foreground {
				return runLocal(cmd.Context(), cmd.OutOrStdout(), cmd.ErrOrStderr(), o)
			}
			return startDetached(cmd.Context(), cmd.OutOrStdout(), o)
		},
	}
	sf := start.Flags()
	sf.StringVar(&o.name, "name", "default", "name of the local cluster (several can run at once)")
	sf.StringVar(&o.product, "product", "elasticsearch", "elasticsearch or opensearch")
	sf.BoolVar(&o.opensearch, "opensearch", false, "run OpenSearch (same as --product opensearch)")
	sf.StringVar(&o.version, "version", "", "server version: 9.5.3 (default), 8.19.21 (with ES|QL) or 7.10.2; 3.8.0 for OpenSearch")
	sf.BoolVar(&o.tls, "tls", false, "turn security on: HTTPS with a generated CA, basic auth (Elasticsearch 8+)")
	sf.IntVar(&o.nodes, "nodes", 1, "number of nodes")
	sf.IntVar(&o.port, "port", 9200, "HTTP port of the first node if free, else any free port (Elasticsearch 8+)")
	sf.StringVar(&o.heap, "heap", "", "JVM heap per node, such as 512m (default 1g for one node, 512m each for more)")
	sf.StringToStringVar(&o.settings, "setting", nil, "extra node setting, such as thread_pool.write.queue_size=1 (repeatable)")
	sf.BoolVar(&o.foreground, "foreground", false, "run in the foreground until Ctrl-C")
	sf.StringVar(&o.stateDir, "state-dir", "", "internal: the folder of a detached start")
	_ = sf.MarkHidden("state-dir")
	_ = start.RegisterFlagCompletionFunc("product", cobra.FixedCompletions([]string{"elasticsearch", "opensearch"}, cobra.ShellCompDirectiveNoFileComp))
	_ = start.RegisterFlagCompletionFunc("version", cobra.FixedCompletions([]string{"9.5.3", "8.19.21", "7.10.2", "3.8.0"}, cobra.ShellCompDirectiveNoFileComp))

	var name string
	var deleteData bool
	stop := &cobra.Command{
		Use:   "stop",
		Short: "Stop a local cluster (its data is kept unless --delete)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return stopLocal(cmd.OutOrStdout(), name, deleteData)
		},
	}
	stop.Flags().StringVar(&name, "name", "default", "name of the local cluster")
	stop.Flags().BoolVar(&deleteData, "delete", false, "also delete its data directory")
	status := &cobra.Command{
		Use:   "status",
		Short: "Say whether a local cluster runs, where, and its health (exit code 1 when it does not run)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return statusLocal(cmd.Context(), cmd.OutOrStdout(), name)
		},
	}
	status.Flags().StringVar(&name, "name", "default", "name of the local cluster")
	var lines int
	var follow bool
	logs := &cobra.Command{
		Use:   "logs",
		Short: "Print the server log of a local cluster (-f to follow)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if lines < 0 {
				return usageError(cmd, fmt.Errorf("--lines must be 0 or more, not %d", lines))
			}
			return logsLocal(cmd.Context(), cmd.OutOrStdout(), name, lines, follow)
		},
	}
	logs.Flags().StringVar(&name, "name", "default", "name of the local cluster")
	logs.Flags().IntVarP(&lines, "lines", "n", 40, "number of lines from the end")
	logs.Flags().BoolVarP(&follow, "follow", "f", false, "keep printing new lines until Ctrl-C")
	var lsOut *listing
	ls := &cobra.Command{
		Use:   "ls",
		Short: "List the local clusters, running or stopped",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := lsOut.check(cmd); err != nil {
				return err
			}
			return lsLocal(cmd.OutOrStdout(), lsOut)
		},
	}
	lsOut = addListing(ls)

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
	local.AddCommand(start, stop, status, logs, ls, install)
	return local
}

// clusterDir returns the folder of the local cluster name.
func clusterDir(name string) (string, error) {
	if name == "" || strings.ContainsAny(name, `/\`) || name == "." || name == ".." {
		return "", fmt.Errorf("bad cluster name %q", name)
	}
	root, err := localRoot()
	if err != nil {
		return "", err
	}
	return filepath.Join(root, name), nil
}

// startDetached starts this program again as the cluster's supervisor, in a
// session of its own, and waits until it reports the cluster ready.
func startDetached(ctx context.Context, out io.Writer, o localOptions) error {
	dir, err := clusterDir(o.name)
	if err != nil {
		return err
	}
	if st, err := readState(dir); err == nil {
		stopStale(st)
		if st.alive() {
			return fmt.Errorf("local cluster %q already runs at %s (pid %d); stop it with esgo local stop --name %s", o.name, strings.Join(st.URLs, ","), st.PID, o.name)
		}
		if p := st.port(); !o.portGiven && p > 0 {
			o.port = p // the same address as before, so a saved ELASTICSEARCH_URL stays right
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	os.Remove(statePath(dir))
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	args := []string{"local", "start", "--state-dir", dir, "--name", o.name, "--product", o.product,
		"--nodes", strconv.Itoa(o.nodes), "--port", strconv.Itoa(o.port)}
	if o.version != "" {
		args = append(args, "--version", o.version)
	}
	if o.heap != "" {
		args = append(args, "--heap", o.heap)
	}
	if o.tls {
		args = append(args, "--tls")
	}
	for k, v := range o.settings {
		args = append(args, "--setting", k+"="+v)
	}
	// A log per attempt: the previous one is kept as esgo.log.1.
	logPath := filepath.Join(dir, "esgo.log")
	if _, err := os.Stat(logPath); err == nil {
		os.Rename(logPath, logPath+".1")
	}
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	defer logFile.Close()
	child := exec.Command(exe, args...)
	child.Stdout, child.Stderr = logFile, logFile
	child.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	product, version := o.product, o.version
	if version == "" {
		version = "(default version)"
	}
	fmt.Fprintf(out, "Starting %s %s as local cluster %q (the first run downloads it)...\n", product, version, o.name)
	began := time.Now()
	if err := child.Start(); err != nil {
		return err
	}
	exited := make(chan error, 1)
	go func() { exited <- child.Wait() }()
	tick := time.NewTicker(300 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-exited:
			return fmt.Errorf("local cluster %q did not start (%v); its log %s ends with:\n%s", o.name, err, logPath, tail(logPath, 15))
		case <-ctx.Done():
			child.Process.Signal(syscall.SIGTERM)
			<-exited
			return ctx.Err()
		case <-tick.C:
		}
		st, err := readState(dir)
		if err != nil || st.PID != child.Process.Pid {
			continue
		}
		fmt.Fprintf(out, "%s %s is up at %s in %s (pid %d; data in %s).\n", st.Product, st.Version,
			strings.Join(st.URLs, ","), time.Since(began).Round(time.Second), st.PID, st.Dir)
		if name, err := saveLocalCluster(st); err == nil {
			fmt.Fprintf(out, "Saved as the named cluster %q: esgo --cluster %s ..., or export ELASTICSEARCH_URL=%s\n", name, name, st.URLs[0])
		} else {
			fmt.Fprintf(out, "export ELASTICSEARCH_URL=%s  (could not save the named cluster: %v)\n", st.URLs[0], err)
		}
		fmt.Fprintf(out, "Stop it with: esgo local stop%s\n", nameFlag(o.name))
		return nil
	}
}

func nameFlag(name string) string {
	if name == "default" {
		return ""
	}
	return " --name " + name
}

// saveLocalCluster records the cluster in the clusters file as "local" (or
// "local-NAME"), the current cluster when there is none.
func saveLocalCluster(st *localState) (string, error) {
	name := "local"
	if st.Name != "default" {
		name = "local-" + st.Name
	}
	path, err := clusters.DefaultPath()
	if err != nil {
		return name, err
	}
	cfg, err := clusters.Load(path)
	if err != nil {
		return name, err
	}
	cfg.Clusters[name] = clusters.Cluster{URLs: st.URLs, Username: st.Username, Password: st.Password, CAFile: st.CAFile}
	if cfg.Current == "" {
		cfg.Current = name
	}
	return name, cfg.Save(path)
}

// freeLocalPort reports whether port can be listened on at 127.0.0.1.
func freeLocalPort(port int) bool {
	l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		return false
	}
	l.Close()
	return true
}

// runLocal runs a cluster until ctx ends: in the foreground, or as the
// detached supervisor (o.stateDir), which writes the state file once ready.
func runLocal(ctx context.Context, out, errOut io.Writer, o localOptions) error {
	dir := o.stateDir
	if dir == "" {
		var err error
		if dir, err = clusterDir(o.name); err != nil {
			return err
		}
	}
	if st, err := readState(dir); err == nil && st.alive() && st.PID != os.Getpid() {
		return fmt.Errorf("local cluster %q already runs at %s (pid %d)", o.name, strings.Join(st.URLs, ","), st.PID)
	}
	if o.product == string(eslocal.Elasticsearch) && !strings.HasPrefix(o.version, "7.") {
		if err := checkTraversable(dir); err != nil {
			return err
		}
	}
	opts := []eslocal.Option{eslocal.WithNodes(o.nodes), eslocal.WithProduct(eslocal.Product(o.product)),
		eslocal.WithDir(filepath.Join(dir, "cluster")), eslocal.WithKeepData(),
		eslocal.WithLogger(slog.New(slog.NewTextHandler(errOut, nil))),
		eslocal.WithStartTimeout(8 * time.Minute)}
	if o.product == string(eslocal.Elasticsearch) && !strings.HasPrefix(o.version, "7.") {
		// The same name at every start, so the kept data is found again
		// (the codelibs runners name their own cluster).
		opts = append(opts, eslocal.WithSetting("cluster.name", "esgo-local-"+o.name))
	}
	opts = append(opts, versionOptions(o.product, o.version)...)
	if o.port > 0 && freeLocalPort(o.port) {
		opts = append(opts, eslocal.WithHTTPPort(o.port))
	}
	if o.tls {
		opts = append(opts, eslocal.WithTLS())
	}
	if o.heap != "" {
		opts = append(opts, eslocal.WithHeap(o.heap))
	}
	for k, v := range o.settings {
		opts = append(opts, eslocal.WithSetting(k, v))
	}
	began := time.Now()
	c, err := eslocal.Start(ctx, opts...)
	if err != nil {
		return err
	}
	defer c.Stop()
	st := &localState{Name: o.name, PID: os.Getpid(), Product: c.Product, Version: c.Version, URLs: c.URLs,
		Dir: dir, Username: c.Username, Password: c.Password, CAFile: c.CAFile, Fingerprint: c.Fingerprint, Started: time.Now()}
	if err := writeState(dir, st); err != nil {
		return err
	}
	defer func() {
		// Stopped: the state file stays, without a pid, for esgo local ls.
		c.Stop()
		st.PID = 0
		writeState(dir, st)
	}()
	fmt.Fprintf(out, "%s %s ready at %s in %s; stop with Ctrl-C. Data and logs: %s\n", c.Product, c.Version,
		strings.Join(c.URLs, ","), time.Since(began).Round(time.Second), c.Dir)
	if o.stateDir == "" {
		fmt.Fprintf(out, "export ELASTICSEARCH_URL=%s\n", c.URL())
		if c.CAFile != "" {
			fmt.Fprintf(out, "export ELASTICSEARCH_CA=%s  # certificate fingerprint (SHA-256): %s\n", c.CAFile, c.Fingerprint)
		}
		if c.Password != "" {
			if name, err := saveLocalCluster(st); err == nil {
				fmt.Fprintf(out, "credentials saved in the named cluster %q (esgo --cluster %s ...)\n", name, name)
			}
		}
	}
	<-ctx.Done()
	fmt.Fprintln(out, "stopping")
	return nil
}

// checkTraversable fails, when running as root, if a folder on the way to
// dir is closed to other users: Elasticsearch then runs as an unprivileged
// user and could not reach its data.
func checkTraversable(dir string) error {
	if os.Geteuid() != 0 {
		return nil
	}
	for d := filepath.Dir(dir); ; d = filepath.Dir(d) {
		if st, err := os.Stat(d); err == nil && st.Mode().Perm()&0o001 == 0 {
			return fmt.Errorf("the server runs as an unprivileged user, which cannot enter %s (mode %#o): chmod o+x it, or set $ESGO_LOCAL_DIR elsewhere", d, st.Mode().Perm())
		}
		if d == filepath.Dir(d) {
			return nil
		}
	}
}

// stopLocal stops the supervisor of a local cluster by its pid, and waits.
func stopLocal(out io.Writer, name string, deleteData bool) error {
	dir, err := clusterDir(name)
	if err != nil {
		return err
	}
	st, err := readState(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		fmt.Fprintf(out, "local cluster %q is not running\n", name)
	case err != nil:
		return err
	case !st.alive():
		fmt.Fprintf(out, "local cluster %q is not running\n", name)
	default:
		if err := syscall.Kill(st.PID, syscall.SIGTERM); err != nil {
			return fmt.Errorf("stopping pid %d: %w", st.PID, err)
		}
		deadline := time.Now().Add(90 * time.Second)
		for st.alive() {
			if time.Now().After(deadline) {
				return fmt.Errorf("local cluster %q (pid %d) did not stop within 90s", name, st.PID)
			}
			time.Sleep(200 * time.Millisecond)
		}
		fmt.Fprintf(out, "stopped local cluster %q (%s %s)\n", name, st.Product, st.Version)
	}
	if deleteData {
		if _, err := os.Stat(dir); err == nil {
			if err := os.RemoveAll(dir); err != nil {
				return err
			}
			fmt.Fprintf(out, "deleted %s\n", dir)
		}
		if entry, err := forgetLocalCluster(name); err != nil {
			return err
		} else if entry != "" {
			fmt.Fprintf(out, "removed the named cluster %q\n", entry)
		}
	}
	return nil
}

// forgetLocalCluster removes the named cluster that esgo local start saved
// for the local cluster name (and its password), returning its name.
func forgetLocalCluster(name string) (string, error) {
	entry := "local"
	if name != "default" {
		entry = "local-" + name
	}
	path, err := clusters.DefaultPath()
	if err != nil {
		return "", err
	}
	cfg, err := clusters.Load(path)
	if err != nil {
		return "", err
	}
	if _, ok := cfg.Clusters[entry]; !ok {
		return "", nil
	}
	delete(cfg.Clusters, entry)
	if cfg.Current == entry {
		cfg.Current = ""
	}
	return entry, cfg.Save(path)
}

// statusLocal prints whether the cluster runs and its health.
func statusLocal(ctx context.Context, out io.Writer, name string) error {
	dir, err := clusterDir(name)
	if err != nil {
		return err
	}
	st, err := readState(dir)
	if err != nil || !st.alive() {
		fmt.Fprintf(out, "%s: not running\n", name)
		return &exitError{code: exitFailure, err: fmt.Errorf("local cluster %q is not running", name)}
	}
	if !st.serving() {
		fmt.Fprintf(out, "%s: not running (its supervisor, pid %d, runs but nothing listens at %s; esgo local start cleans it up)\n",
			name, st.PID, strings.Join(st.URLs, ","))
		return &exitError{code: exitFailure, err: fmt.Errorf("local cluster %q is not running", name)}
	}
	cl := clusters.Cluster{URLs: st.URLs, Username: st.Username, Password: st.Password, CAFile: st.CAFile}
	fmt.Fprintf(out, "%s: running %s %s at %s (pid %d, up %s, data in %s)\n", name, st.Product, st.Version,
		strings.Join(st.URLs, ","), st.PID, time.Since(st.Started).Round(time.Second), st.Dir)
	conn := &connection{}
	conn.urls = cl.URLs
	conn.user, conn.password, conn.caFile = cl.Username, cl.Password, cl.CAFile
	client, err := conn.client()
	if err != nil {
		return err
	}
	hctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	h, err := api.Decode[struct {
		Status string `json:"status"`
		Nodes  int    `json:"number_of_nodes"`
		Shards int    `json:"active_shards"`
	}](client.Raw.Cluster.Health(hctx, api.ClusterHealthRequest{}))
	if err != nil {
		return fmt.Errorf("the process runs but the cluster does not answer: %w", err)
	}
	fmt.Fprintf(out, "health %s, %d node(s), %d active shards\n", h.Status, h.Nodes, h.Shards)
	return nil
}

// logFile returns the console log of the first node of the cluster.
func logFile(dir string) string {
	matches, _ := filepath.Glob(filepath.Join(dir, "cluster", "*", "logs", "console.log"))
	sort.Strings(matches)
	if len(matches) > 0 {
		return matches[0]
	}
	if p := filepath.Join(dir, "cluster", "logs", "console.log"); fileExists(p) {
		return p
	}
	return filepath.Join(dir, "esgo.log")
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// tail returns the last n lines of the file.
func tail(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return "(" + err.Error() + ")"
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func logsLocal(ctx context.Context, out io.Writer, name string, n int, follow bool) error {
	dir, err := clusterDir(name)
	if err != nil {
		return err
	}
	if !fileExists(dir) {
		return fmt.Errorf("no local cluster %q (esgo local ls lists them)", name)
	}
	path := logFile(dir)
	fmt.Fprintln(out, tail(path, n))
	if !follow {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := f.Seek(0, io.SeekEnd); err != nil {
		return err
	}
	r := bufio.NewReader(f)
	for {
		line, err := r.ReadString('\n')
		if line != "" {
			fmt.Fprint(out, line)
		}
		if err == io.EOF {
			select {
			case <-ctx.Done():
				return nil
			case <-time.After(300 * time.Millisecond):
			}
			continue
		}
		if err != nil {
			return err
		}
	}
}

func lsLocal(out io.Writer, l *listing) error {
	root, err := localRoot()
	if err != nil {
		return err
	}
	entries, err := os.ReadDir(root)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	var rows [][]string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join(root, e.Name())
		status, product, version, url := "stopped", "", "", ""
		if st, err := readState(dir); err == nil {
			product, version = string(st.Product), st.Version
			switch {
			case st.alive() && st.serving():
				status, url = "running", strings.Join(st.URLs, ",")
			case st.alive():
				status = "not answering"
			}
		}
		rows = append(rows, []string{e.Name(), status, product, version, url, dir})
	}
	return l.print(out, []string{"name", "status", "product", "version", "url", "data"}, rows)
}
