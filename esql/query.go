package esql

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/esgo/esgo/api"
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

	waitFor          time.Duration
	keepAlive        time.Duration
	keepOnCompletion bool
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

// WithWaitForCompletion sets how long [QueryAsync] and [GetAsync] wait for
// the query to finish before returning its ID (the server's default is 1 s).
func WithWaitForCompletion(d time.Duration) Option {
	return func(o *queryOptions) { o.waitFor = d }
}

// WithKeepAlive sets how long the server keeps an async query and its
// results (the server's default is 5 days).
func WithKeepAlive(d time.Duration) Option { return func(o *queryOptions) { o.keepAlive = d } }

// WithKeepOnCompletion makes [QueryAsync] store the results even when the
// query finishes within the wait, so they can be fetched again by ID.
func WithKeepOnCompletion() Option { return func(o *queryOptions) { o.keepOnCompletion = true } }

// queryBody is the JSON body of POST /_query and /_query/async.
type queryBody struct {
	Query              string `json:"query"`
	Params             []any  `json:"params,omitempty"`
	Filter             any    `json:"filter,omitempty"`
	Locale             string `json:"locale,omitempty"`
	TimeZone           string `json:"time_zone,omitempty"`
	Profile            bool   `json:"profile,omitempty"`
	IncludeCCSMetadata bool   `json:"include_ccs_metadata,omitempty"`
	// async only
	WaitForCompletionTimeout string `json:"wait_for_completion_timeout,omitempty"`
	KeepAlive                string `json:"keep_alive,omitempty"`
	KeepOnCompletion         bool   `json:"keep_on_completion,omitempty"`
}

// ErrUnsupported is wrapped by the error of a call to a server without
// ES|QL (Elasticsearch before 8.11, a node without the ES|QL module,
// OpenSearch): such a server answers POST /_query with 405 Method Not
// Allowed (it reads "_query" as an index name) and the async routes with
// 400 "no handler found". The server's *transport.Error stays reachable with
// errors.As.
var ErrUnsupported = errors.New("esql: the server has no ES|QL")

// unsupported wraps ErrUnsupported around err when it is the answer of a
// server that has no ES|QL routes.
func unsupported(err error) error {
	var e *transport.Error
	if !errors.As(err, &e) {
		return err
	}
	if e.Status == http.StatusMethodNotAllowed ||
		(e.Status == http.StatusBadRequest && e.Type == "" && strings.Contains(e.Reason, "no handler found for uri")) {
		return fmt.Errorf("%w: %w", ErrUnsupported, err)
	}
	return err
}

// warnings returns the texts of the response's Warning headers: for
// `299 Elasticsearch-8.19.21-abc "No limit defined, adding default limit of
// [1000]"` the quoted text, unescaped; a header of another shape as is.
func warnings(resp *transport.Response) []string {
	values := resp.Warnings
	if values == nil && resp.Header != nil {
		values = resp.Header.Values("Warning")
	}
	if len(values) == 0 {
		return nil
	}
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = warningText(v)
	}
	return out
}

// warningText extracts the warn-text of an RFC 7234 Warning header value
// (warn-code SP warn-agent SP quoted-string [SP warn-date]).
func warningText(v string) string {
	start := strings.IndexByte(v, '"')
	if start < 0 {
		return v
	}
	var b strings.Builder
	for i := start + 1; i < len(v); i++ {
		switch c := v[i]; c {
		case '\\':
			if i+1 < len(v) {
				i++
				b.WriteByte(v[i])
			}
		case '"':
			return b.String()
		default:
			b.WriteByte(c)
		}
	}
	return v // no closing quote: keep the whole value
}

// request is a prepared ES|QL call.
type request struct {
	o      queryOptions
	body   queryBody
	query  url.Values
	header http.Header
}

// prepare builds the request body and query string of q.
func prepare(q Builder, opts []Option, format string) (*request, error) {
	if q == nil {
		return nil, fmt.Errorf("esql: nil statement: %w", errInvalid)
	}
	r := &request{}
	for _, opt := range opts {
		opt(&r.o)
	}
	text, params, err := q.statement().Build()
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(text) == "" {
		return nil, fmt.Errorf("esql: empty query: %w", errInvalid)
	}
	if r.o.explicitParam {
		if len(params) > 0 {
			return nil, fmt.Errorf("esql: WithParams cannot be combined with %d Param placeholders: %w", len(params), errInvalid)
		}
		params = r.o.params
	}
	r.body = queryBody{
		Query:              text,
		Params:             params,
		Locale:             r.o.locale,
		TimeZone:           r.o.timeZone,
		Profile:            r.o.profile,
		IncludeCCSMetadata: r.o.includeCCS,
	}
	if r.o.hasFilter {
		r.body.Filter = r.o.filter
	}
	r.query = url.Values{"format": {format}}
	if r.o.dropNull {
		r.query.Set("drop_null_columns", "true")
	}
	if r.o.partial != nil {
		r.query.Set("allow_partial_results", fmt.Sprint(*r.o.partial))
	}
	r.header = r.o.header.Clone()
	if r.header == nil {
		r.header = http.Header{}
	}
	r.header.Set("Content-Type", "application/json")
	return r, nil
}

