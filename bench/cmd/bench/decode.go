package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"testing"

	"github.com/elastic/go-elasticsearch/v9/typedapi/core/search"
	"github.com/elastic/go-elasticsearch/v9/typedapi/types"
	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/dsl"
	"github.com/esgo/esgo/transport"
	esgotypes "github.com/esgo/esgo/types"
)

// summary is what a decoder extracts from a response; every decoder must
// agree on it before it is timed.
type summary struct {
	Hits       int
	FirstID    string
	LatencySum int
	HostChars  int
	HostBucket int
	FirstAvg   float64
	Minutes    int
	Statuses   int
	StatsCount int64
}

const decodeIndex = "bench-decode"

var aggsBody = map[string]any{
	"by_host": map[string]any{"terms": map[string]any{"field": "host", "size": 16},
		"aggs": map[string]any{"avg_latency": map[string]any{"avg": map[string]any{"field": "latency_ms"}}}},
	"per_minute": map[string]any{"date_histogram": map[string]any{"field": "@timestamp", "fixed_interval": "1m"}},
	"by_status":  map[string]any{"terms": map[string]any{"field": "status"}},
	"latency":    map[string]any{"stats": map[string]any{"field": "latency_ms"}},
}

// baseResponse is what a user of encoding/json alone writes for these responses.
type baseResponse struct {
	Took     int  `json:"took"`
	TimedOut bool `json:"timed_out"`
	Hits     struct {
		Total struct {
			Value    int64  `json:"value"`
			Relation string `json:"relation"`
		} `json:"total"`
		Hits []struct {
			Index  string   `json:"_index"`
			ID     string   `json:"_id"`
			Score  *float64 `json:"_score"`
			Source LogDoc   `json:"_source"`
		} `json:"hits"`
	} `json:"hits"`
	Aggregations *struct {
		ByHost struct {
			Buckets []struct {
				Key        string `json:"key"`
				DocCount   int64  `json:"doc_count"`
				AvgLatency struct {
					Value *float64 `json:"value"`
				} `json:"avg_latency"`
			} `json:"buckets"`
		} `json:"by_host"`
		PerMinute struct {
			Buckets []struct {
				Key         int64  `json:"key"`
				KeyAsString string `json:"key_as_string"`
				DocCount    int64  `json:"doc_count"`
			} `json:"buckets"`
		} `json:"per_minute"`
		ByStatus struct {
			Buckets []struct {
				Key      int64 `json:"key"`
				DocCount int64 `json:"doc_count"`
			} `json:"buckets"`
		} `json:"by_status"`
		Latency dsl.Stats `json:"latency"`
	} `json:"aggregations"`
}

func decodeBaseline(body []byte) (summary, error) {
	var r baseResponse
	if err := json.Unmarshal(body, &r); err != nil {
		return summary{}, err
	}
	s := summary{Hits: len(r.Hits.Hits)}
	for i, h := range r.Hits.Hits {
		if i == 0 {
			s.FirstID = h.ID
		}
		s.LatencySum += h.Source.LatencyMS
		s.HostChars += len(h.Source.Host)
	}
	if a := r.Aggregations; a != nil {
		s.HostBucket = len(a.ByHost.Buckets)
		if len(a.ByHost.Buckets) > 0 && a.ByHost.Buckets[0].AvgLatency.Value != nil {
			s.FirstAvg = *a.ByHost.Buckets[0].AvgLatency.Value
		}
		s.Minutes = len(a.PerMinute.Buckets)
		s.Statuses = len(a.ByStatus.Buckets)
		s.StatsCount = a.Latency.Count
	}
	return s, nil
}

// decodeEsgo decodes with dsl.DecodeResponse into dsl.Response[LogDoc]
// (what dsl.Execute does and returns) and reads the aggregations with dsl's
// typed readers.
func decodeEsgo(body []byte) (summary, error) {
	r, err := dsl.DecodeResponse[LogDoc](body)
	if err != nil {
		return summary{}, err
	}
	s := summary{Hits: len(r.Hits.Hits)}
	for i, h := range r.Hits.Hits {
		if i == 0 {
			s.FirstID = h.ID
		}
		s.LatencySum += h.Source.LatencyMS
		s.HostChars += len(h.Source.Host)
	}
	if _, _, ok := r.Aggregations.Lookup("by_host"); ok {
		return summarizeAggs(s, r.Aggregations)
	}
	return s, nil
}

