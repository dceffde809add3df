package scan

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/esgo/esgo/transport"
)

type benchDoc struct {
	Timestamp string `json:"@timestamp"`
	Host      string `json:"host"`
	Level     string `json:"level"`
	Status    int    `json:"status"`
	LatencyMS int    `json:"latency_ms"`
	Path      string `json:"path"`
	Msg       string `json:"msg"`
	UserID    int    `json:"user_id"`
}

func benchPage() []byte {
	var b bytes.Buffer
	b.WriteString(`{"_scroll_id":"abc","took":1,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},"hits":{"hits":[`)
	for i := range 1000 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"_index":"bench-scan","_id":"id-%d","_score":null,"_source":{"@timestamp":"2026-01-01T00:00:01.000Z","host":"host-%02d","level":"info","status":200,"latency_ms":%d,"path":"/api/v1/items/%d","msg":"GET /api/v1/items/%d","user_id":%d},"sort":[%d]}`, i, i%16, i%997, i, i, i*7, i)
	}
	b.WriteString(`]}}`)
	return b.Bytes()
}

// BenchmarkDecodePage is the CPU of decoding one scroll page of 1,000 small
// documents, as the iterators do.
func BenchmarkDecodePage(b *testing.B) {
	raw := benchPage()
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		resp := &transport.Response{StatusCode: 200, Body: io.NopCloser(bytes.NewReader(raw))}
		data, err := resp.Bytes() // as the iterators do
		if err != nil {
			b.Fatal(err)
		}
		var p page[benchDoc]
		if err := p.decode(data); err != nil || len(p.Hits) != 1000 {
			b.Fatal(err)
		}
	}
}
