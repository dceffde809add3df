// Command goes-typed connects to Elasticsearch and runs one search with
// go-elasticsearch's typed API; bench measures its binary size.
package main

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/elastic/go-elasticsearch/v9"
	"github.com/elastic/go-elasticsearch/v9/typedapi/core/search"
	"github.com/elastic/go-elasticsearch/v9/typedapi/types"
)

func main() {
	es, err := elasticsearch.NewTyped(elasticsearch.WithAddresses(os.Getenv("ES_URL")))
	if err != nil {
		log.Fatal(err)
	}
	res, err := es.Search().Index("logs").Request(&search.Request{
		Query: &types.Query{Match: map[string]types.MatchQuery{"msg": {Query: "served"}}},
	}).Do(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(res.Hits.Hits), "hits")
}
