// Command esgo-typed20 uses 20 common endpoints through esgo's typed API
// (search, count, get, index, delete, update, bulk, mget, msearch, scroll,
// clear scroll, open point in time, delete/update by query, reindex, indices
// create, delete, refresh, put mapping, cluster health); bench measures its
// binary size.
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

func check(v any, err error) {
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%T\n", v)
}

func main() {
	c, err := esgo.New(esgo.WithAddresses(os.Getenv("ES_URL")))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	q := &types.QueryContainer{Match: map[string]types.MatchQuery{"msg": {Query: types.MatchQueryQueryFromString("served")}}}
	check(c.Indices.Create(ctx, api.IndicesCreateRequest{Index: "logs", Body: &api.IndicesCreateBody{
		Mappings: &types.TypeMapping{Properties: map[string]types.Property{"msg": types.PropertyFromText(types.TextProperty{})}}}}))
	check(c.Indices.PutMapping(ctx, api.IndicesPutMappingRequest{Index: []string{"logs"}, Body: &api.IndicesPutMappingBody{
		Properties: map[string]types.Property{"host": types.PropertyFromKeyword(types.KeywordProperty{})}}}))
	check(c.Index(ctx, api.IndexRequest{Index: "logs", ID: "1", Body: map[string]string{"msg": "served"}}))
	check(c.Get(ctx, api.GetRequest{Index: "logs", ID: "1"}))
	check(c.Update(ctx, api.UpdateRequest{Index: "logs", ID: "1", Body: &api.UpdateBody{Doc: []byte(`{"host":"a"}`)}}))
	check(c.Bulk(ctx, api.BulkRequest{Index: "logs", RawBody: []any{map[string]any{"index": map[string]any{}}, map[string]string{"msg": "x"}}}))
	check(c.Indices.Refresh(ctx, api.IndicesRefreshRequest{Index: []string{"logs"}}))
	check(c.Mget(ctx, api.MgetRequest{Index: "logs", Body: &api.MgetBody{IDs: []string{"1"}}}))
	check(c.Search(ctx, api.SearchRequest{Index: []string{"logs"}, Scroll: "1m", Body: &api.SearchBody{Query: q}}))
	check(c.Scroll(ctx, api.ScrollRequest{Body: &api.ScrollBody{ScrollID: "x"}}))
	check(c.ClearScroll(ctx, api.ClearScrollRequest{Body: &api.ClearScrollBody{ScrollID: []string{"x"}}}))
	check(c.Count(ctx, api.CountRequest{Index: []string{"logs"}, Body: &api.CountBody{Query: q}}))
	check(c.Msearch(ctx, api.MsearchRequest{RawBody: []any{map[string]any{"index": "logs"}, map[string]any{}}}))
	check(c.OpenPointInTime(ctx, api.OpenPointInTimeRequest{Index: []string{"logs"}, KeepAlive: "1m"}))
	check(c.UpdateByQuery(ctx, api.UpdateByQueryRequest{Index: []string{"logs"}, Body: &api.UpdateByQueryBody{Query: q}}))
	check(c.DeleteByQuery(ctx, api.DeleteByQueryRequest{Index: []string{"logs"}, Body: &api.DeleteByQueryBody{Query: q}}))
	check(c.Reindex(ctx, api.ReindexRequest{Body: &api.ReindexBody{Source: types.ReindexSource{Index: []string{"logs"}}, Dest: types.ReindexDestination{Index: "logs2"}}}))
	check(c.Delete(ctx, api.DeleteRequest{Index: "logs", ID: "1"}))
	check(c.Indices.Delete(ctx, api.IndicesDeleteRequest{Index: []string{"logs"}}))
	check(c.Cluster.Health(ctx, api.ClusterHealthRequest{}))
}
