package api_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/transport"
)

// printer is a transport.Interface that prints each request instead of
// sending it.
type printer struct{}

func (printer) Perform(_ context.Context, req *transport.Request) (*transport.Response, error) {
	if q := req.Query.Encode(); q != "" {
		fmt.Println(req.Method, req.Path, q)
	} else {
		fmt.Println(req.Method, req.Path)
	}
	return &transport.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(`{"count":3}`))}, nil
}

func ExampleAPI_Search() {
	a := api.New(printer{}) // usually the embedded API of an *esgo.Client
	resp, err := a.Search(context.Background(), api.SearchRequest{
		Index: []string{"books"},
		Size:  new(5),
		Body:  map[string]any{"query": map[string]any{"match": map[string]any{"title": "go"}}},
	})
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	// Output: POST /books/_search size=5
}

func ExampleDecode() {
	a := api.New(printer{})
	res, err := api.Decode[struct {
		Count int `json:"count"`
	}](a.Count(context.Background(), api.CountRequest{Index: []string{"books"}}))
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