// decodeEsgoTyped decodes like esgo's typed API does (api.SearchResponse,
// aggregations kept raw until read by kind), then each hit's _source into
// LogDoc, which the specification leaves to the user.
func decodeEsgoTyped(body []byte) (summary, error) {
	resp := &transport.Response{StatusCode: 200, Body: io.NopCloser(bytes.NewReader(body))}
	var r api.SearchResponse
	if err := resp.Decode(&r); err != nil {
		return summary{}, err
	}
	s := summary{Hits: len(r.Hits.Hits)}
	for i, h := range r.Hits.Hits {
		var d LogDoc
		if err := json.Unmarshal(h.Source, &d); err != nil {
			return s, err
		}
		if i == 0 {
			s.FirstID = h.ID
		}
		s.LatencySum += d.LatencyMS
		s.HostChars += len(d.Host)
	}
	if len(r.Aggregations) == 0 {
		return s, nil
	}
	return summarizeTypedAggs(s, r.Aggregations)
}

// decodeEsgoExecute runs dsl.Execute over a transport that answers with
// body: the DSL's whole path, the answer read from the transport and
// decoded (decodeEsgo decodes bytes already read).
func decodeEsgoExecute(body []byte) (summary, error) {
	r, err := dsl.Execute[LogDoc](context.Background(), dsl.NewSearch().Using(answer(body)))
	if err != nil {
		return summary{}, err
	}
	s := summary{Hits: len(r.Hits.Hits)}
	for i, h := range r.Hits.Hits {
		if i == 0 {
			s.FirstID = h.ID
		}
		s.LatencySum += h.Source.LatencyMS
		s.HostChars += len(h.Source.Host)
	}
	return s, nil
}

// summarizeTypedAggs reads the four aggregations from esgo's typed response.
func summarizeTypedAggs(s summary, a esgotypes.Aggregates) (summary, error) {
	st, err := a.StringTerms("by_host")
	if err != nil {
		return s, err
	}
	s.HostBucket = len(st.Buckets.Array)
	if len(st.Buckets.Array) > 0 {
		avg, err := st.Buckets.Array[0].Aggregations.Avg("avg_latency")
		if err != nil || avg.Value == nil {
			return s, fmt.Errorf("avg_latency: %v", err)
		}
		s.FirstAvg = *avg.Value
	}
	dh, err := a.DateHistogram("per_minute")
	if err != nil {
		return s, err
	}
	s.Minutes = len(dh.Buckets.Array)
	lt, err := a.LongTerms("by_status")
	if err != nil {
		return s, err
	}
	s.Statuses = len(lt.Buckets.Array)
	sa, err := a.Stats("latency")
	if err != nil {
		return s, err
	}
	s.StatsCount = sa.Count
	return s, nil
}

// decodeEsgoTypedAs decodes with api.SearchAs[LogDoc] itself (the path
// dsl.Execute sends through too): the typed response with each _source
// decoded into LogDoc in the same pass, over a transport that answers
// with body.
func decodeEsgoTypedAs(body []byte) (summary, error) {
	r, err := api.SearchAs[LogDoc](context.Background(), api.New(answer(body)), api.SearchRequest{})
	if err != nil {
		return summary{}, err
	}
	s := summary{Hits: len(r.Hits.Hits)}
	for i, h := range r.Hits.Hits {
		if i == 0 {
			s.FirstID = h.ID
		}
		s.LatencySum += h.Source.LatencyMS
		s.HostChars += len(h.Source.Host)
	}
	if len(r.Aggregations) == 0 {
		return s, nil
	}
	return summarizeTypedAggs(s, r.Aggregations)
}

// answer is a transport.Interface that answers every request with one
// 200 JSON body, without a server: the decode figures time the decoder on
// answers the server gave.
type answer []byte

// Perform answers req with the body.
func (a answer) Perform(context.Context, *transport.Request) (*transport.Response, error) {
	return &transport.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}}, Body: io.NopCloser(bytes.NewReader(a))}, nil
}

