// Command goes-terms-read sends a search with a terms aggregation as raw
// JSON with go-elasticsearch's low-level request over the transport alone,
// and reads the aggregation into its typed types.StringTermsAggregate (the
// smallest way to read a typed aggregate with go-elasticsearch: its typed
// client would add the whole search response decoder); bench measures its
// binary size.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/url"
	"os"
	"strings"

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
	res, err := esapi.SearchRequest{Index: []string{"logs"},
		Body: strings.NewReader(`{"size":0,"aggs":{"hosts":{"terms":{"field":"host"}}}}`)}.Do(context.Background(), tp)
	if err != nil {
		log.Fatal(err)
	}
	defer res.Body.Close()
	var out struct {
		Aggregations struct {
			Hosts types.StringTermsAggregate `json:"hosts"`
		} `json:"aggregations"`
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		log.Fatal(err)
	}
	buckets, _ := out.Aggregations.Hosts.Buckets.([]types.StringTermsBucket)
	fmt.Println(len(buckets), "hosts")
}
