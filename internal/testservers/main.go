// Command testservers starts the servers shared by esgo's tests once, runs a
// command (normally `go test ./...`) with ESGO_TEST_SERVERS naming them, and
// stops them when the command ends, whatever its outcome:
//
//	go run ./internal/testservers -- go test -count=1 ./...
//
// Its exit status is the command's.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"sort"
	"sync"
	"syscall"
	"time"

	"github.com/esgo/esgo/eslocal"
	"github.com/esgo/esgo/eslocal/eslocaltest"
)

func main() {
	args := os.Args[1:]
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "usage: testservers -- command [args...]")
		os.Exit(2)
	}
	os.Exit(run(args))
}

func run(args []string) int {
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	names := make([]string, 0, len(eslocaltest.Shared))
	for name := range eslocaltest.Shared {
		names = append(names, name)
	}
	sort.Strings(names)
	start := time.Now()
	var (
		mu       sync.Mutex
		wg       sync.WaitGroup
		clusters = map[string]*eslocal.Cluster{}
		errs     []error
	)
	// Fetch first, one at a time, so parallel starts don't race on downloads.
	for _, name := range names {
		if err := eslocal.Install(ctx, eslocaltest.Shared[name]...); err != nil {
			fmt.Fprintln(os.Stderr, "testservers:", name+":", err)
			return 1
		}
	}
	// Two JVMs boot at a time: more only slows each down on a small machine.
	slots := make(chan struct{}, 2)
	for _, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			opts := append(eslocaltest.Shared[name], eslocal.WithLogger(log.With("server", name)), eslocal.WithStartTimeout(10*time.Minute))
			t0 := time.Now()
			c, err := eslocal.Start(ctx, opts...)
			if err == nil {
				log.Info("server ready", "server", name, "boot", time.Since(t0).Round(100*time.Millisecond))
			}
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", name, err))
				return
			}
			clusters[name] = c
		}()
	}
	wg.Wait()
	defer func() {
		for _, c := range clusters {
			c.Stop()
		}
	}()
	if err := errors.Join(errs...); err != nil {
		fmt.Fprintln(os.Stderr, "testservers:", err)
		return 1
	}
	log.Info("shared servers ready", "took", time.Since(start).Round(time.Second))

	desc := map[string]eslocaltest.Description{}
	for name, c := range clusters {
		desc[name] = eslocaltest.Describe(c)
	}
	dir, err := os.MkdirTemp("", "esgo-testservers-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "testservers:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "servers.json")
	b, _ := json.MarshalIndent(desc, "", "  ")
	if err := os.WriteFile(file, b, 0o600); err != nil {
		fmt.Fprintln(os.Stderr, "testservers:", err)
		return 1
	}

	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(), "ESGO_TEST_SERVERS="+file)
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 30 * time.Second
	err = cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		return exit.ExitCode()
	default:
		fmt.Fprintln(os.Stderr, "testservers:", err)
		return 1
	}
}
