package esgo_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/transport"
	"github.com/esgo/esgo/types"
	"go.opentelemetry.io/otel"
)

// The client is created once and shared; New does no I/O.
func ExampleNew() {
	client, err := esgo.New(
		esgo.WithAddresses("http://localhost:9200"),
		esgo.WithRetries(5),
		esgo.WithRequestTimeout(10*time.Second),
	)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(client.NodeStats()[0].URL)
	// Output: http://localhost:9200
}

// Configuration mistakes are reported by New.
func ExampleNew_configError() {
	_, err := esgo.New(esgo.WithBasicAuth("elastic", "pw"), esgo.WithAPIKey("a2V5"))
	var ce *transport.ConfigError
	fmt.Println(errors.As(err, &ce))
	fmt.Println(err)
	// Output:
	// true
	// transport: authentication: use one method, not WithBasicAuth and WithAPIKey
}

// Error statuses are errors that errors.Is and errors.As understand.
func ExampleError() {
	client, err := esgo.New(esgo.WithAddresses(os.Getenv("ES_URL")))
	if err != nil {
		log.Fatal(err)
	}
	_, err = client.Get(context.Background(), api.GetRequest{Index: "products", ID: "42"})
	var apiErr *transport.Error
	switch {
	case errors.Is(err, esgo.ErrNotFound):
		fmt.Println("no such product")
	case errors.As(err, &apiErr):
		fmt.Println(apiErr.Status, apiErr.Type, apiErr.Reason)
	case err != nil:
		fmt.Println("transport failure:", err)
	}
}

// The typed API: typed request bodies, typed responses, aggregation results
// read by name and kind.
func ExampleClient_Search() {
	client, err := esgo.New(esgo.WithAddresses(os.Getenv("ES_URL")))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	res, err := client.Search(ctx, api.SearchRequest{Index: []string{"books"}, Body: &api.SearchBody{
		Query: new(types.Bool(
			types.Must(types.MatchOn("title", "search")),
			types.Filter(types.RangeOn("year", types.Gte(2010))),
		)),
		Sort:         types.Sort{types.SortByField("year", types.SortOrderDesc)},
		Aggregations: types.Aggs(types.Agg("by_year", types.TermsAgg("year"))),
	}})
	if err != nil {
		log.Fatal(err)
	}
	for _, hit := range res.Hits.Hits {
		var book struct {
			Title string `json:"title"`
		}
		if err := json.Unmarshal(hit.Source, &book); err != nil {
			log.Fatal(err)
		}
		fmt.Println(hit.ID, book.Title)
	}
	years, err := res.Aggregations.LongTerms("by_year")
	if err != nil {
		log.Fatal(err)
	}
	for _, b := range years.Buckets.Array {
		fmt.Println(b.Key, b.DocCount)
	}
}

// ParseError reads an Elasticsearch error body.
func ExampleParseError() {
	e := transport.ParseError(404, []byte(`{"error":{"type":"index_not_found_exception","reason":"no such index [x]"},"status":404}`))
	fmt.Println(errors.Is(e, esgo.ErrNotFound), e.Type)
	// Output: true index_not_found_exception
}

// Trace mode writes every request as a runnable curl command.
func ExampleWithTrace() {
	client, err := esgo.New(esgo.WithAddresses("http://localhost:9200"), esgo.WithTrace(os.Stderr),
		esgo.WithBasicAuth("elastic", "never-logged"))
	if err != nil {
		log.Fatal(err)
	}
	_ = client
	fmt.Println(transport.CurlCommand("POST", "http://elastic:secret@localhost:9200/i/_search", nil, []byte(`{"size":1}`)))
	// Output:
	// curl -X POST 'http://elastic:xxxxx@localhost:9200/i/_search' -d '{
	//   "size": 1
	// }'
}

// A Cloud ID names the deployment's endpoint; compression is turned on and
// sniffing is refused.
func ExampleWithCloudID() {
	client, err := esgo.New(esgo.WithCloudID("prod:dXMtY2VudHJhbDEuZ2NwLmNsb3VkLmVzLmlvJGFiYzEyMyRraWI0NTY="),
		esgo.WithAPIKey("VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw=="))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(client.NodeStats()[0].URL)

	_, err = esgo.New(esgo.WithCloudID("prod:dXMtY2VudHJhbDEuZ2NwLmNsb3VkLmVzLmlvJGFiYzEyMyRraWI0NTY="), esgo.WithSniffOnStart(true))
	fmt.Println(err)
	// Output:
	// https://abc123.us-central1.gcp.cloud.es.io:443
	// transport: WithCloudID: cannot be combined with sniffing (the cloud proxy hides the nodes)
}

// Spans are created only through the provider the client is given: pass
// the application's global one (it follows a provider installed later,
// such as an OTel SDK set up after the client).
func ExampleWithTracerProvider() {
	client, err := esgo.New(esgo.WithAddresses("http://localhost:9200"),
		esgo.WithTracerProvider(otel.GetTracerProvider()))
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	fmt.Println(client.NodeStats()[0].URL)
	// Output: http://localhost:9200
}
