package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/transport"
	"github.com/esgo/esgo/types"
)

// printer is a transport.Interface that prints each request instead of
// sending it, and answers with a canned body.
type printer struct{ body string }

func (p printer) Perform(_ context.Context, req *transport.Request) (*transport.Response, error) {
	if q := req.Query.Encode(); q != "" {
		fmt.Println(req.Method, req.Path, q)
	} else {
		fmt.Println(req.Method, req.Path)
	}
	body := p.body
	if body == "" {
		body = `{"count":3}`
	}
	return &transport.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body))}, nil
}

const searchAnswer = `{"took":2,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},
"hits":{"total":{"value":1,"relation":"eq"},"max_score":1.2,"hits":[
 {"_index":"books","_id":"1","_score":1.2,"_source":{"title":"Go in Action","year":2015}}]},
"aggregations":{"sterms#by_year":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,
 "buckets":[{"key":"2015","doc_count":1,"avg#avg_pages":{"value":264}}]}}}`

// A typed search: the body is checked by the compiler, the response is
// typed, and aggregation results are read by name and kind.
func ExampleAPI_Search() {
	a := api.New(printer{body: searchAnswer}) // usually the embedded API of an *esgo.Client
	res, err := a.Search(context.Background(), api.SearchRequest{
		Index: []string{"books"},
		Body: &api.SearchBody{
			Size:  new(5),
			Query: new(types.MatchOn("title", "go")),
			Aggregations: types.Aggs(
				types.Agg("by_year", types.TermsAgg("year"),
					types.Agg("avg_pages", types.AvgAgg("pages")))),
		},
	})
	if err != nil {
		panic(err)
	}
	for _, hit := range res.Hits.Hits {
		var book struct {
			Title string `json:"title"`
		}
		_ = json.Unmarshal(hit.Source, &book)
		fmt.Println(hit.ID, book.Title)
	}
	years, err := res.Aggregations.StringTerms("by_year")
	if err != nil {
		panic(err)
	}
	for _, b := range years.Buckets.Array {
		avg, _ := b.Aggregations.Avg("avg_pages")
		key, _ := b.Key.AsString()
		fmt.Println(key, b.DocCount, *avg.Value)
	}
	// Output:
	// POST /books/_search typed_keys=true
	// 1 Go in Action
	// 2015 1 264
}

// The raw response is one step away, for a field the specification lacks,
// a newer server, or streaming a large body.
func ExampleRawAPI_Search() {
	a := api.New(printer{})
	resp, err := a.Raw.Count(context.Background(), api.CountRequest{Index: []string{"books"}})
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	fmt.Println(string(b))
	// Output:
	// GET /books/_count
	// {"count":3}
}

func ExampleDecode() {
	a := api.New(printer{})
	res, err := api.Decode[struct {
		Count int `json:"count"`
	}](a.Raw.Count(context.Background(), api.CountRequest{Index: []string{"books"}}))
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Count)
	// Output:
	// GET /books/_count
	// 3
}

func ExampleIndicesAPI_Exists() {
	a := api.New(printer{})
	ok, err := a.Indices.Exists(context.Background(), api.IndicesExistsRequest{Index: []string{"books"}})
	fmt.Println(ok, err)
	// Output:
	// HEAD /books
	// true <nil>
}

// Do sends one request of the generated API, checks its status, and
// decodes the answer into a type of your own, reading the body bounded and
// to its end. Query values and headers are options.
func ExampleDo() {
	client := printer{body: `{"count":42}`} // usually an *esgo.Client
	var out struct {
		Count int `json:"count"`
	}
	status, err := api.Do(context.Background(), client,
		func(ctx context.Context, raw *api.RawAPI, opts ...api.Option) (*transport.Response, error) {
			return raw.Count(ctx, api.CountRequest{Index: []string{"logs"}}, opts...)
		},
		&out, nil, api.WithQuery("q", "level:error"), api.WithHeader("X-Opaque-Id", "report-7"))
	if err != nil {
		panic(err)
	}
	fmt.Println(status, out.Count)
	// Output:
	// GET /logs/_count q=level%3Aerror
	// 200 42
}
