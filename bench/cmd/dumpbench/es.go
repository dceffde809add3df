package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
)

// es sends the harness's own requests (create, refresh, count, delete, node
// stats); none of them is measured.
type es struct {
	url string
	// pid is the node's process id when its /proc entry can be read here
	// (see findPID), else 0.
	pid int
	// cpuSource says where the server's CPU figures come from.
	cpuSource string
}

// findPID sets pid to the node's process id when it runs on this machine
// (a single node whose /proc/PID/stat is readable and names a java
// process).
func (s *es) findPID(ctx context.Context) {
	s.pid, s.cpuSource = 0, "node stats (process.cpu.total_in_millis, refreshed by the server once a second)"
	var info struct {
		Nodes map[string]struct {
			Process struct {
				ID int `json:"id"`
			} `json:"process"`
		} `json:"nodes"`
	}
	if _, err := s.do(ctx, "GET", "/_nodes/process", nil, &info); err != nil || len(info.Nodes) != 1 {
		return
	}
	for _, n := range info.Nodes {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", n.Process.ID))
		if err != nil || !bytes.Contains(b, []byte("(java)")) {
			return
		}
		if _, err := procCPUMillis(n.Process.ID); err == nil {
			s.pid, s.cpuSource = n.Process.ID, fmt.Sprintf("/proc/%d/stat (utime+stime of the node's JVM)", n.Process.ID)
		}
	}
}

// procCPUMillis reads a process's user+system CPU time from /proc.
func procCPUMillis(pid int) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The fields after the command name (which may hold spaces), from
	// field 3 (state) on: utime and stime are fields 14 and 15.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, fmt.Errorf("/proc/%d/stat: unexpected format", pid)
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0, fmt.Errorf("/proc/%d/stat: unexpected format", pid)
	}
	ut, err1 := strconv.ParseInt(f[11], 10, 64)
	st, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("/proc/%d/stat: unexpected format", pid)
	}
	// Linux reports these in clock ticks of 1/100 s (USER_HZ).
	return (ut + st) * 10, nil
}

func (s *es) do(ctx context.Context, method, path string, body any, out any) (int, error) {
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, err
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, s.url+path, r)
	if err != nil {
		return 0, err
	}
	if r != nil {
		req.Header.Set("Content-Type", "application/json")
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
		return resp.StatusCode, json.Unmarshal(data, out)
	}
	return resp.StatusCode, nil
}

// node reads the node's name, cluster and version from the nodes info API
// (the minimal distribution answers GET / with 405).
func (s *es) node(ctx context.Context) (name, cluster, version string, err error) {
	var info struct {
		ClusterName string `json:"cluster_name"`
		Nodes       map[string]struct {
			Name    string `json:"name"`
			Version string `json:"version"`
		} `json:"nodes"`
	}
	if _, err := s.do(ctx, "GET", "/_nodes/_local", nil, &info); err != nil {
		return "", "", "", err
	}
	for _, n := range info.Nodes {
		return n.Name, info.ClusterName, n.Version, nil
	}
	return "", "", "", fmt.Errorf("no node in the nodes info")
}

// rootAnswer is what a full Elasticsearch answers to GET /, built from the
// nodes info; the preload gives it to elasticdump.
func (s *es) rootAnswer(ctx context.Context) (string, string, error) {
	name, cluster, version, err := s.node(ctx)
	if err != nil {
		return "", "", err
	}
	b, err := json.Marshal(map[string]any{
		"name":         name,
		"cluster_name": cluster,
		"version": map[string]any{
			"number":       version,
			"build_flavor": "default",
		},
		"tagline": "You Know, for Search",
	})
	return string(b), version, err
}

// cpuMillis returns the server process's CPU time so far: from
// /proc/PID/stat when the node runs on this machine (exact to the clock
// tick), else from the node stats (which the server refreshes only once a
// second).
func (s *es) cpuMillis(ctx context.Context) (int64, error) {
	if s.pid > 0 {
		if ms, err := procCPUMillis(s.pid); err == nil {
			return ms, nil
		}
	}
	var st struct {
		Nodes map[string]struct {
			Process struct {
				CPU struct {
					Total int64 `json:"total_in_millis"`
				} `json:"cpu"`
			} `json:"process"`
		} `json:"nodes"`
	}
	if _, err := s.do(ctx, "GET", "/_nodes/stats/process", nil, &st); err != nil {
		return 0, err
	}
	var t int64
	for _, n := range st.Nodes {
		t += n.Process.CPU.Total
	}
	return t, nil
}

// drop deletes an index; a missing one is fine.
func (s *es) drop(ctx context.Context, index string) error {
	if !strings.HasPrefix(index, "dumpbench-") {
		return fmt.Errorf("refusing to delete %q: not a dumpbench- index", index)
	}
	st, err := s.do(ctx, "DELETE", "/"+index, nil, nil)
	if st == http.StatusNotFound {
		return nil
	}
	return err
}

// count refreshes the index and returns its document count.
func (s *es) count(ctx context.Context, index string) (int, error) {
	if _, err := s.do(ctx, "POST", "/"+index+"/_refresh", nil, nil); err != nil {
		return 0, err
	}
	var c struct {
		Count int `json:"count"`
	}
	_, err := s.do(ctx, "GET", "/"+index+"/_count", nil, &c)
	return c.Count, err
}

// settings returns the index's number_of_shards, number_of_replicas and
// refresh_interval, as the server reports them (flat).
func (s *es) settings(ctx context.Context, index string) (string, error) {
	var out map[string]struct {
		Settings map[string]any `json:"settings"`
	}
	if _, err := s.do(ctx, "GET", "/"+index+"/_settings?flat_settings=true", nil, &out); err != nil {
		return "", err
	}
	for _, v := range out {
		return fmt.Sprintf("shards %v, replicas %v, refresh_interval %v",
			v.Settings["index.number_of_shards"], v.Settings["index.number_of_replicas"], orDefault(v.Settings["index.refresh_interval"], "default")), nil
	}
	return "", fmt.Errorf("no settings for %s", index)
}

func orDefault(v any, d string) any {
	if v == nil {
		return d
	}
	return v
}
