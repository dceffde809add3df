// Command esgo connects to Elasticsearch and runs one search with esgo's
// typed API (typed body, typed response); bench measures its binary size.
package main

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/types"
)

func main() {
	client, err := esgo.New(esgo.WithAddresses(os.Getenv("ES_URL")))
	if err != nil {
		log.Fatal(err)
	}
	res, err := client.Search(context.Background(), api.SearchRequest{
		Index: []string{"logs"},
		Body: &api.SearchBody{Query: &types.QueryContainer{
			Match: map[string]types.MatchQuery{"msg": {Query: types.MatchQueryQueryFromString("served")}},
		}},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(res.Hits.Hits), "hits")
}
