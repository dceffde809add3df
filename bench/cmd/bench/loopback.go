package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
)

// bulkItem is the answer the loopback server gives for each action.
const bulkItem = `{"index":{"_index":"bench-loopback","_id":"x","_version":1,"result":"created","_shards":{"total":1,"successful":1,"failed":0},"_seq_no":0,"_primary_term":1,"status":201}}`

// loopbackServer answers every bulk request at once with a valid response
// of as many items as the request had actions (every action of the
// benchmark has a body, so actions = lines / 2). It is the physical limit of
// a client: the server does nothing.
type loopbackServer struct {
	mu    sync.Mutex
	cache map[int][]byte
	bufs  sync.Pool // of *[]byte, 256 KiB read buffers
}

var newline = []byte{'\n'}

func (s *loopbackServer) response(n int) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	if b, ok := s.cache[n]; ok {
		return b
	}
	var b bytes.Buffer
	b.WriteString(`{"took":1,"errors":false,"items":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(bulkItem)
	}
	b.WriteString("]}")
	s.cache[n] = b.Bytes()
	return s.cache[n]
}

func (s *loopbackServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Elastic-Product", "Elasticsearch")
	w.Header().Set("Content-Type", "application/json")
	if r.Method == http.MethodGet && r.URL.Path == "/" {
		io.WriteString(w, `{"name":"loopback","cluster_name":"loopback","version":{"number":"9.5.3","build_flavor":"default"},"tagline":"You Know, for Search"}`)
		return
	}
	if r.URL.Path != "/_bulk" && !bytesHasSuffix(r.URL.Path, "/_bulk") {
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"error":{"type":"not_found","reason":"loopback server only knows _bulk"},"status":404}`)
		return
	}
	// Count the lines in large reads: the server should cost as little as
	// possible, so that the figure shows the clients.
	bufp := s.bufs.Get().(*[]byte)
	defer s.bufs.Put(bufp)
	buf := *bufp
	lines := 0
	for {
		n, err := r.Body.Read(buf)
		lines += bytes.Count(buf[:n], newline)
		if err != nil {
			break
		}
	}
	body := s.response(lines / 2)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.Write(body)
}

func bytesHasSuffix(s, suffix string) bool {
	return len(s) >= len(suffix) && s[len(s)-len(suffix):] == suffix
}

// figLoopback is figure 2: each Go client's bulk indexer against the
// loopback server, in its own process; allocations come from the child's
// runtime.MemStats (the server runs in this process, so they are the
// client's alone).
func figLoopback(ctx context.Context, cfg config, rep *report) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: &loopbackServer{cache: map[int][]byte{}, bufs: sync.Pool{New: func() any {
		b := make([]byte, 256<<10)
		return &b
	}}}}
	go hs.Serve(ln)
	defer hs.Close()
	url := "http://" + ln.Addr().String()
	clients := []struct {
		name, mode string
		extra      []string
	}{{"esgo bulk.Indexer", "esgo-bulk", nil}, {"go-elasticsearch BulkIndexer", "goes-bulk", nil},
		{goesSameWorkers, "goes-bulk", []string{"-workers", fmt.Sprint(esgoBulkWorkers)}}}
	runs := max(cfg.runs, 3)
	for _, ds := range []struct {
		name  string
		docs  int
		large bool
	}{{"small (~160 B)", cfg.loopDocs, false}, {"large (~2 KB)", cfg.loopDocs / 5, true}} {
		samples := make([][]childResult, len(clients))
		for r := range runs {
			for ci, c := range clients {
				logf("loopback %s run %d/%d: %s, %d docs", ds.name, r+1, runs, c.name, ds.docs)
				res, err := goChild(ctx, c.mode, url, "bench-loopback", ds.docs, ds.large, c.extra...)
				if err != nil {
					return err
				}
				if res.Failed > 0 {
					return fmt.Errorf("%s: %d failures against the loopback server: %s", c.name, res.Failed, res.Note)
				}
				logf("  %.0f docs/s, %.2f allocs/doc", res.DocsPerS, res.AllocsPerDoc)
				samples[ci] = append(samples[ci], res)
			}
		}
		for ci, c := range clients {
			rep.add(newRow("loopback", ds.name, c.name, ds.docs, samples[ci]))
		}
	}
	return nil
}
