package main

import (
	"fmt"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// syntheticSearch is a search answer shaped like the server's for the
// decode figure (match_all sorted by _doc): n hits of the benchmark's
// documents.
func syntheticSearch(n int) []byte {
	b := []byte(`{"took":3,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},"hits":{"total":{"value":5000,"relation":"eq"},"max_score":null,"hits":[`)
	for i := range n {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"_index":"bench-decode","_id":"id`...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, `","_score":null,"_source":`...)
		b = appendDoc(b, i, false)
		b = append(b, `,"sort":[`...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, `]}`...)
	}
	return append(b, `]}}`...)
}

// BenchmarkDecodeSynthetic runs figure 3's decoders on synthetic pages,
// without a server, for profiling (go test -bench DecodeSynthetic
// -cpuprofile ...). It reports wall and process CPU (GC included) per
// hit; the figure itself decodes the server's own answers.
func BenchmarkDecodeSynthetic(b *testing.B) {
	for _, n := range []int{100, 1000} {
		body := syntheticSearch(n)
		for _, c := range []struct {
			name string
			f    func([]byte) (summary, error)
		}{{"baseline", decodeBaseline}, {"esgoTyped", decodeEsgoTyped}, {"esgoTypedAs", decodeEsgoTypedAs}, {"goes", decodeGoesTyped}, {"dsl", decodeEsgo}, {"dslExecute", decodeEsgoExecute}} {
			b.Run(fmt.Sprint(c.name, "/", n), func(b *testing.B) {
				b.ReportAllocs()
				var ru0, ru1 syscall.Rusage
				syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
				for b.Loop() {
					s, err := c.f(body)
					if err != nil || s.Hits != n {
						b.Fatal(err, s.Hits)
					}
				}
				syscall.Getrusage(syscall.RUSAGE_SELF, &ru1)
				cpu := time.Duration(syscall.TimevalToNsec(ru1.Utime) - syscall.TimevalToNsec(ru0.Utime) + syscall.TimevalToNsec(ru1.Stime) - syscall.TimevalToNsec(ru0.Stime))
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/hit")
				b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N*n), "cpu-ns/hit")
			})
		}
	}
}
