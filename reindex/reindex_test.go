package reindex_test

import (
	"context"
	"errors"
	"strconv"
	"testing"

	"github.com/esgo/esgo/internal/rawtransport"

	"github.com/esgo/esgo/bulk"
	"github.com/esgo/esgo/eslocal/eslocaltest"
	"github.com/esgo/esgo/reindex"
	"github.com/esgo/esgo/scan"
)

func TestMain(m *testing.M) { eslocaltest.Main(m) }

func fill(t *testing.T, tr *rawtransport.Transport, index string, n int) {
	t.Helper()
	do(t, tr, "PUT", "/"+index, map[string]any{"settings": map[string]any{"number_of_shards": 2, "number_of_replicas": 0}}, nil)
	t.Cleanup(func() { do(t, tr, "DELETE", "/"+index, nil, nil) })
	ix, err := bulk.New(tr, bulk.WithIndex(index))
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if err := ix.Add(context.Background(), bulk.Item{ID: strconv.Itoa(i), Body: map[string]any{"n": i, "tag": []string{"a", "b", "c", "d"}[i%4]}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := ix.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	do(t, tr, "POST", "/"+index+"/_refresh", nil, nil)
}

func TestElasticsearchToOpenSearchAndBack(t *testing.T) {
	es := rawtransport.New(eslocaltest.Elasticsearch(t).URL())
	os := rawtransport.New(eslocaltest.OpenSearch(t).URL())
	const n = 40_000
	src := uniqueIndex(t)
	fill(t, es, src, n)
	ctx := context.Background()

	// Elasticsearch -> OpenSearch, with a query, a transform and progress.
	dst := uniqueIndex(t) + "-os"
	t.Cleanup(func() { do(t, os, "DELETE", "/"+dst, nil, nil) })
	var calls []reindex.Progress
	p, err := reindex.Run(ctx, es, os, src, dst,
		reindex.WithQuery(map[string]any{"query": map[string]any{"range": map[string]any{"n": map[string]any{"lt": 30_000}}}}),
		reindex.WithTransform(func(d *reindex.Document) (bool, error) {
			if d.Source["tag"] == "d" {
				return false, nil
			}
			d.Source["copied"] = true
			d.ID = "x" + d.ID
			return true, nil
		}),
		reindex.WithProgress(5000, func(p reindex.Progress) { calls = append(calls, p) }),
		reindex.WithScanOptions(scan.WithSlices(2)))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("ES -> OpenSearch: %+v", p)
	if p.Read != 30_000 || p.Skipped != 7_500 || p.Written != 22_500 || p.Failed != 0 {
		t.Errorf("progress = %+v", p)
	}
	if len(calls) != 7 || calls[len(calls)-1] != p {
		t.Errorf("progress calls: %d, last %+v", len(calls), calls[len(calls)-1])
	}
	if got := count(t, os, dst); got != 22_500 {
		t.Errorf("OpenSearch count = %d", got)
	}
	var doc struct {
		Source map[string]any `json:"_source"`
	}
	do(t, os, "GET", "/"+dst+"/_doc/x1", nil, &doc)
	if doc.Source["copied"] != true || doc.Source["n"] != float64(1) {
		t.Errorf("copied doc = %v", doc.Source)
	}

	// OpenSearch -> Elasticsearch, raw, through a point in time, op type create.
	back := uniqueIndex(t) + "-back"
	t.Cleanup(func() { do(t, es, "DELETE", "/"+back, nil, nil) })
	p, err = reindex.Run(ctx, os, es, dst, back, reindex.WithPointInTime(), reindex.WithOpType(bulk.Create),
		reindex.WithScanOptions(scan.WithSlices(3), scan.WithSize(700)))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("OpenSearch -> ES (point in time, 3 slices): %+v", p)
	if p.Read != 22_500 || p.Written != 22_500 {
		t.Errorf("progress = %+v", p)
	}
	if got := count(t, es, back); got != 22_500 {
		t.Errorf("Elasticsearch count = %d", got)
	}
	// Again with create: every document exists, every one is a reported 409.
	var conflicts int
	p, err = reindex.Run(ctx, os, es, dst, back, reindex.WithOpType(bulk.Create),
		reindex.OnFailure(func(r bulk.Result) {
			var ie *bulk.ItemError
			if errors.As(r.Err, &ie) && ie.Status == 409 {
				conflicts++ // only written from the bulk workers, but read after Run returns
			}
		}), reindex.WithBulkOptions(bulk.WithWorkers(1)))
	if !errors.Is(err, bulk.ErrFailed) || p.Failed != 22_500 || conflicts != 22_500 {
		t.Errorf("second create: %v, %+v, %d conflicts", err, p, conflicts)
	}
}

func TestTransformErrorStops(t *testing.T) {
	es := rawtransport.New(eslocaltest.Elasticsearch(t).URL())
	src := uniqueIndex(t)
	fill(t, es, src, 100)
	boom := errors.New("boom")
	_, err := reindex.Run(context.Background(), es, es, src, src+"-copy", reindex.WithTransform(func(d *reindex.Document) (bool, error) {
		if d.ID == "7" {
			return false, boom
		}
		return true, nil
	}))
	t.Cleanup(func() { do(t, es, "DELETE", "/"+src+"-copy?ignore_unavailable=true", nil, nil) })
	if !errors.Is(err, boom) || !errors.Is(err, reindex.ErrTransform) {
		t.Errorf("err = %v", err)
	}
	if _, err := reindex.Run(context.Background(), es, es, "", "x"); err == nil {
		t.Error("no error without a source index")
	}
}
