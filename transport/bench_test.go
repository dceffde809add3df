package transport

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

type staticRT struct{}

func (staticRT) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
	}
	return &http.Response{StatusCode: 200, Header: http.Header{"X-Elastic-Product": {"Elasticsearch"}},
		Body: io.NopCloser(strings.NewReader(`{"acknowledged":true}`)), Request: req}, nil
}

// BenchmarkPerform measures the transport's own overhead per request
// (no network): encoding, headers, node selection, response wrapping.
func BenchmarkPerform(b *testing.B) {
	tr, err := New(WithAddresses("http://es1:9200", "http://es2:9200"), WithRoundTripper(staticRT{}), WithServerDetection(false))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	body := map[string]any{"title": "hello", "n": 42}
	b.ReportAllocs()
	for b.Loop() {
		resp, err := tr.Perform(ctx, &Request{Method: "POST", Path: "/idx/_doc", Body: body})
		if err != nil {
			b.Fatal(err)
		}
		var v struct {
			Acknowledged bool `json:"acknowledged"`
		}
		if err := resp.Decode(&v); err != nil || !v.Acknowledged {
			b.Fatal(err)
		}
	}
}
