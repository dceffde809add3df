package main

import (
	"slices"
	"strings"
	"testing"
)

// TestCheckCopyArgs: DEST is one name, {index} the one placeholder.
func TestCheckCopyArgs(t *testing.T) {
	for _, c := range []struct {
		source, dest string
		ok           bool
	}{
		{"books", "books-v2", true},
		{"logs-*,users", "{index}-v2", true},
		{"logs-*", "{index}", true},
		{"logs-*", "copy-{index}-{index}", true},
		{"logs", "logs-*", false},
		{"logs", "a,b", false},
		{"logs", "", false},
		{"logs", "x-{name}", false},
		{"logs", "x-{index", false},
		{",", "x", false},
	} {
		if err := checkCopyArgs(c.source, c.dest); (err == nil) != c.ok {
			t.Errorf("checkCopyArgs(%q, %q) = %v", c.source, c.dest, err)
		}
	}
}

// TestChunkNames: long lists are split to fit in a request path, never a
// list with an exclusion.
func TestChunkNames(t *testing.T) {
	var names []string
	for i := range 400 {
		names = append(names, strings.Repeat("x", 20)+itoa(i))
	}
	chunks := chunkNames(names)
	if len(chunks) < 2 {
		t.Fatalf("%d chunks", len(chunks))
	}
	var all []string
	for _, c := range chunks {
		if n := len(strings.Join(c, ",")); n > maxPathList {
			t.Errorf("a chunk of %d bytes", n)
		}
		all = append(all, c...)
	}
	if !slices.Equal(all, names) {
		t.Error("chunks lose or reorder names")
	}
	with := append(slices.Clone(names), "-x1")
	if c := chunkNames(with); len(c) != 1 || len(c[0]) != len(with) {
		t.Errorf("a list with an exclusion was split")
	}
}

// TestCopyResumeCommand: the resume command is shell-quoted, names the
// sources one by one, repeats the options that matter, never a password.
func TestCopyResumeCommand(t *testing.T) {
	h := copyHints{dest: "{index}-v2", o: copyOptions{toURLs: []string{"http://u:secret@other:9200"}, aliases: "always"},
		connArgs: []string{"--url", "http://src:9200"}}
	got := h.resume([]string{"logs-a", "it's"})
	want := `esgo copy 'logs-a,it'\''s' '{index}-v2' --url http://src:9200 --to-url http://u:xxxxx@other:9200 --aliases always --resume`
	if strings.Contains(got, "secret") {
		t.Fatalf("a password in %s", got)
	}
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
