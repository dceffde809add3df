// Command goes-typed20 uses the same 20 endpoints as esgo-typed20 through
// go-elasticsearch's typed client; bench measures its binary size.
package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/elastic/go-elasticsearch/v9"
	"github.com/elastic/go-elasticsearch/v9/typedapi/core/search"
	"github.com/elastic/go-elasticsearch/v9/typedapi/types"
)

func check(v any, err error) {
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%T\n", v)
}

func main() {
	es, err := elasticsearch.NewTyped(elasticsearch.WithAddresses(os.Getenv("ES_URL")))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	q := &types.Query{Match: map[string]types.MatchQuery{"msg": {Query: "served"}}}
	check(es.Indices.Create("logs").Mappings(&types.TypeMapping{Properties: map[string]types.Property{"msg": types.NewTextProperty()}}).Do(ctx))
	check(es.Indices.PutMapping("logs").Properties(map[string]types.Property{"host": types.NewKeywordProperty()}).Do(ctx))
	check(es.Index("logs").Id("1").Document(map[string]string{"msg": "served"}).Do(ctx))
	check(es.Get("logs", "1").Do(ctx))
	check(es.Update("logs", "1").Raw(strings.NewReader(`{"doc":{"host":"a"}}`)).Do(ctx))
	check(es.Bulk().Index("logs").Raw(strings.NewReader("{\"index\":{}}\n{\"msg\":\"x\"}\n")).Do(ctx))
	check(es.Indices.Refresh().Index("logs").Do(ctx))
	check(es.Mget().Index("logs").Ids("1").Do(ctx))
	check(es.Search().Index("logs").Scroll("1m").Request(&search.Request{Query: q}).Do(ctx))
	check(es.Scroll().ScrollId("x").Do(ctx))
	check(es.ClearScroll().ScrollId("x").Do(ctx))
	check(es.Count().Index("logs").Query(q).Do(ctx))
	check(es.Msearch().Raw(strings.NewReader("{\"index\":\"logs\"}\n{}\n")).Do(ctx))
	check(es.OpenPointInTime("logs").KeepAlive("1m").Do(ctx))
	check(es.UpdateByQuery("logs").Query(q).Do(ctx))
	check(es.DeleteByQuery("logs").Query(q).Do(ctx))
	check(es.Reindex().Source(&types.ReindexSource{Index: []string{"logs"}}).Dest(&types.ReindexDestination{Index: "logs2"}).Do(ctx))
	check(es.Delete("logs", "1").Do(ctx))
	check(es.Indices.Delete("logs").Do(ctx))
	check(es.Cluster.Health().Do(ctx))
}
