package main

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
)

// ingestClient is one way of bulk indexing that figure 1 compares.
type ingestClient struct {
	name string
	run  func(ctx context.Context, cfg config, url, index string, docs int, large bool) (childResult, error)
}

var ingestClients = []ingestClient{
	{"esgo bulk.Indexer", func(ctx context.Context, _ config, url, index string, docs int, large bool) (childResult, error) {
		return goChild(ctx, "esgo-bulk", url, index, docs, large)
	}},
	{"go-elasticsearch BulkIndexer", func(ctx context.Context, _ config, url, index string, docs int, large bool) (childResult, error) {
		return goChild(ctx, "goes-bulk", url, index, docs, large)
	}},
	{goesSameWorkers, func(ctx context.Context, _ config, url, index string, docs int, large bool) (childResult, error) {
		return goChild(ctx, "goes-bulk", url, index, docs, large, "-workers", fmt.Sprint(esgoBulkWorkers))
	}},
	{"elasticsearch-py streaming_bulk", func(ctx context.Context, cfg config, url, index string, docs int, large bool) (childResult, error) {
		return pyChild(ctx, cfg.python, "streaming_bulk", url, index, docs, large)
	}},
	{"elasticsearch-py parallel_bulk", func(ctx context.Context, cfg config, url, index string, docs int, large bool) (childResult, error) {
		return pyChild(ctx, cfg.python, "parallel_bulk", url, index, docs, large)
	}},
}

// esgoBulkWorkers is bulk.Indexer's default worker count on this machine
// (bulk/options.go: max(4, NumCPU)); go-elasticsearch's BulkIndexer
// defaults to NumCPU.
var esgoBulkWorkers = max(4, runtime.NumCPU())

// goesSameWorkers names the row that gives go-elasticsearch's BulkIndexer
// as many workers as esgo's default, so that readers see what the worker
// count alone is worth.
var goesSameWorkers = fmt.Sprintf("go-elasticsearch BulkIndexer, NumWorkers %d (esgo's default)", esgoBulkWorkers)

// scanIndex holds the small documents that the scan figure reads; the
// ingest figure leaves it behind, or the scan figure fills it.
const scanIndex = "bench-scan"

// figIngest is figure 1: bulk ingest into the real server. The clients take
// turns within each run so that drifts in the server's speed spread over
// all of them.
func figIngest(ctx context.Context, cfg config, srv *server, rep *report) error {
	datasets := []struct {
		name  string
		docs  int
		large bool
	}{{"small (~160 B)", cfg.smallDocs, false}, {"large (~2 KB)", cfg.largeDocs, true}}
	// A freshly started server is slow until its JIT has warmed up: one
	// unmeasured round of every Go client first.
	warm := min(cfg.smallDocs, 200_000)
	for _, mode := range []string{"esgo-bulk", "goes-bulk"} {
		logf("ingest warm-up (not measured): %s, %d docs", mode, warm)
		if err := srv.recreate(ctx, "bench-warmup"); err != nil {
			return err
		}
		if _, err := goChild(ctx, mode, srv.url, "bench-warmup", warm, false); err != nil {
			return err
		}
	}
	if err := srv.drop(ctx, "bench-warmup"); err != nil {
		return err
	}
	clients := ingestClients
	if cfg.variants {
		clients = append(slices.Clone(clients),
			ingestClient{"variant: esgo bulk.Indexer, WithWorkers(4)", func(ctx context.Context, _ config, url, index string, docs int, large bool) (childResult, error) {
				return goChild(ctx, "esgo-bulk", url, index, docs, large, "-workers", "4")
			}},
			ingestClient{"variant: esgo bulk.Indexer, WithFlushActions(1e6) (5 MiB batches)", func(ctx context.Context, _ config, url, index string, docs int, large bool) (childResult, error) {
				return goChild(ctx, "esgo-bulk", url, index, docs, large, "-flush-actions", "1000000")
			}},
			ingestClient{"variant: esgo bulk.Indexer, WithServerIDs() (server-made IDs, not exactly-once)", func(ctx context.Context, _ config, url, index string, docs int, large bool) (childResult, error) {
				return goChild(ctx, "esgo-bulk", url, index, docs, large, "-ids", "server")
			}},
			ingestClient{"variant: esgo bulk.Indexer, caller's random 128-bit IDs (create)", func(ctx context.Context, _ config, url, index string, docs int, large bool) (childResult, error) {
				return goChild(ctx, "esgo-bulk", url, index, docs, large, "-ids", "random")
			}},
			ingestClient{"variant: esgo bulk.Indexer, caller's time-ordered IDs (create)", func(ctx context.Context, _ config, url, index string, docs int, large bool) (childResult, error) {
				return goChild(ctx, "esgo-bulk", url, index, docs, large, "-ids", "ordered")
			}})
	}
	if len(cfg.variantSet) > 0 {
		clients = slices.DeleteFunc(clients, func(c ingestClient) bool {
			if !strings.HasPrefix(c.name, "variant:") {
				return false
			}
			for _, want := range cfg.variantSet {
				if strings.Contains(c.name, want) {
					return false
				}
			}
			return true
		})
	}
	if len(cfg.clients) > 0 {
		clients = slices.DeleteFunc(slices.Clone(clients), func(c ingestClient) bool {
			for _, want := range cfg.clients {
				if strings.Contains(c.name, want) {
					return false
				}
			}
			return true
		})
	}
	for _, ds := range datasets {
		samples := make([][]childResult, len(clients))
		for r := range cfg.runs {
			for ci, c := range clients {
				index := fmt.Sprintf("bench-ingest-%d", ci)
				if err := srv.recreate(ctx, index); err != nil {
					return err
				}
				logf("ingest %s run %d/%d: %s, %d docs", ds.name, r+1, cfg.runs, c.name, ds.docs)
				res, err := c.run(ctx, cfg, srv.url, index, ds.docs, ds.large)
				if err != nil {
					return err
				}
				n, err := srv.count(ctx, index)
				if err != nil {
					return err
				}
				if n != ds.docs || res.Failed > 0 {
					return fmt.Errorf("%s: index holds %d documents, want %d (%d failures reported; %s)", c.name, n, ds.docs, res.Failed, res.Note)
				}
				logf("  %.0f docs/s, %.2f CPU s, peak RSS %.0f MB", res.DocsPerS, res.CPUS, float64(res.MaxRSSKB)/1024)
				samples[ci] = append(samples[ci], res)
				if err := srv.drop(ctx, index); err != nil {
					return err
				}
			}
		}
		rep.add(generatorRow(ds.name, ds.docs, ds.large))
		for ci, c := range clients {
			rep.add(newRow("ingest", ds.name, c.name, ds.docs, samples[ci]))
		}
	}
	return nil
}

