// Package scan reads every document matching a query, as an iterator of typed
// hits, over a scroll ([Scroll]), a point in time with search_after
// ([PointInTime]) or search_after alone ([SearchAfter]). The search_after
// pages of both are built in one place, from the last hit's sort values as
// they came back ([NextSearchAfter] for a caller's own pages), and a page
// that cannot be built is refused with [ErrSearchAfter].
//
// Both can read slices in parallel (WithSlices), fail on failed shards
// instead of silently returning part of the data (unless
// AllowPartialResults), and release the scroll or the point in time on every
// exit path: the end of the data, an error, the context ending, and the
// caller breaking out of the loop.
//
// No page is ever skipped or repeated. When the answer to a scroll
// continuation is lost (sent, then the connection failed), repeating it
// would return the next page, so the iteration ends with an error matching
// transport.ErrOutcomeUnknown after the last complete page. A point-in-time
// page is a read that the same search_after repeats exactly, so the
// transport repeats it. When the answer opening a scroll or a point in time
// is lost, scan opens another and logs a warning: the first may stay open
// on the server until its keep-alive ends (its ID never arrived, so nobody
// can release it). Error answers are *transport.Error whatever
// the transport; requests go through the api package.
package scan

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/internal/fastjson"
	"github.com/esgo/esgo/transport"
	"github.com/esgo/esgo/types"
)

// Option configures Scroll, PointInTime and SearchAfter. An invalid option makes the
// iteration yield a *transport.ConfigError naming it, before any request.
type Option func(*config) error

// configError reports an invalid option; value is shown unless nil.
func configError(option string, value any, msg string) error {
	e := &transport.ConfigError{Option: "scan." + option, Err: errors.New(msg)}
	if value != nil {
		e.Value = fmt.Sprint(value)
	}
	return e
}

type config struct {
	size          int
	keepAlive     time.Duration
	preserveOrder bool
	slices        int
	allowPartial  bool
	query         url.Values
	timeout       time.Duration
	logger        *slog.Logger
}

func newConfig(opts []Option) (config, error) {
	c := config{size: 1000, keepAlive: 5 * time.Minute, slices: 1, query: url.Values{}, logger: slog.Default()}
	for _, o := range opts {
		if err := o(&c); err != nil {
			return c, err
		}
	}
	return c, nil
}

// WithSize sets the number of hits per page (default 1000).
func WithSize(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return configError("WithSize", n, "need at least 1")
		}
		c.size = n
		return nil
	}
}

// WithKeepAlive sets how long the server keeps the scroll or point in time
// between two pages (default 5m).
func WithKeepAlive(d time.Duration) Option {
	return func(c *config) error {
		if d < time.Second {
			return configError("WithKeepAlive", d, "need at least 1s")
		}
		c.keepAlive = d
		return nil
	}
}

// PreserveOrder keeps the query's sort for a scroll, which is slower; by
// default a scroll sorts by _doc, the cheapest order.
func PreserveOrder() Option {
	return func(c *config) error {
		c.preserveOrder = true
		return nil
	}
}

// WithSlices reads n slices in parallel, one goroutine each (default 1).
// Hits of different slices are interleaved.
//
// With PointInTime the server splits the documents themselves (by
// _shard_doc), which pays on any index: two slices of a one-shard index
// read about 1.4x faster than one (BENCHMARKS.md). With Scroll, keep n at most
// the number of shards, as Elasticsearch advises: beyond that each shard
// is split by hashing every _id, and two slices of one shard read at about
// half the speed of one.
func WithSlices(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return configError("WithSlices", n, "need at least 1")
		}
		c.slices = n
		return nil
	}
}

// AllowPartialResults goes on when shards failed; by default the iteration
// stops with a *ShardsError.
func AllowPartialResults() Option {
	return func(c *config) error {
		c.allowPartial = true
		return nil
	}
}

// WithParam adds a query string parameter to the search requests (for
// instance "routing" or "preference" for Scroll).
func WithParam(name, value string) Option {
	return func(c *config) error {
		if name == "" {
			return configError("WithParam", name, "empty name")
		}
		c.query.Add(name, value)
		return nil
	}
}

// WithRequestTimeout bounds each request; 0 (the default) leaves the
// transport's default.
func WithRequestTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return configError("WithRequestTimeout", d, "must not be negative")
		}
		c.timeout = d
		return nil
	}
}

// WithLogger sets the logger for failures to release a scroll or point in
// time (default slog.Default()).
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		if l == nil {
			return configError("WithLogger", nil, "nil logger")
		}
		c.logger = l
		return nil
	}
}

// ErrShardsFailed is matched (errors.Is) by a [*ShardsError]: some shards
// failed, so the hits read are not all the matching documents.
var ErrShardsFailed = errors.New("scan: shards failed")

