// Command esgo-dsl-match-terms builds one match query with esgo's DSL and
// reads one terms aggregation result; bench measures its binary size (the
// DSL must not link the code of the other query types or aggregation
// results).
package main

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/dsl"
)

type logDoc struct {
	Host string `json:"host"`
	Msg  string `json:"msg"`
}

func main() {
	client, err := esgo.New(esgo.WithAddresses(os.Getenv("ES_URL")))
	if err != nil {
		log.Fatal(err)
	}
	s := dsl.NewSearch("logs").Using(client).Query(dsl.Match("msg", "served")).Agg("hosts", dsl.TermsAgg("host"))
	res, err := dsl.Execute[logDoc](context.Background(), s)
	if err != nil {
		log.Fatal(err)
	}
	buckets, err := dsl.Buckets[string](res.Aggregations, "hosts")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(res.Hits.Hits), "hits", len(buckets), "hosts")
}
