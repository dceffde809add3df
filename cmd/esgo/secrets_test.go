package main

import (
	"encoding/base64"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
)

// TestNoSecretInCLIOutput: help text, errors and traces of the command
// never hold a password, API key or token, given by flag or environment,
// nor their base64.
func TestNoSecretInCLIOutput(t *testing.T) {
	const pass, key, token = "Cli-Pa55-Secret", "Q2xpLUtleS1TZWNyZXQ", "Cli-Tok-Secret"
	leaks := func(s string) []string {
		var found []string
		for _, sec := range []string{pass, key, token} {
			for _, form := range []string{sec, base64.StdEncoding.EncodeToString([]byte(sec)),
				base64.StdEncoding.EncodeToString([]byte("elastic:" + sec)), base64.StdEncoding.EncodeToString([]byte("u:" + sec))} {
				if strings.Contains(s, form) {
					found = append(found, form)
				}
			}
		}
		return found
	}
	t.Setenv("ELASTICSEARCH_USERNAME", "elastic")
	t.Setenv("ELASTICSEARCH_PASSWORD", pass)
	t.Setenv("ELASTICSEARCH_API_KEY", key)
	t.Setenv("ELASTICSEARCH_TOKEN", token)

	// Help of every command.
	root := newRoot()
	cmds := [][]string{{"--help"}}
	for _, c := range root.Commands() {
		cmds = append(cmds, []string{c.Name(), "--help"})
		for _, sub := range c.Commands() {
			cmds = append(cmds, []string{c.Name(), sub.Name(), "--help"})
		}
	}
	for _, args := range cmds {
		out, err := run(t, "", args...)
		if l := leaks(out + fmt.Sprint(err)); l != nil {
			t.Errorf("esgo %s: secret %q in:\n%s", strings.Join(args, " "), l, out)
		}
	}

	// Errors and traces, with malformed and unreachable addresses, the
	// secrets coming from flags, the environment and the URL.
	stderr := captureStderr(t)
	traced := "" // the trace goes to the command's standard error
	for _, args := range [][]string{
		{"call", "GET", "/", "--url", "http://u:" + pass + "@ho st:9200"},
		{"call", "GET", "/", "--url", "u:" + pass + "@host:x"},
		{"call", "GET", "/", "--url", "http://elastic:" + pass + "@127.0.0.1:1", "--trace"},
		{"call", "GET", "/", "--url", "http://127.0.0.1:1", "--trace"},
		{"call", "GET", "/", "--url", "http://127.0.0.1:1", "--trace", "--api-key", key},
		{"call", "GET", "/", "--url", "http://127.0.0.1:1", "--trace", "--token", token},
		{"call", "GET", "/", "--url", "http://127.0.0.1:1", "--trace", "--password", pass},
		{"search", "idx", "q", "--url", "http://u:" + pass + "@[::1"},
	} {
		out, err := run(t, "", args...)
		traced += out
		if err == nil {
			t.Errorf("esgo %s: no error", strings.Join(args, " "))
		}
		if l := leaks(out + fmt.Sprint(err) + fmt.Sprintf("%#v", err)); l != nil {
			t.Errorf("esgo %s: secret %q in: %s %v", strings.Join(args, " "), l, out, err)
		}
	}
	if s := stderr() + traced; leaks(s) != nil {
		t.Errorf("secret %q in standard error:\n%s", leaks(s), s)
	} else if !strings.Contains(s, "curl") {
		t.Errorf("no trace was written; standard error:\n%s", s)
	}
}

// captureStderr redirects os.Stderr (where --trace writes) to a file until
// the returned function reads it back.
func captureStderr(t *testing.T) func() string {
	f, err := os.CreateTemp(t.TempDir(), "stderr")
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stderr
	os.Stderr = f
	restore := func() { os.Stderr = old }
	t.Cleanup(restore)
	return func() string {
		restore()
		_, _ = f.Seek(0, io.SeekStart)
		b, _ := io.ReadAll(f)
		return string(b)
	}
}