// endpoint is one ES|QL endpoint of the generated API, bound to its
// request.
type endpoint func(ctx context.Context, a *api.RawESQLAPI, opts ...api.Option) (*transport.Response, error)

// send is the one step every call here goes through: it sends call
// through [api.Do] with the query values, headers and timeout as options;
// api.Do checks the status (an error names the request that was sent) and
// reads the answer bounded, storing it in out when out is a *[]byte and
// decoding it into out otherwise. send returns the texts of the answer's
// Warning headers, and wraps [ErrUnsupported] around the answer of a
// server without ES|QL.
func send(ctx context.Context, client transport.Interface, o queryOptions, query url.Values, header http.Header, call endpoint, out any) ([]string, error) {
	if client == nil {
		return nil, errors.New("esql: nil client")
	}
	opts := make([]api.Option, 0, len(query)+len(header)+1)
	for k, vs := range query {
		for _, v := range vs {
			opts = append(opts, api.WithQuery(k, v))
		}
	}
	for k, vs := range header {
		for _, v := range vs {
			opts = append(opts, api.WithHeader(k, v))
		}
	}
	if o.timeout > 0 {
		opts = append(opts, api.WithTimeout(o.timeout))
	}
	var warn []string
	_, err := api.Do(ctx, client, func(ctx context.Context, raw *api.RawAPI, opts ...api.Option) (*transport.Response, error) {
		resp, err := call(ctx, raw.ESQL, opts...)
		if err == nil && resp != nil {
			warn = warnings(resp)
		}
		return resp, err
	}, out, nil, opts...)
	if err != nil {
		return nil, unsupported(err)
	}
	return warn, nil
}

// Query runs q with POST /_query, sending {"query": q, "params": [...]}
// through client (an *esgo.Client or a transport), and decodes the
// response. Statement errors are returned before anything is sent.
func Query(ctx context.Context, client transport.Interface, q Builder, opts ...Option) (*Result, error) {
	if client == nil {
		return nil, errors.New("esql: Query: nil client")
	}
	r, err := prepare(q, opts, "json")
	if err != nil {
		return nil, err
	}
	r.header.Set("Accept", "application/json")
	if r.o.logger != nil {
		r.o.logger.DebugContext(ctx, "esql query", slog.String("query", r.body.Query), slog.Int("params", len(r.body.Params)))
	}
	var res Result
	warn, err := send(ctx, client, r.o, r.query, r.header, func(ctx context.Context, a *api.RawESQLAPI, o ...api.Option) (*transport.Response, error) {
		return a.Query(ctx, api.ESQLQueryRequest{RawBody: r.body}, o...)
	}, &res)
	if err != nil {
		return nil, err
	}
	if err := res.check(); err != nil {
		return nil, err
	}
	res.Warnings = warn
	return &res, nil
}

// QueryRows runs q like [Query] and decodes the rows into T like [Rows].
func QueryRows[T any](ctx context.Context, client transport.Interface, q Builder, opts ...Option) ([]T, error) {
	res, err := Query(ctx, client, q, opts...)
	if err != nil {
		return nil, err
	}
	return Rows[T](res)
}

// Format is a tabular answer format for [QueryFormat].
type Format string

// The tabular formats.
const (
	// FormatCSV is comma-separated values, a header line first.
	FormatCSV Format = "csv"
	// FormatTSV is tab-separated values, a header line first.
	FormatTSV Format = "tsv"
	// FormatTXT is a text table for people, as the console shows it.
	FormatTXT Format = "txt"
)

// Text is the answer of [QueryFormat]: the table as the server renders it,
// and the server's warnings.
type Text struct {
	// Body is the table in the format asked for.
	Body []byte
	// Warnings holds the server's warnings about the query, as in
	// [Result.Warnings].
	Warnings []string
}

