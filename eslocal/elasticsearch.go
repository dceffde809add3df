package eslocal

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
)

// serverUser is the unprivileged account Elasticsearch runs as when eslocal runs as root.
const serverUser = "esgo"

// InstallElasticsearch downloads (once) and unpacks (once) the Elasticsearch
// integ-test distribution of the given version and returns its home folder.
func InstallElasticsearch(ctx context.Context, version string) (string, error) {
	cache, err := CacheDir()
	if err != nil {
		return "", err
	}
	dest := filepath.Join(cache, "elasticsearch-"+version)
	if _, err := os.Stat(filepath.Join(dest, ".esgo-unpacked")); err == nil {
		return dest, nil
	}
	zip, err := fetch(ctx, artifact{"org.elasticsearch.distribution.integ-test-zip", "elasticsearch", version, "zip"})
	if err != nil {
		return "", err
	}
	if err := unpackOnce(zip, dest); err != nil {
		return "", err
	}
	return dest, nil
}

// ids returns the uid and gid to run servers as: nil when not root, else the
// "esgo" user, created when missing.
func ids() (uid, gid *uint32, err error) {
	if os.Geteuid() != 0 {
		return nil, nil, nil
	}
	u, err := user.Lookup(serverUser)
	if err != nil {
		out, cerr := exec.Command("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", serverUser).CombinedOutput()
		if cerr != nil {
			if u, err = user.Lookup(serverUser); err != nil { // created concurrently?
				return nil, nil, fmt.Errorf("creating the user %q to run Elasticsearch (it refuses root): %v: %s", serverUser, cerr, bytes.TrimSpace(out))
			}
		} else if u, err = user.Lookup(serverUser); err != nil {
			return nil, nil, err
		}
	}
	a, _ := strconv.ParseUint(u.Uid, 10, 32)
	b, _ := strconv.ParseUint(u.Gid, 10, 32)
	ua, gb := uint32(a), uint32(b)
	return &ua, &gb, nil
}

func chownTree(root string, uid, gid *uint32) error {
	if uid == nil {
		return nil
	}
	return filepath.Walk(root, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, int(*uid), int(*gid))
	})
}

