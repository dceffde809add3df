package esql

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/esgo/esgo/transport"
)

// Option configures a [Query] call.
type Option func(*queryOptions)

type queryOptions struct {
	params        []any
	filter        any
	locale        string
	timeZone      string
	profile       bool
	partial       *bool
	dropNull      bool
	timeout       time.Duration
	header        http.Header
	logger        *slog.Logger
	includeCCS    bool
	hasFilter     bool
	explicitParam bool
}

// WithParams sets the values of "?" placeholders written in raw query
// text (positional values, or maps {"name": value} for "?name"). It cannot
// be combined with [Param] placeholders, whose values the statement
// carries itself.
func WithParams(values ...any) Option {
	return func(o *queryOptions) { o.params, o.explicitParam = append([]any(nil), values...), true }
}

// WithFilter adds a Query DSL filter (any JSON-encodable value, such as a
// dsl query or a map) that documents must match before the query runs.
func WithFilter(query any) Option {
	return func(o *queryOptions) { o.filter, o.hasFilter = query, true }
}

// WithLocale sets the locale for formatting dates and numbers, e.g. "fr-FR".
func WithLocale(locale string) Option { return func(o *queryOptions) { o.locale = locale } }

// WithTimeZone sets the default time zone, e.g. "Europe/Paris".
func WithTimeZone(tz string) Option { return func(o *queryOptions) { o.timeZone = tz } }

// WithProfile asks for a query profile, returned in [Result.Profile].
func WithProfile() Option { return func(o *queryOptions) { o.profile = true } }

// WithAllowPartialResults sets whether shard failures return partial
// results (flagged by [Result.IsPartial]) rather than an error.
func WithAllowPartialResults(allow bool) Option {
	return func(o *queryOptions) { o.partial = &allow }
}

// WithDropNullColumns drops the columns that are null in every row; the
// full list is then in [Result.AllColumns].
func WithDropNullColumns() Option { return func(o *queryOptions) { o.dropNull = true } }

// WithIncludeCCSMetadata asks for cross-cluster metadata in [Result.Clusters].
func WithIncludeCCSMetadata() Option { return func(o *queryOptions) { o.includeCCS = true } }

// WithTimeout bounds the request, retries included.
func WithTimeout(d time.Duration) Option { return func(o *queryOptions) { o.timeout = d } }

// WithHeader adds a header to the request.
func WithHeader(key, value string) Option {
	return func(o *queryOptions) {
		if o.header == nil {
			o.header = http.Header{}
		}
		o.header.Add(key, value)
	}
}

// WithLogger logs the query text at debug level on logger (default: none).
func WithLogger(logger *slog.Logger) Option { return func(o *queryOptions) { o.logger = logger } }

// queryBody is the JSON body of POST /_query.
type queryBody struct {
	Query              string `json:"query"`
	Params             []any  `json:"params,omitempty"`
	Filter             any    `json:"filter,omitempty"`
	Locale             string `json:"locale,omitempty"`
	TimeZone           string `json:"time_zone,omitempty"`
	Profile            bool   `json:"profile,omitempty"`
	IncludeCCSMetadata bool   `json:"include_ccs_metadata,omitempty"`
}

// StatusError is transport.Error (esgo.Error), the one type for a
// server's error answer; [Query] returns it when the server answers with
// an error status through a bare transport (an *esgo.Client returns the
// same type).
type StatusError = transport.Error

// Query runs q with POST /_query, sending {"query": q, "params": [...]}
// through client (an *esgo.Client or a transport), and decodes the
// response. Statement errors are returned before anything is sent.
//
// Untested against a real server, because the test server lacks the
// ES|QL module: the tests exercise it with httptest only.
func Query(ctx context.Context, client transport.Interface, q Builder, opts ...Option) (*Result, error) {
	if client == nil {
		return nil, errors.New("esql: Query: nil client")
	}
	if q == nil {
		return nil, fmt.Errorf("esql: Query: nil statement: %w", ErrInvalid)
	}
	var o queryOptions
	for _, opt := range opts {
		opt(&o)
	}
	text, params, err := q.statement().Build()
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(text) == "" {
		return nil, fmt.Errorf("esql: Query: empty query: %w", ErrInvalid)
	}
	if o.explicitParam {
		if len(params) > 0 {
			return nil, fmt.Errorf("esql: Query: WithParams cannot be combined with %d Param placeholders: %w", len(params), ErrInvalid)
		}
		params = o.params
	}
	body := queryBody{
		Query:              text,
		Params:             params,
		Locale:             o.locale,
		TimeZone:           o.timeZone,
		Profile:            o.profile,
		IncludeCCSMetadata: o.includeCCS,
	}
	if o.hasFilter {
		body.Filter = o.filter
	}
	query := url.Values{"format": {"json"}}
	if o.dropNull {
		query.Set("drop_null_columns", "true")
	}
	if o.partial != nil {
		query.Set("allow_partial_results", fmt.Sprint(*o.partial))
	}
	header := o.header.Clone()
	if header == nil {
		header = http.Header{}
	}
	header.Set("Content-Type", "application/json")
	header.Set("Accept", "application/json")
	if o.logger != nil {
		o.logger.DebugContext(ctx, "esql query", slog.String("query", text), slog.Int("params", len(params)))
	}
	resp, err := client.Perform(ctx, &transport.Request{
		Method:  http.MethodPost,
		Path:    "/_query",
		Query:   query,
		Header:  header,
		Body:    body,
		Timeout: o.timeout,
	})
	if err != nil {
		return nil, err
	}
	if resp == nil || resp.Body == nil {
		return nil, errors.New("esql: POST /_query: response without a body")
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		snippet, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		se := transport.ParseError(resp.StatusCode, snippet)
		se.Method, se.Path, se.Node, se.Header = http.MethodPost, "/_query", resp.Node, resp.Header
		return nil, se
	}
	return DecodeResult(resp.Body)
}

// QueryRows runs q like [Query] and decodes the rows into T like [Rows].
func QueryRows[T any](ctx context.Context, client transport.Interface, q Builder, opts ...Option) ([]T, error) {
	res, err := Query(ctx, client, q, opts...)
	if err != nil {
		return nil, err
	}
	return Rows[T](res)
}
