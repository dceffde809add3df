package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/esgo/esgo/eslocal/eslocaltest"
)

func TestDemoIndexesAndFinds(t *testing.T) {
	c := eslocaltest.Elasticsearch(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var out bytes.Buffer
	if err := runDemo(ctx, &out, c.URL(), "information retrieval"); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{"Indexed 8 books", "(0 failed)", "Search for \"information retrieval\": 2 hits", "Introduction to Information Retrieval", "2000s: 2"} {
		if !strings.Contains(got, want) {
			t.Errorf("demo output lacks %q:\n%s", want, got)
		}
	}
}