// ShardsError reports that some shards failed, so the data read is not
// complete. It matches [ErrShardsFailed].
type ShardsError struct {
	Total, Successful, Skipped, Failed int
	// Failures holds the shard failures the server described.
	Failures []ShardFailure
}

// ShardFailure is one failed shard.
type ShardFailure struct {
	Index string `json:"index"`
	Shard int    `json:"shard"`
	Node  string `json:"node"`
	// Reason is the server's error for the shard.
	Reason transport.ErrorCause `json:"reason"`
}

// Error implements error.
func (e *ShardsError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "scan: %d of %d shards failed (%d successful, %d skipped)", e.Total-e.Successful-e.Skipped, e.Total, e.Successful, e.Skipped)
	for i, f := range e.Failures {
		if i == 3 {
			fmt.Fprintf(&b, "; and %d more", len(e.Failures)-3)
			break
		}
		fmt.Fprintf(&b, "; %s[%d]: %s: %s", f.Index, f.Shard, f.Reason.Type, f.Reason.Reason)
	}
	return b.String()
}

// Is reports whether target is [ErrShardsFailed].
func (e *ShardsError) Is(target error) bool { return target == ErrShardsFailed }

// helperHeader tags scan requests for the transport's x-elastic-client-meta.
var helperHeader = http.Header{"X-Elastic-Client-Meta": {"h=s"}}

type shards struct {
	Total      int            `json:"total"`
	Successful int            `json:"successful"`
	Skipped    int            `json:"skipped"`
	Failed     int            `json:"failed"`
	Failures   []ShardFailure `json:"failures"`
}

func (s *shards) err() error {
	if s.Failed == 0 && s.Successful+s.Skipped >= s.Total {
		return nil
	}
	return &ShardsError{Total: s.Total, Successful: s.Successful, Skipped: s.Skipped, Failed: s.Failed, Failures: s.Failures}
}

type page[T any] struct {
	ScrollID string
	PitID    string
	TimedOut bool
	Shards   shards
	Hits     []Hit[T]
}

// decode reads a search answer into p with the typed API's one-pass
// decoder, the sources with the faster decoder (numbers in interface
// values as json.Number); what that decoder does not read is decoded by
// encoding/json's rules.
func (p *page[T]) decode(data []byte) error {
	var r types.SearchResponseBody[T]
	if !r.DecodeBodyWith(data, fastjson.Serializer{}.DecodeBytes) {
		if err := (fastjson.Serializer{}).DecodeBytes(data, &r); err != nil {
			return err
		}
	}
	*p = page[T]{ScrollID: string(r.ScrollID), PitID: string(r.PitID), TimedOut: r.TimedOut, Hits: r.Hits.Hits}
	sh := r.Shards
	p.Shards = shards{Total: int(sh.Total), Successful: int(sh.Successful), Failed: int(sh.Failed)}
	if sh.Skipped != nil {
		p.Shards.Skipped = int(*sh.Skipped)
	}
	for _, f := range sh.Failures {
		sf := ShardFailure{Index: string(f.Index), Node: f.Node}
		if f.Shard != nil {
			sf.Shard = *f.Shard
		}
		sf.Reason.Type, sf.Reason.Reason = f.Reason.Type, f.Reason.Reason
		p.Shards.Failures = append(p.Shards.Failures, sf)
	}
	return nil
}

// pageDecoder is a page[T] of any T.
type pageDecoder interface{ decode(data []byte) error }

// call sends one request through the api package with opt applied.
type call func(ctx context.Context, opt api.Option) (*transport.Response, error)

// perform sends a request through send and decodes a 2xx JSON answer into
// out (if not nil). Statuses in ignore are not errors. Error statuses come
// back as *transport.Error, whatever the transport.
func perform(ctx context.Context, cfg *config, send call, what string, out any, ignore ...int) error {
	resp, err := send(ctx, requestOption(cfg, ignore...))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil // an ignored status
	}
	if out == nil {
		_, err = io.Copy(io.Discard, resp.Body)
		return err
	}
	if pd, ok := out.(pageDecoder); ok {
		data, err := resp.Bytes()
		if err == nil {
			err = pd.decode(data)
		}
		if err != nil {
			return fmt.Errorf("scan: decoding the answer to %s: %w", what, err)
		}
		return nil
	}
	if err := resp.DecodeWith(fastjson.Serializer{}, out); err != nil {
		return fmt.Errorf("scan: decoding the answer to %s: %w", what, err)
	}
	return nil
}

// requestOption sets what every request of the package carries: the
// timeout, the ignored statuses and the helper header.
func requestOption(cfg *config, ignore ...int) api.Option {
	return func(r *transport.Request) {
		r.Timeout = cfg.timeout
		r.Ignore = append(r.Ignore, ignore...)
		if r.Header == nil {
			r.Header = http.Header{}
		}
		for k, v := range helperHeader {
			r.Header[k] = v
		}
	}
}