// decodeGoesTyped decodes like go-elasticsearch's typed API does
// (search.Response, aggregations decoded eagerly from typed_keys names),
// then each hit's _source into LogDoc, which that API leaves as raw JSON.
func decodeGoesTyped(body []byte) (summary, error) {
	r := search.NewResponse()
	if err := json.NewDecoder(bytes.NewReader(body)).Decode(r); err != nil {
		return summary{}, err
	}
	s := summary{Hits: len(r.Hits.Hits)}
	for i, h := range r.Hits.Hits {
		var d LogDoc
		if err := json.Unmarshal(h.Source_, &d); err != nil {
			return s, err
		}
		if i == 0 && h.Id_ != nil {
			s.FirstID = *h.Id_
		}
		s.LatencySum += d.LatencyMS
		s.HostChars += len(d.Host)
	}
	if a, ok := r.Aggregations["by_host"]; ok {
		st, ok := a.(*types.StringTermsAggregate)
		if !ok {
			return s, fmt.Errorf("by_host is %T", a)
		}
		bs, ok := st.Buckets.([]types.StringTermsBucket)
		if !ok {
			return s, fmt.Errorf("by_host buckets are %T", st.Buckets)
		}
		s.HostBucket = len(bs)
		if len(bs) > 0 {
			avg, ok := bs[0].Aggregations["avg_latency"].(*types.AvgAggregate)
			if !ok || avg.Value == nil {
				return s, fmt.Errorf("avg_latency is %T", bs[0].Aggregations["avg_latency"])
			}
			s.FirstAvg = float64(*avg.Value)
		}
		dh, ok := r.Aggregations["per_minute"].(*types.DateHistogramAggregate)
		if !ok {
			return s, fmt.Errorf("per_minute is %T", r.Aggregations["per_minute"])
		}
		dbs, _ := dh.Buckets.([]types.DateHistogramBucket)
		s.Minutes = len(dbs)
		lt, ok := r.Aggregations["by_status"].(*types.LongTermsAggregate)
		if !ok {
			return s, fmt.Errorf("by_status is %T", r.Aggregations["by_status"])
		}
		lbs, _ := lt.Buckets.([]types.LongTermsBucket)
		s.Statuses = len(lbs)
		sa, ok := r.Aggregations["latency"].(*types.StatsAggregate)
		if !ok {
			return s, fmt.Errorf("latency is %T", r.Aggregations["latency"])
		}
		s.StatsCount = sa.Count
	}
	return s, nil
}

