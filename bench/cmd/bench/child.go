package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/elastic/go-elasticsearch/v9"
	"github.com/elastic/go-elasticsearch/v9/esutil"
	"github.com/esgo/esgo/bulk"
	"github.com/esgo/esgo/dsl"
	"github.com/esgo/esgo/scan"
)

// childResult is what a measuring subprocess prints as its last line of
// output (JSON). The Python script prints the same fields.
type childResult struct {
	Client   string  `json:"client"`
	Case     string  `json:"case"`
	Docs     int     `json:"docs"`
	Failed   int     `json:"failed"`
	WallS    float64 `json:"wall_s"`
	DocsPerS float64 `json:"docs_per_s"`
	CPUS     float64 `json:"cpu_s"`
	MaxRSSKB int64   `json:"maxrss_kb"`
	// SysCPUS is the part of CPUS spent in the kernel (system time:
	// socket writes and reads, page faults).
	SysCPUS      float64 `json:"sys_cpu_s,omitempty"`
	AllocsPerDoc float64 `json:"allocs_per_doc,omitempty"`
	BytesPerDoc  float64 `json:"bytes_per_doc,omitempty"`
	Note         string  `json:"note,omitempty"`
	// ProcCPUS and ProcMaxRSSKB are the rusage of the whole child process,
	// filled in by the parent (startup and document generation included).
	ProcCPUS     float64 `json:"proc_cpu_s,omitempty"`
	ProcMaxRSSKB int64   `json:"proc_maxrss_kb,omitempty"`
}

// childArgs are the flags a measuring subprocess gets.
type childArgs struct {
	mode       string // esgo-bulk, goes-bulk, esgo-scroll, esgo-pit, esgo-scan, goes-scan
	cpuProfile string
	// workers and flushActions, when not 0, override esgo bulk's defaults
	// (diagnostic variants of figure 1, see -variants).
	workers      int
	flushActions int
	// ids, when set, changes how documents get their IDs (esgo-bulk):
	// "server" uses bulk.WithServerIDs; "random" and "ordered" give every
	// document an explicit ID, sent as create (the ID experiment of
	// BENCHMARKS.md: random 128-bit IDs against time-ordered ones).
	ids   string
	url   string
	index string
	docs  int
	large bool
}

func cpuNow() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

// maxRSSKB is the peak RSS of this process. It reads VmHWM from
// /proc/self/status: getrusage's ru_maxrss keeps, across exec, the peak of
// the process it was forked from (the bench parent, whose loopback server
// can hold hundreds of MB), which made every child's figure that of the
// parent.
// sysCPUNow is this process's system CPU time so far, in seconds.
func sysCPUNow() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Stime.Nano()) / 1e9
}

func maxRSSKB() int64 {
	if b, err := os.ReadFile("/proc/self/status"); err == nil {
		for line := range strings.SplitSeq(string(b), "\n") {
			if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				var kb int64
				if _, err := fmt.Sscan(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), &kb); err == nil && kb > 0 {
					return kb
				}
			}
		}
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Maxrss
}

