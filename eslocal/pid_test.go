package eslocal

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
)

// TestServerPIDNotRecycled: a pid file left behind by a killed server may
// name a pid that now belongs to another process; eslocal signals it only if
// that process is still the node's server (its command line names the
// node's folder). Before: Stop after Kill signalled whatever process had
// the pid.
func TestServerPIDNotRecycled(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the check reads /proc, which only Linux has")
	}
	dir := t.TempDir()
	n := &node{dir: dir, pidFile: filepath.Join(dir, "pid"), done: make(chan struct{})}
	start := func(args ...string) *exec.Cmd {
		cmd := exec.Command(args[0], args[1:]...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
		if err := os.WriteFile(n.pidFile, []byte(strconv.Itoa(cmd.Process.Pid)+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	// Another process took the pid: not ours.
	start("sleep", "60")
	if pid := n.serverPID(); pid != 0 {
		t.Errorf("serverPID = %d for a process that is not the node's", pid)
	}
	// The node's server (its command line names the node's folder). The
	// script runs two commands so the shell stays (a shell may exec a lone
	// command in place, and the command line would no longer name the folder).
	cmd := start("sh", "-c", "sleep 60; exit 0", filepath.Join(dir, "config"))
	if pid := n.serverPID(); pid != cmd.Process.Pid {
		t.Errorf("serverPID = %d, want %d", pid, cmd.Process.Pid)
	}
	// No pid file: nothing.
	os.Remove(n.pidFile)
	if pid := n.serverPID(); pid != 0 {
		t.Errorf("serverPID = %d without a pid file", pid)
	}
}
