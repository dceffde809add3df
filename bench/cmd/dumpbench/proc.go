package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// sample is one measured run of one tool on one case.
type sample struct {
	Run  int    `json:"run"`
	Load string `json:"load_before"`
	// WallS is from the start of the first process to the exit of the
	// last.
	WallS float64 `json:"wall_s"`
	// UserS and SysS are summed over the processes (each with the
	// children it waited for, as wait4 reports them).
	UserS float64 `json:"user_s"`
	SysS  float64 `json:"sys_s"`
	// PeakRSSMB is the sum of the processes' peak RSS (the processes of a
	// pipeline run at the same time), in MiB.
	PeakRSSMB float64 `json:"peak_rss_mb"`
	// ServerCPUS is the server process's CPU seconds over the run (other
	// users of a shared server count too).
	ServerCPUS float64 `json:"server_cpu_s"`
}

// CPUS is the client's CPU seconds, user plus system.
func (s sample) CPUS() float64 { return s.UserS + s.SysS }

// stage is one process of a measured pipeline.
type stage struct {
	argv []string
	env  []string
}

// tailBuffer keeps the last bytes written to it, for error messages.
type tailBuffer struct{ b []byte }

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.b = append(t.b, p...)
	if len(t.b) > 8192 {
		t.b = append(t.b[:0], t.b[len(t.b)-4096:]...)
	}
	return len(p), nil
}

// measure runs the stages as a pipeline (each one's standard output into the
// next one's standard input; the last one's to /dev/null) and returns its
// wall time, CPU and peak RSS, with the server's CPU over the same time.
func measure(ctx context.Context, srv *es, stages []stage) (sample, error) {
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		return sample{}, err
	}
	defer devnull.Close()
	cmds := make([]*exec.Cmd, len(stages))
	tails := make([]*tailBuffer, len(stages))
	var toClose []*os.File
	for i, st := range stages {
		c := exec.CommandContext(ctx, st.argv[0], st.argv[1:]...)
		c.Env = append(os.Environ(), st.env...)
		tails[i] = &tailBuffer{}
		c.Stderr = tails[i]
		cmds[i] = c
		if i > 0 {
			r, w, err := os.Pipe()
			if err != nil {
				return sample{}, err
			}
			cmds[i-1].Stdout = w
			c.Stdin = r
			toClose = append(toClose, r, w)
		}
	}
	cmds[len(cmds)-1].Stdout = devnull
	load := loadAverage()
	before, err := srv.cpuMillis(ctx)
	if err != nil {
		return sample{}, err
	}
	began := time.Now()
	for i, c := range cmds {
		if err := c.Start(); err != nil {
			for _, started := range cmds[:i] {
				_ = started.Process.Kill()
				_ = started.Wait()
			}
			return sample{}, fmt.Errorf("%s: %w", strings.Join(stages[i].argv, " "), err)
		}
	}
	for _, f := range toClose {
		f.Close()
	}
	var firstErr error
	for i, c := range cmds {
		if err := c.Wait(); err != nil && firstErr == nil {
			firstErr = fmt.Errorf("%s: %w\n%s", strings.Join(stages[i].argv, " "), err, tails[i].b)
		}
	}
	wall := time.Since(began).Seconds()
	if firstErr != nil {
		return sample{}, firstErr
	}
	after, err := srv.cpuMillis(ctx)
	if err != nil {
		return sample{}, err
	}
	s := sample{Load: load, WallS: wall, ServerCPUS: float64(after-before) / 1000}
	for _, c := range cmds {
		ru := c.ProcessState.SysUsage().(*syscall.Rusage)
		s.UserS += float64(ru.Utime.Nano()) / 1e9
		s.SysS += float64(ru.Stime.Nano()) / 1e9
		s.PeakRSSMB += float64(ru.Maxrss) / 1024
	}
	return s, nil
}
