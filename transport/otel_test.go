package transport

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/embedded"
	"go.opentelemetry.io/otel/trace/noop"
)

// spanRecorder is a minimal TracerProvider built on the OTel API alone,
// recording the spans the transport creates.
type spanRecorder struct {
	embedded.TracerProvider
	mu    sync.Mutex
	spans []*recordedSpan
}

type recordingTracer struct {
	embedded.Tracer
	r *spanRecorder
}

func (t recordingTracer) Start(ctx context.Context, name string, opts ...trace.SpanStartOption) (context.Context, trace.Span) {
	return t.r.start(ctx, name, opts...)
}

type recordedSpan struct {
	noop.Span
	name   string
	kind   trace.SpanKind
	attrs  map[attribute.Key]attribute.Value
	events []string
	status codes.Code
	ended  bool
}

func (r *spanRecorder) Tracer(string, ...trace.TracerOption) trace.Tracer {
	return recordingTracer{r: r}
}

func (r *spanRecorder) start(ctx context.Context, name string, opts ...trace.SpanStartOption) (context.Context, trace.Span) {
	cfg := trace.NewSpanStartConfig(opts...)
	s := &recordedSpan{name: name, kind: cfg.SpanKind(), attrs: map[attribute.Key]attribute.Value{}}
	for _, a := range cfg.Attributes() {
		s.attrs[a.Key] = a.Value
	}
	r.mu.Lock()
	r.spans = append(r.spans, s)
	r.mu.Unlock()
	return trace.ContextWithSpan(ctx, s), s
}

func (s *recordedSpan) SetAttributes(kv ...attribute.KeyValue) {
	for _, a := range kv {
		s.attrs[a.Key] = a.Value
	}
}
func (s *recordedSpan) AddEvent(name string, _ ...trace.EventOption) {
	s.events = append(s.events, name)
}
func (s *recordedSpan) SetStatus(c codes.Code, _ string) { s.status = c }
func (s *recordedSpan) End(...trace.SpanEndOption)       { s.ended = true }
func (s *recordedSpan) IsRecording() bool                { return true }

type sequence struct {
	mu       sync.Mutex
	statuses []int
}

func (q *sequence) RoundTrip(req *http.Request) (*http.Response, error) {
	q.mu.Lock()
	st := q.statuses[0]
	if len(q.statuses) > 1 {
		q.statuses = q.statuses[1:]
	}
	q.mu.Unlock()
	return &http.Response{StatusCode: st, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(`{}`)), Request: req}, nil
}

func TestOpenTelemetrySpans(t *testing.T) {
	rec := &spanRecorder{}
	tr := newT(t, WithAddresses("http://es1:9200"), WithRoundTripper(&sequence{statuses: []int{503, 200, 404}}), WithTracerProvider(rec))
	resp, err := tr.Perform(context.Background(), &Request{Method: "POST", Path: "/i/_search", Endpoint: "search"})
	if err != nil {
		t.Fatal(err)
	}
	resp.Close()
	resp, err = tr.Perform(context.Background(), &Request{Method: "GET", Path: "/i/_doc/1"})
	if err != nil {
		t.Fatal(err)
	}
	resp.Close()
	if len(rec.spans) != 2 {
		t.Fatalf("%d spans, want 2", len(rec.spans))
	}
	s := rec.spans[0]
	if s.name != "search" || s.kind != trace.SpanKindClient || !s.ended || len(s.events) != 1 || s.events[0] != "retry" {
		t.Errorf("span %+v", s)
	}
	if s.attrs["db.system.name"].AsString() != "elasticsearch" || s.attrs["http.response.status_code"].AsInt64() != 200 ||
		s.attrs["server.address"].AsString() != "es1" || s.attrs["db.operation.name"].AsString() != "search" {
		t.Errorf("attributes %v", s.attrs)
	}
	if s2 := rec.spans[1]; s2.name != "GET" || s2.status != codes.Error || s2.attrs["http.response.status_code"].AsInt64() != 404 {
		t.Errorf("second span %+v", s2)
	}
}
