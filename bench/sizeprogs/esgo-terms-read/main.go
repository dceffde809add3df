// Command esgo-terms-read sends a search with a terms aggregation as raw
// JSON and reads the aggregation from esgo's typed response
// (types.Aggregates.StringTerms); bench measures its binary size (issue 12:
// reading one aggregate variant must not link the others).
package main

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/api"
)

func main() {
	client, err := esgo.New(esgo.WithAddresses(os.Getenv("ES_URL")))
	if err != nil {
		log.Fatal(err)
	}
	res, err := client.Search(context.Background(), api.SearchRequest{
		Index:   []string{"logs"},
		RawBody: []byte(`{"size":0,"aggs":{"hosts":{"terms":{"field":"host"}}}}`),
	})
	if err != nil {
		log.Fatal(err)
	}
	hosts, err := res.Aggregations.StringTerms("hosts")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(hosts.Buckets.Array), "hosts")
}
