// Command goes-lowlevel connects to Elasticsearch and runs one search with
// go-elasticsearch's low-level API; bench measures its binary size.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/elastic/go-elasticsearch/v9"
)

func main() {
	es, err := elasticsearch.New(elasticsearch.WithAddresses(os.Getenv("ES_URL")))
	if err != nil {
		log.Fatal(err)
	}
	res, err := es.Search(es.Search.WithContext(context.Background()), es.Search.WithIndex("logs"),
		es.Search.WithBody(strings.NewReader(`{"query":{"match":{"msg":"served"}}}`)))
	if err != nil {
		log.Fatal(err)
	}
	defer res.Body.Close()
	if res.IsError() {
		log.Fatal(res.String())
	}
	var r struct {
		Hits struct {
			Hits []struct {
				ID     string         `json:"_id"`
				Source map[string]any `json:"_source"`
			} `json:"hits"`
		} `json:"hits"`
	}
	if err := json.NewDecoder(res.Body).Decode(&r); err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(r.Hits.Hits), "hits")
}