func (c *Cluster) startElasticsearch(ctx context.Context) error {
	home, err := InstallElasticsearchModules(ctx, c.cfg.version, c.cfg.modules...)
	if err != nil {
		return err
	}
	java, err := FindJava()
	if err != nil {
		return err
	}
	uid, gid, err := ids()
	if err != nil {
		return err
	}
	n := c.cfg.nodes
	httpPorts, transportPorts := make([]int, n), make([]int, n)
	for i := range n {
		if httpPorts[i], err = freePort(); err != nil {
			return err
		}
		if i == 0 && c.cfg.httpPort > 0 {
			httpPorts[i] = c.cfg.httpPort
		}
		if transportPorts[i], err = freePort(); err != nil {
			return err
		}
	}
	var seeds, names []string
	for i := range n {
		seeds = append(seeds, fmt.Sprintf("127.0.0.1:%d", transportPorts[i]))
		names = append(names, fmt.Sprintf("node-%d", i))
	}
	var crt *certs
	if c.cfg.tls {
		if crt, err = newCerts(); err != nil {
			return err
		}
		c.CACert, c.Fingerprint = crt.caCert, crt.fingerprint
		c.CAFile = filepath.Join(c.Dir, "ca.crt")
		if err := os.WriteFile(c.CAFile, crt.caCert, 0o644); err != nil {
			return err
		}
	}
	if c.cfg.security {
		c.Username = "elastic"
		c.Password = c.cfg.password
		if c.Password == "" {
			c.Password = randomString(12)
		}
	}
	scheme := "http"
	if c.cfg.tls {
		scheme = "https"
	}
	// A snapshot repository folder shared by the nodes, as a shared file system would be.
	repo := filepath.Join(c.Dir, "snapshots")
	if err := os.MkdirAll(repo, 0o755); err != nil {
		return err
	}
	if err := chownTree(repo, uid, gid); err != nil {
		return err
	}
	env := append(os.Environ(), "ES_JAVA_HOME="+java, "ES_JAVA_OPTS=-Xms"+c.cfg.heap+" -Xmx"+c.cfg.heap)
	clusterName := "esgo-" + randomString(6)
	for i := range n {
		dir := filepath.Join(c.Dir, names[i])
		conf := filepath.Join(dir, "config")
		for _, sub := range []string{"data", "logs"} {
			if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
				return err
			}
		}
		// A kept folder (WithKeepData) has the configuration of its last start.
		if err := os.RemoveAll(conf); err != nil {
			return err
		}
		if err := os.CopyFS(conf, os.DirFS(filepath.Join(home, "config"))); err != nil {
			return err
		}
		// The JVM's GC log path is relative to a folder the server user may
		// not own: point it at the node's logs.
		jvmOpts := filepath.Join(conf, "jvm.options")
		if b, err := os.ReadFile(jvmOpts); err == nil {
			b = bytes.ReplaceAll(b, []byte("file=gc.log"), []byte("file="+filepath.Join(dir, "logs", "gc.log")))
			if err := os.WriteFile(jvmOpts, b, 0o644); err != nil {
				return err
			}
		}
		settings := map[string]string{
			"cluster.name":           clusterName,
			"node.name":              names[i],
			"network.host":           "127.0.0.1",
			"http.port":              strconv.Itoa(httpPorts[i]),
			"transport.port":         strconv.Itoa(transportPorts[i]),
			"path.data":              filepath.Join(dir, "data"),
			"path.logs":              filepath.Join(dir, "logs"),
			"xpack.security.enabled": strconv.FormatBool(c.cfg.security),
			// Tests fill small disks; don't let watermarks block writes.
			"cluster.routing.allocation.disk.threshold_enabled": "false",
			"xpack.ml.enabled": "false",
			"path.repo":        repo,
		}
		if n == 1 {
			settings["discovery.type"] = "single-node"
		} else {
			settings["discovery.seed_hosts"] = "[" + strings.Join(seeds, ", ") + "]"
			settings["cluster.initial_master_nodes"] = "[" + strings.Join(names, ", ") + "]"
		}
		if c.cfg.tls {
			for name, b := range map[string][]byte{"http.crt": crt.cert, "http.key": crt.key, "ca.crt": crt.caCert} {
				if err := os.WriteFile(filepath.Join(conf, name), b, 0o640); err != nil {
					return err
				}
			}
			settings["xpack.security.http.ssl.enabled"] = "true"
			settings["xpack.security.http.ssl.certificate"] = "http.crt"
			settings["xpack.security.http.ssl.key"] = "http.key"
			settings["xpack.security.http.ssl.certificate_authorities"] = "[ca.crt]"
		}
		for k, v := range c.cfg.settings {
			settings[k] = v
		}
		if err := os.WriteFile(filepath.Join(conf, "elasticsearch.yml"), yamlLines(settings), 0o644); err != nil {
			return err
		}
		if err := chownTree(dir, uid, gid); err != nil {
			return err
		}
		nodeEnv := append(env, "ES_PATH_CONF="+conf, "HOME="+dir)
		if c.cfg.security {
			if _, err := runTool(ctx, home, "elasticsearch-keystore", nodeEnv, uid, gid, "", "create"); err != nil {
				return err
			}
			if _, err := runTool(ctx, home, "elasticsearch-keystore", nodeEnv, uid, gid, c.Password+"\n", "add", "-x", "bootstrap.password"); err != nil {
				return err
			}
		}
		if c.cfg.serviceToken {
			out, err := runTool(ctx, home, "elasticsearch-service-tokens", nodeEnv, uid, gid, "", "create", "elastic/fleet-server", "esgo-"+names[i])
			if err != nil {
				return err
			}
			// Output: "SERVICE_TOKEN elastic/fleet-server/NAME = TOKEN"
			if _, tok, ok := strings.Cut(strings.TrimSpace(out), " = "); ok && c.ServiceToken == "" {
				c.ServiceToken = strings.TrimSpace(tok)
			}
		}
		nd := &node{dir: dir, pidFile: filepath.Join(dir, "pid")}
		cmd := exec.Command(filepath.Join(home, "bin", "elasticsearch"), "-p", nd.pidFile)
		cmd.Dir = dir
		cmd.Env = nodeEnv
		if err := nd.start(cmd, uid, gid); err != nil {
			return err
		}
		c.mu.Lock()
		c.nodes = append(c.nodes, nd)
		c.URLs = append(c.URLs, fmt.Sprintf("%s://127.0.0.1:%d", scheme, httpPorts[i]))
		c.mu.Unlock()
		c.cfg.logger.Info("node started", "node", names[i], "http", httpPorts[i], "dir", dir)
	}
	if c.cfg.serviceToken && c.ServiceToken == "" {
		return fmt.Errorf("elasticsearch-service-tokens printed no token")
	}
	return nil
}

// runTool runs one of Elasticsearch's bin/ tools as the server user.
func runTool(ctx context.Context, home, tool string, env []string, uid, gid *uint32, stdin string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, filepath.Join(home, "bin", tool), args...)
	cmd.Env = env
	cmd.Stdin = strings.NewReader(stdin)
	if uid != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: *uid, Gid: *gid}}
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("%s %s: %v: %s", tool, strings.Join(args, " "), err, lastLine(string(out)))
	}
	return string(out), nil
}

// yamlLines writes settings as sorted "key: value" lines.
func yamlLines(settings map[string]string) []byte {
	keys := make([]string, 0, len(settings))
	for k := range settings {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b bytes.Buffer
	for _, k := range keys {
		fmt.Fprintf(&b, "%s: %s\n", k, settings[k])
	}
	return b.Bytes()
}

func randomString(n int) string {
	b := make([]byte, (n+1)/2)
	rand.Read(b)
	return hex.EncodeToString(b)[:n]
}
