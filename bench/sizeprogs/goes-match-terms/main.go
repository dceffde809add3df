// Command goes-match-terms builds one match query with go-elasticsearch's
// typed API and reads one terms aggregation result; bench measures its
// binary size.
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
	field := "host"
	res, err := es.Search().Index("logs").Request(&search.Request{
		Query:        &types.Query{Match: map[string]types.MatchQuery{"msg": {Query: "served"}}},
		Aggregations: map[string]types.Aggregations{"hosts": {Terms: &types.TermsAggregation{Field: &field}}},
	}).Do(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	st, ok := res.Aggregations["hosts"].(*types.StringTermsAggregate)
	if !ok {
		log.Fatal("no hosts")
	}
	buckets, _ := st.Buckets.([]types.StringTermsBucket)
	fmt.Println(len(res.Hits.Hits), "hits", len(buckets), "hosts")
}
