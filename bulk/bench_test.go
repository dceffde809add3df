package bulk_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strconv"
	"sync"
	"testing"

	"github.com/esgo/esgo/bulk"
	"github.com/esgo/esgo/transport"
)

// mockBulk answers every bulk request with success for each action, like
// the go-elasticsearch "mock server" benchmark, to measure the client alone.
type mockBulk struct {
	mu    sync.Mutex
	cache map[int][]byte
}

func (m *mockBulk) Perform(_ context.Context, req *transport.Request) (*transport.Response, error) {
	body := req.Body.([]byte)
	n := bytes.Count(body, []byte{'\n'}) / 2
	m.mu.Lock()
	resp, ok := m.cache[n]
	if !ok {
		var b bytes.Buffer
		b.WriteString(`{"took":3,"errors":false,"items":[`)
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`{"index":{"_index":"test","_id":"` + strconv.Itoa(i) + `","_version":1,"result":"created","_shards":{"total":1,"successful":1,"failed":0},"_seq_no":` + strconv.Itoa(i) + `,"_primary_term":1,"status":201}}`)
		}
		b.WriteString(`]}`)
		resp = b.Bytes()
		m.cache[n] = resp
	}
	m.mu.Unlock()
	return &transport.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(resp))}, nil
}

func BenchmarkIndexerMock(b *testing.B) {
	for _, tc := range []struct {
		name string
		body func(i int) any
	}{
		{"struct", func(i int) any { return newSmallDoc(i) }},
		{"raw", func(i int) any {
			return []byte(`{"n":` + strconv.Itoa(i) + `,"title":"document number","tag":"red","ts":"2026-11-22T10:00:00Z"}`)
		}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			ix, err := bulk.New(&mockBulk{cache: map[int][]byte{}}, bulk.WithIndex("test"), bulk.WithFlushActions(1000))
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if err := ix.Add(ctx, bulk.Item{ID: "id", Body: tc.body(i)}); err != nil {
					b.Fatal(err)
				}
				i++
			}
			if err := ix.Close(ctx); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}
