package reindex_test

import (
	"context"
	"testing"

	"github.com/esgo/esgo/internal/rawtransport"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/eslocal/eslocaltest"
	"github.com/esgo/esgo/reindex"
	"github.com/esgo/esgo/scan"
)

// Reindex between two *esgo.Client values: Elasticsearch to OpenSearch.
func TestEsgoClientsAcrossProducts(t *testing.T) {
	esURL, osURL := eslocaltest.Elasticsearch(t).URL(), eslocaltest.OpenSearch(t).URL()
	src := uniqueIndex(t)
	fill(t, rawtransport.New(esURL), src, 5_000)
	es, err := esgo.New(esgo.WithAddresses(esURL))
	if err != nil {
		t.Fatal(err)
	}
	os, err := esgo.New(esgo.WithAddresses(osURL))
	if err != nil {
		t.Fatal(err)
	}
	dst := src + "-esgo"
	t.Cleanup(func() { do(t, rawtransport.New(osURL), "DELETE", "/"+dst, nil, nil) })
	p, err := reindex.Run(context.Background(), es, os, src, dst, reindex.WithPointInTime(), reindex.WithScanOptions(scan.WithSlices(2)))
	if err != nil {
		t.Fatal(err)
	}
	if p.Read != 5_000 || p.Written != 5_000 || p.Failed != 0 {
		t.Errorf("progress = %+v", p)
	}
	if got := count(t, rawtransport.New(osURL), dst); got != 5_000 {
		t.Errorf("OpenSearch count = %d", got)
	}
}