// figDecode is figure 3. The response bodies are real answers of the
// server; the go-elasticsearch typed API asks for typed_keys, so it gets
// that variant of the aggregation response.
func figDecode(ctx context.Context, cfg config, srv *server, rep *report) error {
	if n, err := srv.count(ctx, decodeIndex); err != nil || n != 5000 {
		if err := srv.recreate(ctx, decodeIndex); err != nil {
			return err
		}
		var nd []byte
		for i := range 5000 {
			nd = append(nd, `{"index":{}}`+"\n"...)
			nd = appendDoc(nd, i, false)
			nd = append(nd, '\n')
		}
		if _, err := srv.do(ctx, "POST", "/"+decodeIndex+"/_bulk?refresh=true", nd, nil); err != nil {
			return err
		}
		if n, err := srv.count(ctx, decodeIndex); err != nil || n != 5000 {
			return fmt.Errorf("%s holds %d documents, want 5000 (%v)", decodeIndex, n, err)
		}
	}
	fetch := func(size int, aggs bool, typedKeys bool) ([]byte, error) {
		q := map[string]any{"size": size, "query": map[string]any{"match_all": map[string]any{}}, "sort": []any{"_doc"}}
		if aggs {
			q["aggs"] = aggsBody
		}
		path := "/" + decodeIndex + "/_search"
		if typedKeys {
			path += "?typed_keys=true"
		}
		var b []byte
		_, err := srv.do(ctx, "POST", path, q, &b)
		return b, err
	}
	decoders := []struct {
		name   string
		typed  bool
		decode func([]byte) (summary, error)
	}{
		{"esgo dsl.Response[T] (dsl.Execute)", false, decodeEsgo},
		{"esgo typed api.SearchResponse", true, decodeEsgoTyped},
		{"esgo typed api.SearchAs[T] (sources in the same pass)", true, decodeEsgoTypedAs},
		{"go-elasticsearch typed search.Response", true, decodeGoesTyped},
		{"encoding/json into a struct (baseline)", false, decodeBaseline},
	}
	runs := max(cfg.runs, 3)
	if !cfg.quick {
		runs = 5
	}
	for _, c := range []struct {
		name string
		size int
		aggs bool
	}{{"100 hits", 100, false}, {"1,000 hits", 1000, false}, {"100 hits + 4 aggregations", 100, true}} {
		plain, err := fetch(c.size, c.aggs, false)
		if err != nil {
			return err
		}
		typed, err := fetch(c.size, c.aggs, true)
		if err != nil {
			return err
		}
		var want summary
		for i, d := range decoders {
			body := plain
			if d.typed {
				body = typed
			}
			got, err := d.decode(body)
			if err != nil {
				return fmt.Errorf("%s, %s: %w", c.name, d.name, err)
			}
			if i == 0 {
				want = got
				if got.Hits != c.size || got.HostChars == 0 || (c.aggs && (got.HostBucket == 0 || got.Minutes == 0 || got.StatsCount == 0)) {
					return fmt.Errorf("%s, %s: implausible decode %+v", c.name, d.name, got)
				}
			} else if got != want && !(math.IsNaN(got.FirstAvg) && math.IsNaN(want.FirstAvg)) {
				return fmt.Errorf("%s: %s decoded %+v, %s decoded %+v", c.name, decoders[0].name, want, d.name, got)
			}
			rw := row{Figure: "decode", Case: c.name, Client: d.name, N: c.size, Runs: runs, Samples: map[string][]float64{},
				Note: fmt.Sprintf("body %d bytes", len(body))}
			for r := range runs {
				if r == 0 && profileDir != "" {
					stop, err := startProfile(fmt.Sprintf("decode-%s-%s.pprof", slug(c.name), slug(d.name)))
					if err != nil {
						return err
					}
					testing.Benchmark(func(b *testing.B) {
						for b.Loop() {
							_, _ = d.decode(body)
						}
					})
					stop()
				}
				// testing.Benchmark calls the function several times with
				// growing b.N; the CPU time of the last call goes with
				// res.N. Process CPU time (GC included) is robust to the
				// other processes of a busy machine, wall time is not.
				var lastCPU float64
				res := testing.Benchmark(func(b *testing.B) {
					b.ReportAllocs()
					b.SetBytes(int64(len(body)))
					cpu0 := cpuNow()
					for b.Loop() {
						if _, err := d.decode(body); err != nil {
							b.Fatal(err)
						}
					}
					lastCPU = cpuNow() - cpu0
				})
				if res.N == 0 {
					return fmt.Errorf("%s, %s: benchmark did not run", c.name, d.name)
				}
				nsOp := float64(res.T.Nanoseconds()) / float64(res.N)
				rw.Samples["ns_per_op"] = append(rw.Samples["ns_per_op"], nsOp)
				rw.Samples["ns_per_hit"] = append(rw.Samples["ns_per_hit"], nsOp/float64(c.size))
				rw.Samples["cpu_ns_per_hit"] = append(rw.Samples["cpu_ns_per_hit"], lastCPU*1e9/float64(res.N)/float64(c.size))
				rw.Samples["allocs_per_hit"] = append(rw.Samples["allocs_per_hit"], float64(res.MemAllocs)/float64(res.N)/float64(c.size))
				rw.Samples["bytes_per_hit"] = append(rw.Samples["bytes_per_hit"], float64(res.MemBytes)/float64(res.N)/float64(c.size))
				logf("decode %s, %s, run %d/%d: %.0f ns/hit, %.0f CPU ns/hit", c.name, d.name, r+1, runs, nsOp/float64(c.size),
					lastCPU*1e9/float64(res.N)/float64(c.size))
			}
			rw.summarise()
			rep.add(rw)
		}
	}
	return nil
}

func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), "-")
}

// startProfile starts a CPU profile into profileDir/name and returns the
// function that stops it.
func startProfile(name string) (func(), error) {
	f, err := os.Create(filepath.Join(profileDir, name))
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// summarizeAggs reads the four aggregations with dsl's typed readers.
func summarizeAggs(s summary, aggs dsl.AggResults) (summary, error) {
	hosts, err := dsl.Buckets[string](aggs, "by_host")
	if err != nil {
		return s, err
	}
	s.HostBucket = len(hosts)
	for i, b := range hosts {
		v, err := dsl.Value(b.Aggregations, "avg_latency")
		if err != nil {
			return s, err
		}
		if i == 0 {
			s.FirstAvg = v
		}
	}
	minutes, err := dsl.Buckets[int64](aggs, "per_minute")
	if err != nil {
		return s, err
	}
	s.Minutes = len(minutes)
	statuses, err := dsl.Buckets[int64](aggs, "by_status")
	if err != nil {
		return s, err
	}
	s.Statuses = len(statuses)
	st, err := dsl.AggAs[dsl.Stats](aggs, "latency")
	if err != nil {
		return s, err
	}
	s.StatsCount = st.Count
	return s, nil
}