// withQuery adds the query parameters q to a request.
func withQuery(q url.Values) api.Option {
	return func(r *transport.Request) {
		if len(q) == 0 {
			return
		}
		if r.Query == nil {
			r.Query = url.Values{}
		}
		for k, v := range q {
			r.Query[k] = v
		}
	}
}

// searchBody turns the caller's body (nil, a JSON document as []byte,
// json.RawMessage, string or io.Reader, or any value that encodes to a JSON
// object) into a map the helpers can add keys to.
func searchBody(q any) (map[string]json.RawMessage, error) {
	var raw []byte
	switch q := q.(type) {
	case nil:
		return map[string]json.RawMessage{}, nil
	case []byte:
		raw = q
	case json.RawMessage:
		raw = q
	case string:
		raw = []byte(q)
	case io.Reader:
		var err error
		if raw, err = io.ReadAll(q); err != nil {
			return nil, fmt.Errorf("scan: reading the query: %w", err)
		}
	default:
		var err error
		if raw, err = json.Marshal(q); err != nil {
			return nil, fmt.Errorf("scan: encoding the query: %w", err)
		}
	}
	m := map[string]json.RawMessage{}
	if len(bytes.TrimSpace(raw)) == 0 {
		return m, nil
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("scan: the query must be a JSON object (the whole search body, e.g. {\"query\": ...}): %w", err)
	}
	return m, nil
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only called with maps of plain values
	}
	return b
}

// indexList splits a comma-separated list of indices.
func indexList(index string) []string {
	if index == "" {
		return nil
	}
	parts := strings.Split(index, ",")
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
	}
	return parts
}

func keepAlive(d time.Duration) string {
	return strconv.FormatInt(d.Milliseconds(), 10) + "ms"
}

// cleanupContext is for releasing server resources after ctx may have ended.
func cleanupContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
}

// sliceReader reads one slice, calling emit with each page of hits until
// emit returns false, and releases what it holds before returning.
type sliceReader[T any] func(ctx context.Context, slice int, emit func([]Hit[T]) bool) error

// run yields the hits of every slice, reading them in parallel when there
// are several, and returns once every reader is done.
func run[T any](ctx context.Context, slices int, read sliceReader[T], yield func(Hit[T], error) bool) {
	// Every slice, the only one included, is read by its own goroutine: it
	// fetches and decodes the next page while the caller consumes the
	// current one (at most one page waits per slice, so memory stays
	// bounded), and it releases its scroll or point in time however the
	// loop ends.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type batch struct {
		hits []Hit[T]
		err  error
	}
	out := make(chan batch, slices)
	var wg sync.WaitGroup
	for s := range slices {
		wg.Go(func() {
			err := read(ctx, s, func(hits []Hit[T]) bool {
				select {
				case out <- batch{hits: hits}:
					return true
				case <-ctx.Done():
					return false
				}
			})
			if err != nil && ctx.Err() == nil {
				if slices > 1 {
					err = fmt.Errorf("slice %d: %w", s, err)
				}
				select {
				case out <- batch{err: err}:
				case <-ctx.Done():
				}
			}
		})
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	defer func() {
		cancel()
		for range out { // wait for every reader to release its resources
		}
	}()
	for b := range out {
		if b.err != nil {
			yield(Hit[T]{}, b.err)
			return
		}
		for i := range b.hits {
			if !yield(b.hits[i], nil) {
				return
			}
		}
	}
	if err := ctx.Err(); err != nil {
		yield(Hit[T]{}, err)
	}
}

// fetch is a request in flight, sent by its own goroutine, whose answer is
// read whole (bounded and verified, as Decode does) so that the connection
// is free again when it is decoded.
type fetch struct {
	cancel context.CancelFunc
	done   chan struct{}
	resp   *transport.Response
	raw    []byte
	err    error
}

// startFetch sends the request of send in its own goroutine.
func startFetch(ctx context.Context, send func(ctx context.Context) (*transport.Response, error)) *fetch {
	ctx, cancel := context.WithCancel(ctx)
	f := &fetch{cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(f.done)
		f.resp, f.err = send(ctx)
		if f.err == nil {
			f.raw, f.err = f.resp.Buffer()
		}
	}()
	return f
}

// wait returns the answer, buffered.
func (f *fetch) wait() (*transport.Response, []byte, error) {
	<-f.done
	f.cancel()
	return f.resp, f.raw, f.err
}

// stop cancels the request and waits for it to end.
func (f *fetch) stop() {
	f.cancel()
	<-f.done
	if f.resp != nil && f.resp.Body != nil {
		f.resp.Body.Close()
	}
}