// QueryFormat runs q like [Query] and returns the answer as the server
// renders it in format (csv, tsv or txt), with the server's warnings. The
// answer is read bounded like every answer (the transport's response
// limit, 256 MiB by default).
func QueryFormat(ctx context.Context, client transport.Interface, q Builder, format Format, opts ...Option) (*Text, error) {
	switch format {
	case FormatCSV, FormatTSV, FormatTXT:
	default:
		return nil, fmt.Errorf("esql: QueryFormat: format %q is not csv, tsv or txt: %w", format, errInvalid)
	}
	r, err := prepare(q, opts, string(format))
	if err != nil {
		return nil, err
	}
	var text Text
	text.Warnings, err = send(ctx, client, r.o, r.query, r.header, func(ctx context.Context, a *api.RawESQLAPI, o ...api.Option) (*transport.Response, error) {
		return a.Query(ctx, api.ESQLQueryRequest{RawBody: r.body}, o...)
	}, &text.Body)
	if err != nil {
		return nil, err
	}
	return &text, nil
}

// AsyncResult is the answer of an async query: its ID and whether it still
// runs; once it has finished, the embedded Result holds the rows.
type AsyncResult struct {
	// ID identifies the query for [GetAsync] and [DeleteAsync]; it is empty
	// when the query finished within the wait and was not kept.
	ID string `json:"id"`
	// IsRunning reports that the query has not finished: Result is empty.
	IsRunning bool `json:"is_running"`
	Result
}

// QueryAsync runs q with POST /_query/async: the server waits up to
// [WithWaitForCompletion] and answers with the results if the query has
// finished, else with an ID to fetch them later with [GetAsync]. Use
// [WithKeepOnCompletion] to keep finished results too, and [DeleteAsync]
// to free them.
func QueryAsync(ctx context.Context, client transport.Interface, q Builder, opts ...Option) (*AsyncResult, error) {
	r, err := prepare(q, opts, "json")
	if err != nil {
		return nil, err
	}
	r.header.Set("Accept", "application/json")
	if r.o.waitFor > 0 {
		r.body.WaitForCompletionTimeout = durationParam(r.o.waitFor)
	}
	if r.o.keepAlive > 0 {
		r.body.KeepAlive = durationParam(r.o.keepAlive)
	}
	r.body.KeepOnCompletion = r.o.keepOnCompletion
	return async(ctx, client, r.o, r.query, r.header, func(ctx context.Context, a *api.RawESQLAPI, o ...api.Option) (*transport.Response, error) {
		return a.AsyncQuery(ctx, api.ESQLAsyncQueryRequest{RawBody: r.body}, o...)
	})
}

func async(ctx context.Context, client transport.Interface, o queryOptions, query url.Values, header http.Header, call endpoint) (*AsyncResult, error) {
	var res AsyncResult
	warn, err := send(ctx, client, o, query, header, call, &res)
	if err != nil {
		return nil, err
	}
	if err := res.check(); err != nil {
		return nil, err
	}
	res.Warnings = warn
	return &res, nil
}

// GetAsync fetches the state or results of the async query id, waiting up
// to [WithWaitForCompletion] for it to finish. Of the options it reads
// WithWaitForCompletion, WithKeepAlive, WithDropNullColumns, WithTimeout
// and WithHeader.
func GetAsync(ctx context.Context, client transport.Interface, id string, opts ...Option) (*AsyncResult, error) {
	if id == "" {
		return nil, fmt.Errorf("esql: GetAsync: empty ID: %w", errInvalid)
	}
	var o queryOptions
	for _, opt := range opts {
		opt(&o)
	}
	query := url.Values{"format": {"json"}}
	if o.waitFor > 0 {
		query.Set("wait_for_completion_timeout", durationParam(o.waitFor))
	}
	if o.keepAlive > 0 {
		query.Set("keep_alive", durationParam(o.keepAlive))
	}
	if o.dropNull {
		query.Set("drop_null_columns", "true")
	}
	header := o.header.Clone()
	if header == nil {
		header = http.Header{}
	}
	header.Set("Accept", "application/json")
	return async(ctx, client, o, query, header, func(ctx context.Context, a *api.RawESQLAPI, o ...api.Option) (*transport.Response, error) {
		return a.AsyncQueryGet(ctx, api.ESQLAsyncQueryGetRequest{ID: id}, o...)
	})
}

// DeleteAsync deletes the async query id: it stops it if it runs and
// frees its results.
func DeleteAsync(ctx context.Context, client transport.Interface, id string, opts ...Option) error {
	if id == "" {
		return fmt.Errorf("esql: DeleteAsync: empty ID: %w", errInvalid)
	}
	var o queryOptions
	for _, opt := range opts {
		opt(&o)
	}
	_, err := send(ctx, client, o, nil, o.header, func(ctx context.Context, a *api.RawESQLAPI, o ...api.Option) (*transport.Response, error) {
		return a.AsyncQueryDelete(ctx, api.ESQLAsyncQueryDeleteRequest{ID: id}, o...)
	}, nil)
	return err
}

// durationParam renders d as an Elasticsearch time value in milliseconds.
func durationParam(d time.Duration) string {
	return fmt.Sprintf("%dms", max(d.Milliseconds(), 1))
}
