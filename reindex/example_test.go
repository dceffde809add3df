package reindex_test

import (
	"context"
	"log"

	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/bulk"
	"github.com/esgo/esgo/reindex"
	"github.com/esgo/esgo/transport"
	"github.com/esgo/esgo/types"
)

var oldCluster, newCluster transport.Interface // *esgo.Client values in real code

func ExampleRun() {
	p, err := reindex.Run(context.Background(), oldCluster, newCluster, "logs-2025", "logs-2025-v2",
		reindex.WithQuery(&api.SearchBody{Query: &types.QueryContainer{Term: map[string]types.TermQuery{
			"level": {Value: types.FieldValueFromString("error")}}}}),
		reindex.WithTransform(func(d *reindex.Document) (bool, error) {
			delete(d.Source, "debug")
			return true, nil
		}),
		reindex.WithOpType(bulk.Create),
		reindex.WithProgress(10_000, func(p reindex.Progress) { log.Printf("%d read, %d written", p.Read, p.Written) }),
	)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("done: %+v", p)
}
