package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"reflect"
	"testing"

	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/eslocal/eslocaltest"
	"github.com/esgo/esgo/types"
)

// The typed search decodes answers with types.SearchResponseBody's own
// decoder (DecodeBody). On real answers of the server that carry every
// member a hit can have (highlight, fields, inner hits, explanation,
// named queries, sort, sequence numbers) and the members of a response
// (aggregations with sub-aggregations, suggestions, profile), it must read
// the answer itself and give what encoding/json gives.
func TestSearchDecodeBodyOnRealAnswers(t *testing.T) {
	c := eslocaltest.Elasticsearch(t)
	ctx := context.Background()
	a := api.New(httpTransport{base: c.URL(), hc: c.HTTPClient()})
	const index = "api-decode-body-it"
	a.Indices.Delete(ctx, api.IndicesDeleteRequest{Index: []string{index}})
	t.Cleanup(func() { a.Indices.Delete(context.Background(), api.IndicesDeleteRequest{Index: []string{index}}) })
	if _, err := a.Indices.Create(ctx, api.IndicesCreateRequest{Index: index, RawBody: `{
		"settings": {"number_of_replicas": 0},
		"mappings": {"properties": {"title": {"type": "text"}, "tag": {"type": "keyword"}, "year": {"type": "integer"},
			"price": {"type": "double"}, "big": {"type": "long"}, "comments": {"type": "nested", "properties": {"who": {"type": "keyword"}}}}}}`}); err != nil {
		t.Fatal(err)
	}
	docs := []string{
		`{"title":"Relevant search \"quoted\" é😀","tag":"books","year":2016,"price":39.5,"big":9007199254740993,"comments":[{"who":"ann"},{"who":"bob"}],"extra":{"n":[1,2.5,null,true]}}`,
		`{"title":"Elasticsearch in action","tag":"books","year":2015,"price":44,"comments":[{"who":"ann"}]}`,
		`{"title":"Search patterns","tag":"papers","year":2021}`,
	}
	var nd bytes.Buffer
	for _, d := range docs {
		nd.WriteString(`{"index":{"_index":"` + index + `"}}` + "\n" + d + "\n")
	}
	if _, err := a.Bulk(ctx, api.BulkRequest{RawBody: nd.Bytes(), Refresh: api.RefreshTrue}); err != nil {
		t.Fatal(err)
	}
	bodies := []string{
		`{"query":{"bool":{"should":[{"match":{"title":{"query":"search","_name":"q_title"}}},
			{"nested":{"path":"comments","query":{"term":{"comments.who":"ann"}},"inner_hits":{}}}]}},
		  "highlight":{"fields":{"title":{}}}, "fields":["year","tag"], "explain":true, "seq_no_primary_term":true, "version":true,
		  "sort":[{"year":"desc"},"_score"], "track_scores":true,
		  "aggs":{"tags":{"terms":{"field":"tag"},"aggs":{"avg_price":{"avg":{"field":"price"}},"max_big":{"max":{"field":"big"}}}},
		          "years":{"histogram":{"field":"year","interval":5}}, "price_stats":{"stats":{"field":"price"}}},
		  "suggest":{"s":{"text":"serch","term":{"field":"title"}}}}`,
		`{"query":{"match_all":{}},"profile":true,"size":1,"track_total_hits":false}`,
		`{"query":{"term":{"tag":"nothing"}},"aggs":{"none":{"terms":{"field":"tag"}}}}`,
	}
	for _, body := range bodies {
		resp, err := a.Raw.Search(ctx, api.SearchRequest{Index: []string{index}, RawBody: body, TypedKeys: new(true)})
		if err != nil {
			t.Fatal(err)
		}
		raw, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("status %d: %s (%v)", resp.StatusCode, raw, err)
		}
		sameAsEncodingJSON[json.RawMessage](t, raw)
		sameAsEncodingJSON[map[string]any](t, raw)
	}
	// And through the API: the same values as encoding/json.
	res, err := a.Search(ctx, api.SearchRequest{Index: []string{index}, RawBody: bodies[0]})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits.Hits) == 0 || len(res.Hits.Hits[0].Highlight["title"]) == 0 || len(res.Hits.Hits[0].InnerHits) == 0 || res.Hits.Hits[0].SeqNo == nil {
		t.Fatalf("first hit = %+v", res.Hits.Hits[0])
	}
	if _, err := res.Aggregations.StringTerms("tags"); err != nil {
		t.Fatal(err)
	}
}

func sameAsEncodingJSON[T any](t *testing.T, raw []byte) {
	t.Helper()
	var want types.SearchResponseBody[T]
	dec := json.NewDecoder(bytes.NewReader(raw)) // the default serializer without DecodeBody
	dec.UseNumber()
	if err := dec.Decode(&want); err != nil {
		t.Fatal(err)
	}
	var got types.SearchResponseBody[T]
	if !got.DecodeBody(append([]byte(nil), raw...)) {
		t.Fatalf("DecodeBody refused a real answer: %s", raw)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("DecodeBody differs from encoding/json on %s:\n got  %+v\n want %+v", raw, got, want)
	}
}
