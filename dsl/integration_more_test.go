package dsl_test

import (
	"context"
	"slices"
	"testing"

	"github.com/esgo/esgo/dsl"
)

func TestIntegrationSuggestAndPaging(t *testing.T) {
	conn := esConn(t)
	ctx := context.Background()
	docs := setupBlog(t, conn, "dsl-it-paging")

	// Term suggester.
	resp, err := dsl.Execute[blogPost](ctx, docs.Search().Size(0).
		Suggest("fix", "concurency", dsl.P("term", map[string]any{"field": "body"})).
		Suggest("fix2", "goroutnes", dsl.P("term", map[string]any{"field": "body"})))
	if err != nil {
		t.Fatal(err)
	}
	sg, err := resp.Suggestions("fix2")
	if err != nil || len(sg) != 1 || sg[0].Text != "goroutnes" || len(sg[0].Options) == 0 || sg[0].Options[0].Text != "goroutines" {
		t.Errorf("suggestions = %+v, %v", sg, err)
	}
	if _, err := resp.Suggestions("nope"); err == nil {
		t.Error("unknown suggester")
	}

	// search_after pagination over all posts by lines.
	s := docs.Search().Sort("lines").Size(2)
	var ids []string
	for range 10 {
		page, err := dsl.Execute[blogPost](ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range page.Hits.Hits {
			ids = append(ids, h.Meta.ID)
		}
		next, ok := dsl.NextPage(s, page)
		if !ok {
			break
		}
		s = next
	}
	if !slices.Equal(ids, []string{"5", "3", "1", "4", "2"}) {
		t.Errorf("pages = %v", ids)
	}
}
