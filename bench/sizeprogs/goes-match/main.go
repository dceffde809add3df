// Command goes-match builds one match query with go-elasticsearch's typed
// types (types.Query) and sends it with the low-level request over the
// transport alone, the smallest way go-elasticsearch offers (the typed
// client would add its whole response decoder); bench measures its binary
// size.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/url"
	"os"

	"github.com/elastic/elastic-transport-go/v8/elastictransport"
	"github.com/elastic/go-elasticsearch/v9/esapi"
	"github.com/elastic/go-elasticsearch/v9/typedapi/types"
)

func main() {
	u, err := url.Parse(os.Getenv("ES_URL"))
	if err != nil {
		log.Fatal(err)
	}
	tp, err := elastictransport.NewClient(elastictransport.WithURLs(u))
	if err != nil {
		log.Fatal(err)
	}
	body, err := json.Marshal(map[string]any{"query": types.Query{Match: map[string]types.MatchQuery{"msg": {Query: "served"}}}})
	if err != nil {
		log.Fatal(err)
	}
	res, err := esapi.SearchRequest{Index: []string{"logs"}, Body: bytes.NewReader(body)}.Do(context.Background(), tp)
	if err != nil {
		log.Fatal(err)
	}
	defer res.Body.Close()
	n, _ := io.Copy(io.Discard, res.Body)
	fmt.Println(res.StatusCode, n, "bytes")
}
