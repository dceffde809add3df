// Command esgo-raw connects to Elasticsearch and runs one search with esgo's
// client and generated API; bench measures its binary size.
package main

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/api"
)

type logDoc struct {
	Host string `json:"host"`
	Msg  string `json:"msg"`
}

type searchResult struct {
	Hits struct {
		Hits []struct {
			ID     string `json:"_id"`
			Source logDoc `json:"_source"`
		} `json:"hits"`
	} `json:"hits"`
}

func main() {
	client, err := esgo.New(esgo.WithAddresses(os.Getenv("ES_URL")))
	if err != nil {
		log.Fatal(err)
	}
	res, err := api.Decode[searchResult](client.Raw.Search(context.Background(), api.SearchRequest{
		Index:   []string{"logs"},
		RawBody: map[string]any{"query": map[string]any{"match": map[string]any{"msg": "served"}}},
	}))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(res.Hits.Hits), "hits")
}