// runChild measures one client doing one thing and prints a childResult.
func runChild(a childArgs) error {
	ctx := context.Background()
	if a.cpuProfile != "" {
		f, err := os.Create(a.cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	var (
		res childResult
		err error
	)
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	cpu0 := cpuNow()
	sys0 := sysCPUNow()
	t0 := time.Now()
	switch a.mode {
	case "esgo-bulk":
		res, err = esgoBulk(ctx, a)
	case "goes-bulk":
		res, err = goesBulk(ctx, a)
	case "esgo-scan":
		res, err = esgoScan(ctx, a)
	case "esgo-scroll":
		res, err = esgoScroll(ctx, a, "scroll")
	case "esgo-pit":
		res, err = esgoScroll(ctx, a, "pit")
	case "esgo-sliced":
		res, err = esgoScroll(ctx, a, "sliced")
	case "esgo-pit-sliced":
		res, err = esgoScroll(ctx, a, "pit-sliced")
	case "goes-scan":
		res, err = goesScan(ctx, a)
	case "floor-scan":
		res, err = floorScan(ctx, a)
	default:
		return fmt.Errorf("unknown child mode %q", a.mode)
	}
	wall := time.Since(t0).Seconds()
	cpu := cpuNow() - cpu0
	sysCPU := sysCPUNow() - sys0
	runtime.ReadMemStats(&ms1)
	if err != nil {
		return fmt.Errorf("%s: %w", a.mode, err)
	}
	res.Case = a.mode
	res.WallS = wall
	res.CPUS = cpu
	res.SysCPUS = sysCPU
	res.MaxRSSKB = maxRSSKB()
	if res.Docs > 0 {
		res.DocsPerS = float64(res.Docs) / wall
		res.AllocsPerDoc = float64(ms1.Mallocs-ms0.Mallocs) / float64(res.Docs)
		res.BytesPerDoc = float64(ms1.TotalAlloc-ms0.TotalAlloc) / float64(res.Docs)
	}
	return json.NewEncoder(os.Stdout).Encode(res)
}

// esgoBulk indexes a.docs documents with bulk.Indexer, default settings.
// Each document is handed over as its own []byte, as a caller streaming
// already-encoded documents would.
func esgoBulk(ctx context.Context, a childArgs) (childResult, error) {
	tr, err := newEsgoTransport(a.url)
	if err != nil {
		return childResult{}, err
	}
	var failed atomic.Int64
	var firstErr atomic.Value
	opts := []bulk.Option{bulk.WithIndex(a.index), bulk.OnFailure(func(r bulk.Result) {
		if failed.Add(1) == 1 {
			firstErr.Store(fmt.Sprint(r.Err))
		}
	})}
	if a.workers > 0 {
		opts = append(opts, bulk.WithWorkers(a.workers))
	}
	if a.flushActions > 0 {
		opts = append(opts, bulk.WithFlushActions(a.flushActions))
	}
	var newID func(i int) string
	switch a.ids {
	case "":
	case "server":
		opts = append(opts, bulk.WithServerIDs())
	case "random":
		newID = func(int) string { return randomID() }
	case "ordered":
		gen := newOrderedIDs()
		newID = func(int) string { return gen.next() }
	default:
		return childResult{}, fmt.Errorf("unknown -ids %q", a.ids)
	}
	ix, err := bulk.New(tr, opts...)
	if err != nil {
		return childResult{}, err
	}
	var scratch []byte
	for i := range a.docs {
		scratch = appendDoc(scratch[:0], i, a.large)
		doc := make([]byte, len(scratch))
		copy(doc, scratch)
		it := bulk.Item{Body: doc}
		if newID != nil {
			it.ID, it.Action = newID(i), bulk.Create
		}
		if err := ix.Add(ctx, it); err != nil {
			return childResult{}, err
		}
	}
	if err := ix.Close(ctx); err != nil {
		return childResult{}, err
	}
	st := ix.Stats()
	res := childResult{Client: "esgo", Docs: a.docs, Failed: int(failed.Load())}
	if n := st.Indexed + st.Created; int(n) != a.docs-res.Failed {
		return res, fmt.Errorf("esgo bulk: stats say %d indexed+created, want %d", n, a.docs-res.Failed)
	}
	if res.Failed > 0 {
		res.Note = fmt.Sprint("first failure: ", firstErr.Load())
	}
	return res, nil
}

// goesBulk indexes a.docs documents with go-elasticsearch's
// esutil.BulkIndexer, default settings (a.workers, when set, is its
// NumWorkers).
func goesBulk(ctx context.Context, a childArgs) (childResult, error) {
	es, err := elasticsearch.New(elasticsearch.WithAddresses(a.url))
	if err != nil {
		return childResult{}, err
	}
	var failed atomic.Int64
	var firstErr atomic.Value
	bi, err := esutil.NewBulkIndexer(esutil.BulkIndexerConfig{Client: es, Index: a.index, NumWorkers: a.workers,
		OnError: func(_ context.Context, err error) {
			if failed.Add(1) == 1 {
				firstErr.Store(err.Error())
			}
		}})
	if err != nil {
		return childResult{}, err
	}
	onFailure := func(_ context.Context, _ esutil.BulkIndexerItem, r esutil.BulkIndexerResponseItem, err error) {
		if failed.Add(1) == 1 {
			firstErr.Store(fmt.Sprint(err, r.Error.Type, r.Error.Reason))
		}
	}
	var scratch []byte
	for i := range a.docs {
		scratch = appendDoc(scratch[:0], i, a.large)
		doc := make([]byte, len(scratch))
		copy(doc, scratch)
		if err := bi.Add(ctx, esutil.BulkIndexerItem{Action: "index", Body: bytes.NewReader(doc), OnFailure: onFailure}); err != nil {
			return childResult{}, err
		}
	}
	if err := bi.Close(ctx); err != nil {
		return childResult{}, err
	}
	st := bi.Stats()
	res := childResult{Client: "go-elasticsearch", Docs: a.docs, Failed: int(failed.Load())}
	if int(st.NumIndexed) != a.docs-res.Failed {
		return res, fmt.Errorf("go-elasticsearch bulk: stats say %d indexed, want %d", st.NumIndexed, a.docs-res.Failed)
	}
	if res.Failed > 0 {
		res.Note = fmt.Sprint("first failure: ", firstErr.Load())
	}
	return res, nil
}

// esgoScan reads every document of the index with dsl.Scan (scroll, pages
// of 1000), decoding each _source into LogDoc.
func esgoScan(ctx context.Context, a childArgs) (childResult, error) {
	tr, err := newEsgoTransport(a.url)
	if err != nil {
		return childResult{}, err
	}
	s := dsl.NewSearch(a.index).Using(tr)
	n, bytesSeen := 0, 0
	for hit, err := range dsl.Scan[LogDoc](ctx, s) {
		if err != nil {
			return childResult{}, err
		}
		n++
		bytesSeen += len(hit.Source.Host)
	}
	if bytesSeen == 0 {
		return childResult{}, errors.New("esgo scan: no host field decoded")
	}
	return childResult{Client: "esgo", Docs: n, Note: "dsl.Scan[LogDoc] (scroll 5m, size 1000)"}, nil
}

// esgoScroll reads every document of the index with scan.Scroll
// (kind "scroll"; "sliced": two slices read at once) or
// scan.PointInTime ("pit", "pit-sliced"), default options otherwise (pages of 1000),
// decoding each _source into LogDoc.
func esgoScroll(ctx context.Context, a childArgs, kind string) (childResult, error) {
	tr, err := newEsgoTransport(a.url)
	if err != nil {
		return childResult{}, err
	}
	hits, note := scan.Scroll[LogDoc](ctx, tr, a.index, nil), "scan.Scroll[LogDoc], defaults (scroll 5m, size 1000)"
	switch kind {
	case "pit":
		hits, note = scan.PointInTime[LogDoc](ctx, tr, a.index, nil), "scan.PointInTime[LogDoc], defaults (size 1000)"
	case "sliced":
		hits, note = scan.Scroll[LogDoc](ctx, tr, a.index, nil, scan.WithSlices(2)), "scan.Scroll[LogDoc], scan.WithSlices(2) (scroll 5m, size 1000)"
	case "pit-sliced":
		hits, note = scan.PointInTime[LogDoc](ctx, tr, a.index, nil, scan.WithSlices(2)), "scan.PointInTime[LogDoc], scan.WithSlices(2) (size 1000)"
	}
	n, bytesSeen := 0, 0
	for hit, err := range hits {
		if err != nil {
			return childResult{}, err
		}
		n++
		bytesSeen += len(hit.Source.Host)
	}
	if bytesSeen == 0 {
		return childResult{}, errors.New("esgo scan: no host field decoded")
	}
	return childResult{Client: "esgo", Docs: n, Note: note}, nil
}

type goesScrollPage struct {
	ScrollID string `json:"_scroll_id"`
	Shards   struct {
		Failed int `json:"failed"`
	} `json:"_shards"`
	Hits struct {
		Hits []struct {
			ID     string `json:"_id"`
			Source LogDoc `json:"_source"`
		} `json:"hits"`
	} `json:"hits"`
}

// floorScan is the server floor of the scan figure: the same scroll pages
// (size 1000, sorted by _doc) fetched with net/http and read whole, but not
// decoded: hits are counted with bytes.Count and the scroll id is cut out
// of the text. No client can be faster than this on the same server.
func floorScan(ctx context.Context, a childArgs) (childResult, error) {
	hc := &http.Client{}
	post := func(path string, body string) ([]byte, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.url+path, strings.NewReader(body))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := hc.Do(req)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err == nil && resp.StatusCode != http.StatusOK {
			err = fmt.Errorf("status %d: %.200s", resp.StatusCode, b)
		}
		return b, err
	}
	scrollID := func(b []byte) string {
		const key = `"_scroll_id":"`
		i := bytes.Index(b, []byte(key))
		if i < 0 {
			return ""
		}
		rest := b[i+len(key):]
		j := bytes.IndexByte(rest, '"')
		if j < 0 {
			return ""
		}
		return string(rest[:j])
	}
	b, err := post("/"+a.index+"/_search?scroll=5m", `{"size":1000,"sort":["_doc"]}`)
	if err != nil {
		return childResult{}, err
	}
	id := scrollID(b)
	defer func() {
		req, _ := http.NewRequest(http.MethodDelete, a.url+"/_search/scroll", strings.NewReader(`{"scroll_id":"`+id+`"}`))
		req.Header.Set("Content-Type", "application/json")
		if resp, err := hc.Do(req); err == nil {
			resp.Body.Close()
		}
	}()
	n := 0
	for {
		hits := bytes.Count(b, []byte(`"_index":`))
		if hits == 0 {
			break
		}
		n += hits
		if b, err = post("/_search/scroll", `{"scroll":"5m","scroll_id":"`+id+`"}`); err != nil {
			return childResult{}, err
		}
		if s := scrollID(b); s != "" {
			id = s
		}
	}
	return childResult{Client: "server floor", Docs: n, Note: "net/http scroll loop, pages read whole, not decoded (scroll 5m, size 1000)"}, nil
}

// goesScan is the obvious scroll loop over go-elasticsearch's low-level API
// (it has no scan helper), decoding each page with encoding/json.
func goesScan(ctx context.Context, a childArgs) (childResult, error) {
	es, err := elasticsearch.New(elasticsearch.WithAddresses(a.url))
	if err != nil {
		return childResult{}, err
	}
	decode := func(r interface {
		io.Reader
	}, status int, page *goesScrollPage) error {
		if status != http.StatusOK {
			b, _ := io.ReadAll(r)
			return fmt.Errorf("status %d: %s", status, b)
		}
		*page = goesScrollPage{}
		return json.NewDecoder(r).Decode(page)
	}
	resp, err := es.Search(es.Search.WithContext(ctx), es.Search.WithIndex(a.index), es.Search.WithScroll(5*time.Minute),
		es.Search.WithSize(1000), es.Search.WithSort("_doc"))
	if err != nil {
		return childResult{}, err
	}
	var page goesScrollPage
	err = decode(resp.Body, resp.StatusCode, &page)
	resp.Body.Close()
	if err != nil {
		return childResult{}, err
	}
	scrollID := page.ScrollID
	defer func() {
		if r, err := es.ClearScroll(es.ClearScroll.WithScrollID(scrollID)); err == nil {
			r.Body.Close()
		}
	}()
	n, bytesSeen := 0, 0
	for len(page.Hits.Hits) > 0 {
		if page.Shards.Failed > 0 {
			return childResult{}, fmt.Errorf("%d shards failed", page.Shards.Failed)
		}
		for _, h := range page.Hits.Hits {
			n++
			bytesSeen += len(h.Source.Host)
		}
		resp, err := es.Scroll(es.Scroll.WithContext(ctx), es.Scroll.WithScrollID(scrollID), es.Scroll.WithScroll(5*time.Minute))
		if err != nil {
			return childResult{}, err
		}
		err = decode(resp.Body, resp.StatusCode, &page)
		resp.Body.Close()
		if err != nil {
			return childResult{}, err
		}
		if page.ScrollID != "" {
			scrollID = page.ScrollID
		}
	}
	if bytesSeen == 0 {
		return childResult{}, errors.New("go-elasticsearch scan: no host field decoded")
	}
	return childResult{Client: "go-elasticsearch", Docs: n, Note: "scroll loop, low-level API + encoding/json (scroll 5m, size 1000)"}, nil
}
