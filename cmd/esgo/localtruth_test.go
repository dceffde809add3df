package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestLocalValuesCheckedUpFront: values the start would trip on are usage
// errors, before anything starts.
func TestLocalValuesCheckedUpFront(t *testing.T) {
	env := []string{"ESGO_LOCAL_DIR=" + t.TempDir()}
	for _, args := range [][]string{
		{"--nodes", "0"}, {"--port", "99999"}, {"--port", "-1"}, {"--heap", "lots"}, {"--name", "../x"}, {"--nodes", "-2"},
	} {
		r := runBin(t, env, "", append([]string{"local", "start"}, args...)...)
		if r.code != 2 || strings.Contains(r.stdout, "Starting") {
			t.Errorf("local start %s: %v", strings.Join(args, " "), r)
		}
	}
	if r := runBin(t, env, "", "local", "logs", "-n", "-1"); r.code != 2 {
		t.Errorf("local logs -n -1: %v", r)
	}
}

// TestLocalTellsTheTruth: a supervisor that runs while nothing listens at
// the cluster's address (its server killed with kill -9) is not "running";
// stop --delete removes the cluster's folder and its named cluster.
func TestLocalTellsTheTruth(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "ghost")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	// A process whose command line names the folder stands for the
	// supervisor; port 1 stands for the killed server.
	sup := exec.Command("sh", "-c", "sleep 120; : "+dir)
	if err := sup.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { sup.Wait(); close(done) }()
	defer func() { sup.Process.Kill(); <-done }()
	st := &localState{Name: "ghost", PID: sup.Process.Pid, Product: "elasticsearch", Version: "9.5.3",
		URLs: []string{"http://127.0.0.1:1"}, Dir: dir, Started: time.Now()}
	for !st.alive() { // until sh has exec'd with its command line
		time.Sleep(10 * time.Millisecond)
	}
	if err := writeState(dir, st); err != nil {
		t.Fatal(err)
	}
	config := filepath.Join(root, "clusters.json")
	env := []string{"ESGO_LOCAL_DIR=" + root, "ESGO_CONFIG=" + config}
	if r := runBin(t, env, "", "config", "add", "local-ghost", "--url", "http://127.0.0.1:1", "--use"); r.code != 0 {
		t.Fatal(r)
	}

	r := runBin(t, env, "", "local", "ls", "-o", "json")
	var rows []map[string]string
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &rows) != nil || len(rows) != 1 || rows[0]["status"] != "not answering" {
		t.Errorf("local ls: %v", r)
	}
	r = runBin(t, env, "", "local", "status", "--name", "ghost")
	if r.code != 1 || !strings.Contains(r.stdout, "ghost: not running") || strings.Contains(r.stdout, ": running") {
		t.Errorf("local status: %v", r)
	}
	r = runBin(t, env, "", "local", "stop", "--name", "ghost", "--delete")
	if r.code != 0 || !strings.Contains(r.stdout, `removed the named cluster "local-ghost"`) {
		t.Fatalf("local stop --delete: %v", r)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Errorf("%s is still there", dir)
	}
	if r := runBin(t, env, "", "config", "ls", "-o", "json"); r.code != 0 || strings.Contains(r.stdout, "local-ghost") {
		t.Errorf("the named cluster is still there: %v", r)
	}
}