// figScan is figure 4: reading every document of an index.
func figScan(ctx context.Context, cfg config, srv *server, rep *report) error {
	if err := fillScanIndex(ctx, cfg, srv); err != nil {
		return err
	}
	clients := []struct {
		name string
		run  func() (childResult, error)
	}{
		{"esgo scan.Scroll", func() (childResult, error) { return goChild(ctx, "esgo-scroll", srv.url, scanIndex, 0, false) }},
		{"esgo scan.PointInTime", func() (childResult, error) { return goChild(ctx, "esgo-pit", srv.url, scanIndex, 0, false) }},
		{"esgo scan.Scroll, 2 slices", func() (childResult, error) { return goChild(ctx, "esgo-sliced", srv.url, scanIndex, 0, false) }},
		{"esgo scan.PointInTime, 2 slices", func() (childResult, error) {
			return goChild(ctx, "esgo-pit-sliced", srv.url, scanIndex, 0, false)
		}},
		{"esgo dsl.Scan", func() (childResult, error) { return goChild(ctx, "esgo-scan", srv.url, scanIndex, 0, false) }},
		{"go-elasticsearch scroll loop", func() (childResult, error) { return goChild(ctx, "goes-scan", srv.url, scanIndex, 0, false) }},
		{"(server floor: the same scroll pages read raw, not decoded)", func() (childResult, error) {
			return goChild(ctx, "floor-scan", srv.url, scanIndex, 0, false)
		}},
		{"elasticsearch-py helpers.scan", func() (childResult, error) {
			return pyChild(ctx, cfg.python, "scan", srv.url, scanIndex, 0, false)
		}},
	}
	samples := make([][]childResult, len(clients))
	for r := range cfg.runs {
		for ci, c := range clients {
			logf("scan run %d/%d: %s", r+1, cfg.runs, c.name)
			res, err := c.run()
			if err != nil {
				return err
			}
			if res.Docs != cfg.scanDocs {
				return fmt.Errorf("%s read %d documents, want %d", c.name, res.Docs, cfg.scanDocs)
			}
			logf("  %.0f docs/s, %.2f CPU s", res.DocsPerS, res.CPUS)
			samples[ci] = append(samples[ci], res)
		}
	}
	for ci, c := range clients {
		rep.add(newRow("scan", "1 index, 1 shard, small docs", c.name, cfg.scanDocs, samples[ci]))
	}
	return nil
}

// fillScanIndex fills scanIndex with cfg.scanDocs small documents unless it
// holds them already.
func fillScanIndex(ctx context.Context, cfg config, srv *server) error {
	n, err := srv.count(ctx, scanIndex)
	if err != nil || n != cfg.scanDocs {
		logf("scan: filling %s with %d small documents (go-elasticsearch BulkIndexer, not measured)", scanIndex, cfg.scanDocs)
		if err := srv.recreate(ctx, scanIndex); err != nil {
			return err
		}
		if _, err := goChild(ctx, "goes-bulk", srv.url, scanIndex, cfg.scanDocs, false); err != nil {
			return err
		}
		if n, err = srv.count(ctx, scanIndex); err != nil {
			return err
		}
		if n != cfg.scanDocs {
			return fmt.Errorf("%s holds %d documents, want %d", scanIndex, n, cfg.scanDocs)
		}
		if _, err := srv.do(ctx, "POST", "/"+scanIndex+"/_forcemerge?max_num_segments=1", nil, nil); err != nil {
			return err
		}
	}
	return nil
}

// median returns the median of xs (the mean of the middle two for an even count).
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// generatorRow measures what producing the documents costs a Go child (the
// same loop as the children, without a client), so that readers can
// subtract it from the clients' CPU figures.
func generatorRow(name string, docs int, large bool) row {
	var sink int
	cpu0 := cpuNow()
	var scratch []byte
	for i := range docs {
		scratch = appendDoc(scratch[:0], i, large)
		doc := make([]byte, len(scratch))
		copy(doc, scratch)
		sink += len(doc)
	}
	cpu := cpuNow() - cpu0
	rw := row{Figure: "ingest", Case: name, Client: "(Go document generator alone, included above)", N: docs, Runs: 1,
		Samples: map[string][]float64{"cpu_s_per_mdocs": {cpu / float64(docs) * 1e6}},
		Note:    fmt.Sprintf("%d bytes generated", sink)}
	rw.summarise()
	return rw
}
