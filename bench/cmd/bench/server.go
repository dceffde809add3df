package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"
)

// server runs the harness's own requests (create, refresh, count, delete);
// these are not measured.
type server struct {
	url string
}

func (s *server) do(ctx context.Context, method, path string, body any, out any) (int, error) {
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		r = bytes.NewReader(b)
	default:
		js, err := json.Marshal(b)
		if err != nil {
			return 0, err
		}
		r = bytes.NewReader(js)
	}
	req, err := http.NewRequestWithContext(ctx, method, s.url+path, r)
	if err != nil {
		return 0, err
	}
	if r != nil {
		ct := "application/json"
		if strings.HasSuffix(path, "_bulk") || strings.Contains(path, "_bulk?") {
			ct = "application/x-ndjson"
		}
		req.Header.Set("Content-Type", ct)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return resp.StatusCode, err
	}
	if resp.StatusCode >= 300 {
		return resp.StatusCode, fmt.Errorf("%s %s: %d %s", method, path, resp.StatusCode, data)
	}
	if out != nil {
		if b, ok := out.(*[]byte); ok {
			*b = data
			return resp.StatusCode, nil
		}
		return resp.StatusCode, json.Unmarshal(data, out)
	}
	return resp.StatusCode, nil
}

// version reads the server version from the nodes info API (the minimal
// Elasticsearch distribution answers 405 to GET /).
func (s *server) version(ctx context.Context) (string, error) {
	var info struct {
		Nodes map[string]struct {
			Version string `json:"version"`
		} `json:"nodes"`
	}
	if _, err := s.do(ctx, "GET", "/_nodes/_local/version", nil, &info); err != nil {
		return "", err
	}
	for _, n := range info.Nodes {
		return "Elasticsearch " + n.Version, nil
	}
	return "", fmt.Errorf("no node in nodes info")
}

var indexBody = map[string]any{
	"settings": map[string]any{"number_of_shards": 1, "number_of_replicas": 0, "refresh_interval": "-1"},
	"mappings": map[string]any{"properties": map[string]any{
		"@timestamp": map[string]any{"type": "date"},
		"host":       map[string]any{"type": "keyword"},
		"level":      map[string]any{"type": "keyword"},
		"status":     map[string]any{"type": "integer"},
		"latency_ms": map[string]any{"type": "integer"},
		"path":       map[string]any{"type": "keyword"},
		"msg":        map[string]any{"type": "text"},
		"user_id":    map[string]any{"type": "integer"},
		"message":    map[string]any{"type": "text"},
	}},
}

func (s *server) recreate(ctx context.Context, index string) error {
	if err := s.drop(ctx, index); err != nil {
		return err
	}
	_, err := s.do(ctx, "PUT", "/"+index, indexBody, nil)
	return err
}

func (s *server) drop(ctx context.Context, index string) error {
	st, err := s.do(ctx, "DELETE", "/"+index, nil, nil)
	if st == http.StatusNotFound {
		return nil
	}
	return err
}

// count refreshes the index and returns its document count.
func (s *server) count(ctx context.Context, index string) (int, error) {
	if _, err := s.do(ctx, "POST", "/"+index+"/_refresh", nil, nil); err != nil {
		return 0, err
	}
	var c struct {
		Count int `json:"count"`
	}
	_, err := s.do(ctx, "GET", "/"+index+"/_count", nil, &c)
	return c.Count, err
}

// childRun runs one measuring subprocess: this binary with -child, or the
// Python script. It returns the result the child printed, with the rusage
// of the child process recorded next to it for cross-checking.
func childRun(ctx context.Context, name string, args ...string) (childResult, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	cmd.WaitDelay = 5 * time.Second
	err := cmd.Run()
	if err != nil {
		return childResult{}, fmt.Errorf("%s %s: %w\n%s", filepath.Base(name), strings.Join(args, " "), err, lastLines(errb.String(), 15))
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var res childResult
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &res); err != nil {
		return res, fmt.Errorf("%s %s: reading its result %q: %w", filepath.Base(name), strings.Join(args, " "), lines[len(lines)-1], err)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		res.ProcCPUS = float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
		res.ProcMaxRSSKB = ru.Maxrss
	}
	return res, nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// goChild runs this binary as a measuring child.
func goChild(ctx context.Context, mode, url, index string, docs int, large bool, extra ...string) (childResult, error) {
	exe, err := os.Executable()
	if err != nil {
		return childResult{}, err
	}
	args := []string{"-child", mode, "-url", url, "-index", index, "-docs", fmt.Sprint(docs)}
	if large {
		args = append(args, "-large")
	}
	args = append(args, extra...)
	if profileDir != "" {
		name := mode + "-" + index + strings.Join(extra, "")
		if large {
			name += "-large"
		}
		args = append(args, "-cpuprofile", filepath.Join(profileDir, name+".pprof"))
	}
	return childRun(ctx, exe, args...)
}

// pyChild runs bench/python/bench.py as a measuring child.
func pyChild(ctx context.Context, python, mode, url, index string, docs int, large bool) (childResult, error) {
	args := []string{filepath.Join("python", "bench.py"), mode, "--url", url, "--index", index, "--docs", fmt.Sprint(docs)}
	if large {
		args = append(args, "--large")
	}
	return childRun(ctx, python, args...)
}

func pythonVersion(ctx context.Context, python string) string {
	out, err := exec.CommandContext(ctx, python, "-c",
		"import sys, elasticsearch; print('Python', sys.version.split()[0], '+ elasticsearch', elasticsearch.__versionstr__)").Output()
	if err != nil {
		return "unavailable: " + err.Error() + " (pip install -r python/requirements.txt)"
	}
	return strings.TrimSpace(string(out))
}

func machine() string {
	model := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for line := range strings.SplitSeq(string(b), "\n") {
			if strings.HasPrefix(line, "model name") {
				if _, v, ok := strings.Cut(line, ":"); ok {
					model = strings.TrimSpace(v)
				}
				break
			}
		}
	}
	mem := ""
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int64
		if _, err := fmt.Sscanf(string(b), "MemTotal: %d kB", &kb); err == nil {
			mem = fmt.Sprintf(", %.0f GiB RAM", float64(kb)/(1<<20))
		}
	}
	return fmt.Sprintf("%s, %d cores%s, %s/%s", model, runtime.NumCPU(), mem, runtime.GOOS, runtime.GOARCH)
}
