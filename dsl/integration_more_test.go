package dsl_test

import (
	"context"
	"github.com/esgo/esgo/types"
	"slices"
	"strings"
	"testing"

	"github.com/esgo/esgo/dsl"
)

func TestIntegrationSuggestAndPaging(t *testing.T) {
	conn := esConn(t)
	ctx := context.Background()
	docs := setupBlog(t, conn, "dsl-it-paging")

	// Term suggester.
	resp, err := dsl.Execute[blogPost](ctx, docs.Search().Size(0).
		Suggest("fix", "concurency", dsl.WithTerm(types.TermSuggester{Field: "body"})).
		Suggest("fix2", "goroutnes", dsl.WithTerm(types.TermSuggester{Field: "body"})))
	if err != nil {
		t.Fatal(err)
	}
	sg, err := dsl.Suggestions(resp, "fix2")
	if err != nil || len(sg) != 1 || sg[0].Text != "goroutnes" || len(sg[0].Options) == 0 || sg[0].Options[0].Text != "goroutines" {
		t.Errorf("suggestions = %+v, %v", sg, err)
	}
	if _, err := dsl.Suggestions(resp, "nope"); err == nil {
		t.Error("unknown suggester")
	}

	// search_after pagination over all posts by lines: 2 + 2 + 1 hits, and
	// the short last page ends the paging without a fourth request.
	s := docs.Search().Sort("lines").Size(2)
	before := countSearches(conn)
	var ids []string
	for range 10 {
		page, err := dsl.Execute[blogPost](ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range page.Hits.Hits {
			ids = append(ids, h.ID)
		}
		next, ok, err := dsl.NextPage(s, page)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
		s = next
	}
	if !slices.Equal(ids, []string{"5", "3", "1", "4", "2"}) {
		t.Errorf("pages = %v", ids)
	}
	if n := countSearches(conn) - before; n != 3 {
		t.Errorf("%d search requests for 3 pages", n)
	}

	// The same through a point in time: no index in the path, _shard_doc
	// order, every post once, and the point in time closed at the end.
	pit, err := dsl.OpenPointInTime(ctx, docs.Search().Size(2), "1m")
	if err != nil {
		t.Fatal(err)
	}
	before = countSearches(conn)
	var pitIDs []string
	for s := pit; ; {
		page, err := dsl.Execute[blogPost](ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range page.Hits.Hits {
			pitIDs = append(pitIDs, h.ID)
		}
		next, ok, err := dsl.NextPage(s, page)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
		s = next
	}
	slices.Sort(pitIDs)
	if !slices.Equal(pitIDs, []string{"1", "2", "3", "4", "5"}) {
		t.Errorf("point-in-time pages = %v", pitIDs)
	}
	if n := countSearches(conn) - before; n != 3 {
		t.Errorf("%d point-in-time search requests for 3 pages", n)
	}
	if last := conn.Requests[len(conn.Requests)-1]; last != "POST /_search" {
		t.Errorf("a point-in-time search went to %q", last)
	}
	if err := dsl.ClosePointInTime(ctx, pit); err != nil {
		t.Errorf("closing the point in time: %v", err)
	}
}

func countSearches(c *testConn) int {
	n := 0
	for _, r := range c.Requests {
		if strings.HasSuffix(r, "/_search") {
			n++
		}
	}
	return n
}

// Execute, Iterate and Scan return the same hit type with every piece of
// hit metadata the server sends: highlight, matched queries, explanation
// with the shard and node, sequence numbers, version and inner hits.
func TestIntegrationIterateKeepsHitMetadata(t *testing.T) {
	conn := esConn(t)
	ctx := context.Background()
	docs := setupBlog(t, conn, "dsl-it-iterate-meta")
	// The one Go post with comments ("2").
	s := docs.Search().Query(dsl.And(dsl.Match("title", "go", dsl.QueryName("title_go")),
		dsl.Nested("comments", dsl.MatchAll(), dsl.InnerHits(types.InnerHits{})))).
		Highlight([]string{"title"}).Extra("explain", true).Extra("seq_no_primary_term", true).Extra("version", true)
	execute := func() func(func(dsl.Hit[blogPost], error) bool) {
		return func(yield func(dsl.Hit[blogPost], error) bool) {
			resp, err := dsl.Execute[blogPost](ctx, s)
			if err != nil {
				yield(dsl.Hit[blogPost]{}, err)
				return
			}
			for _, h := range resp.Hits.Hits {
				if !yield(h, nil) {
					return
				}
			}
		}
	}
	for name, seq := range map[string]func() func(func(dsl.Hit[blogPost], error) bool){
		"Execute": execute,
		"Iterate": func() func(func(dsl.Hit[blogPost], error) bool) { return dsl.Iterate[blogPost](ctx, s) },
		"Scan":    func() func(func(dsl.Hit[blogPost], error) bool) { return dsl.Scan[blogPost](ctx, s) },
	} {
		n := 0
		for h, err := range seq() {
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			n++
			if frags := h.Highlight["title"]; len(frags) == 0 || !strings.Contains(frags[0], "<em>") {
				t.Errorf("%s: hit %s has no highlight: %v", name, h.ID, h.Highlight)
			}
			if mq, err := h.MatchedQueries.AsStringList(); err != nil || !slices.Contains(mq, "title_go") {
				t.Errorf("%s: hit %s matched_queries = %v, %v", name, h.ID, mq, err)
			}
			if h.Explanation == nil || h.Explanation.Description == "" || h.Shard == "" || h.Node == "" {
				t.Errorf("%s: hit %s: explanation %+v, shard %q, node %q", name, h.ID, h.Explanation, h.Shard, h.Node)
			}
			if h.SeqNo == nil || h.PrimaryTerm == nil || h.Version == nil || *h.Version < 1 {
				t.Errorf("%s: hit %s: seq_no %v, primary_term %v, version %v", name, h.ID, h.SeqNo, h.PrimaryTerm, h.Version)
			}
			ih, ok := h.InnerHits["comments"]
			if !ok || len(ih.Hits.Hits) == 0 || ih.Hits.Hits[0].Nested == nil || ih.Hits.Hits[0].Nested.Field != "comments" {
				t.Errorf("%s: hit %s: inner hits %+v", name, h.ID, h.InnerHits)
			} else if c, err := dsl.InnerHitsAs[blogComment](h, "comments"); err != nil || c[0].Source.Text == "" {
				t.Errorf("%s: hit %s: inner hits %+v, %v", name, h.ID, c, err)
			}
		}
		if n != 1 {
			t.Errorf("%s: %d hits, want the Go post with comments", name, n)
		}
	}
}
