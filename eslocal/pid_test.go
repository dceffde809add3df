package eslocal

import (
	"bufio"
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
// node's folder).
func TestServerPIDNotRecycled(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the check reads /proc, which only Linux has")
	}
	dir := t.TempDir()
	n := &node{dir: dir, pidFile: filepath.Join(dir, "pid"), done: make(chan struct{})}
	// start runs a shell that prints a line and then waits: once the line
	// is read, the shell runs, so its exec is complete and its command line
	// readable (Start returns as soon as the exec closes the child's
	// descriptors, before the kernel has set up the new command line). The
	// script runs more than one command so the shell stays (a shell may
	// exec a lone command in place).
	start := func(args ...string) *exec.Cmd {
		cmd := exec.Command("sh", append([]string{"-c", "echo ready; sleep 60; exit 0"}, args...)...)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
		if line, err := bufio.NewReader(out).ReadString('\n'); err != nil || line != "ready\n" {
			t.Fatalf("the shell printed %q, %v; want ready", line, err)
		}
		if err := os.WriteFile(n.pidFile, []byte(strconv.Itoa(cmd.Process.Pid)+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	// Another process took the pid: not ours.
	other := start("not-the-node")
	if pid := n.serverPID(); pid != 0 {
		t.Errorf("serverPID = %d for a process that is not the node's (pid %d)", pid, other.Process.Pid)
	}
	// The node's server (its command line names the node's folder).
	cmd := start(filepath.Join(dir, "config"))
	if pid := n.serverPID(); pid != cmd.Process.Pid {
		t.Errorf("serverPID = %d, want %d", pid, cmd.Process.Pid)
	}
	// No pid file: nothing.
	os.Remove(n.pidFile)
	if pid := n.serverPID(); pid != 0 {
		t.Errorf("serverPID = %d without a pid file", pid)
	}
}
