// Command esgo-search-as runs one typed search with esgo's typed API and
// decodes the hits into the program's own struct (api.SearchAs, the path
// dsl.Execute sends through too); bench measures its binary size.
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

type logDoc struct {
	Host string `json:"host"`
	Msg  string `json:"msg"`
}

func main() {
	client, err := esgo.New(esgo.WithAddresses(os.Getenv("ES_URL")))
	if err != nil {
		log.Fatal(err)
	}
	res, err := api.SearchAs[logDoc](context.Background(), client.API, api.SearchRequest{
		Index: []string{"logs"},
		Body:  &api.SearchBody{Query: &types.QueryContainer{Match: map[string]types.MatchQuery{"msg": types.MatchValue("served")}}},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(res.Hits.Hits), "hits")
}
