package transport

import (
	"context"
	"net"
	"net/http"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

// startSpan opens a client span for one logical request (all attempts).
func (t *Transport) startSpan(ctx context.Context, req *Request) (context.Context, trace.Span) {
	name := req.Endpoint
	if name == "" {
		name = req.Method
		if name == "" {
			name = http.MethodGet
		}
	}
	ctx, span := t.tracer.Start(ctx, name, trace.WithSpanKind(trace.SpanKindClient))
	if span.IsRecording() {
		span.SetAttributes(
			attribute.String("db.system.name", "elasticsearch"),
			attribute.String("http.request.method", req.Method),
			attribute.String("url.path", req.Path),
		)
		if req.Endpoint != "" {
			span.SetAttributes(attribute.String("db.operation.name", req.Endpoint))
		}
	}
	return ctx, span
}

func (t *Transport) endSpan(span trace.Span, resp *Response, err error) {
	if !span.IsRecording() {
		span.End()
		return
	}
	if resp != nil {
		span.SetAttributes(attribute.Int("http.response.status_code", resp.StatusCode))
		if host, port, e := net.SplitHostPort(hostOf(resp.Node)); e == nil {
			span.SetAttributes(attribute.String("server.address", host), attribute.String("server.port", port))
		}
		if resp.StatusCode >= 400 {
			span.SetStatus(codes.Error, http.StatusText(resp.StatusCode))
		}
	}
	if err != nil {
		span.RecordError(err)
		span.SetStatus(codes.Error, err.Error())
	}
	span.End()
}

func attrRetry(attempt int, node, cause string) []attribute.KeyValue {
	return []attribute.KeyValue{attribute.Int("attempt", attempt), attribute.String("node", node), attribute.String("cause", cause)}
}

func hostOf(nodeURL string) string {
	_, rest, ok := cutScheme(nodeURL)
	if !ok {
		return nodeURL
	}
	for i := 0; i < len(rest); i++ {
		if rest[i] == '/' {
			return rest[:i]
		}
	}
	return rest
}

func cutScheme(s string) (string, string, bool) {
	for i := 0; i+2 < len(s); i++ {
		if s[i] == ':' && s[i+1] == '/' && s[i+2] == '/' {
			return s[:i], s[i+3:], true
		}
	}
	return "", s, false
}
