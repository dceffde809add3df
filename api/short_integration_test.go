package api_test

import (
	"context"
	"strings"
	"testing"

	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/types"
)

// A search built only from the short constructors of types (match, term,
// terms, range, sort, highlight, track_total_hits, _source, search_after)
// is accepted by the server and finds what the JSON it reads like finds.
func TestShortConstructorsSearch(t *testing.T) {
	const index = "api-short-constructors-it"
	client := freshIndex(t, index)
	ctx := context.Background()
	if _, err := client.Indices.Create(ctx, api.IndicesCreateRequest{Index: index, RawBody: `{"mappings":{"properties":{
		"title":{"type":"text"},"category":{"type":"keyword"},"price":{"type":"double"},"added":{"type":"date"},"stock":{"type":"long"}}}}`}); err != nil {
		t.Fatal(err)
	}
	docs := []string{
		`{"title":"quick brown fox","category":"books","price":12.5,"added":"2026-01-05","stock":9007199254740993}`,
		`{"title":"quick red fox","category":"music","price":18,"added":"2026-02-01","stock":1}`,
		`{"title":"quick fox cub","category":"books","price":25,"added":"2026-03-01","stock":2}`,
		`{"title":"lazy dog","category":"books","price":15,"added":"2026-01-10","stock":3}`,
		`{"title":"quick fox","category":"toys","price":14,"added":"2026-01-11","stock":4}`,
	}
	var bulk strings.Builder
	for i, d := range docs {
		bulk.WriteString(`{"index":{"_id":"` + string(rune('1'+i)) + `"}}` + "\n" + d + "\n")
	}
	if _, err := client.Bulk(ctx, api.BulkRequest{Index: index, Refresh: api.RefreshTrue, RawBody: bulk.String()}); err != nil {
		t.Fatal(err)
	}
	body := func(after []types.FieldValue) *api.SearchBody {
		return &api.SearchBody{
			Size: new(1),
			Query: &types.QueryContainer{Bool: &types.BoolQuery{
				Must: types.OneOrMany[types.QueryContainer]{{Match: map[string]types.MatchQuery{"title": types.MatchValue("quick fox")}}},
				Filter: types.OneOrMany[types.QueryContainer]{
					{Terms: &types.TermsQuery{Extra: map[string]types.TermsQueryField{"category": types.TermsValues("books", "music")}}},
					{Range: map[string]types.RangeQuery{"price": types.Range(types.Gte(10), types.Lt(20))}},
					{Range: map[string]types.RangeQuery{"added": types.Range(types.Gte("2026-01-01"), types.Lte("2026-02-01"))}},
				},
				MustNot: types.OneOrMany[types.QueryContainer]{{Term: map[string]types.TermQuery{"stock": types.TermValue(3)}}},
			}},
			Sort:           types.Sort{types.SortByField("price", types.SortOrderDesc), types.SortByDoc(types.SortOrderAsc)},
			Highlight:      &types.Highlight{Fields: types.HighlightFieldsOf("title")},
			TrackTotalHits: types.TrackTotalHits(true),
			Source:         types.SourceIncludes("title", "stock"),
			SearchAfter:    after,
		}
	}
	type doc struct {
		Title    string `json:"title"`
		Category string `json:"category"`
		Stock    int64  `json:"stock"`
	}
	var ids []string
	var after []types.FieldValue
	for range 3 {
		res, err := api.SearchAs[doc](ctx, api.New(client), api.SearchRequest{Index: []string{index}, Body: body(after)})
		if err != nil {
			t.Fatal(err)
		}
		if total, err := res.Hits.Total.AsTotalHits(); err != nil || total.Value != 2 || total.Relation != types.TotalHitsRelationEq {
			t.Fatalf("total = %+v, %v", total, err)
		}
		if len(res.Hits.Hits) == 0 {
			break
		}
		h := res.Hits.Hits[0]
		ids = append(ids, h.ID)
		if h.Source.Category != "" || h.Source.Title == "" {
			t.Errorf("hit %s: _source not filtered to title and stock: %+v", h.ID, h.Source)
		}
		if len(h.Highlight["title"]) != 1 || !strings.Contains(h.Highlight["title"][0], "<em>quick</em>") {
			t.Errorf("hit %s: highlight = %v", h.ID, h.Highlight)
		}
		after = h.Sort
	}
	if strings.Join(ids, ",") != "2,1" {
		t.Errorf("ids = %v, want 2,1 (price descending, 3 and 5 filtered out, 4 excluded)", ids)
	}
	// The exact long survives as a term value.
	res, err := api.SearchAs[doc](ctx, api.New(client), api.SearchRequest{Index: []string{index}, Body: &api.SearchBody{
		Query: &types.QueryContainer{Term: map[string]types.TermQuery{"stock": types.TermValue(int64(9007199254740993))}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits.Hits) != 1 || res.Hits.Hits[0].Source.Stock != 9007199254740993 {
		t.Errorf("term on a long above 2^53: %d hits", len(res.Hits.Hits))
	}
}
