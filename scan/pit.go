package scan

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/internal/fastjson"
	"github.com/esgo/esgo/transport"
)

// PointInTime yields every hit of the search body query on index through a
// point in time and search_after, decoding each _source into T. It is the
// recommended way to read a whole index: unlike a scroll, it does not pin
// a search context per page.
//
// Without a sort in query the hits are sorted by _shard_doc, the cheapest
// order; with one, Elasticsearch adds _shard_doc as the tiebreaker. With
// WithSlices the point in time is shared by the slices. It is closed on
// every exit, even when the loop is left early or ctx ends. Shard failures
// end the iteration with a *ShardsError unless AllowPartialResults is given.
//
// It uses the Elasticsearch point in time API (POST /{index}/_pit), or
// OpenSearch's (POST /{index}/_search/point_in_time) when the server is
// OpenSearch.
func PointInTime[T any](ctx context.Context, client transport.Interface, index string, query any, opts ...Option) iter.Seq2[Hit[T], error] {
	return func(yield func(Hit[T], error) bool) {
		cfg, err := newConfig(opts)
		if err != nil {
			yield(Hit[T]{}, err)
			return
		}
		if index == "" {
			yield(Hit[T]{}, errors.New("scan: PointInTime needs an index"))
			return
		}
		body, size, err := pageBody(query, &cfg)
		if err != nil {
			yield(Hit[T]{}, err)
			return
		}
		if _, ok := body["sort"]; !ok {
			body["sort"] = json.RawMessage(`[{"_shard_doc":"asc"}]`)
		}
		a := api.New(client)
		p, err := openPIT(ctx, a, &cfg, index, keepAlive(cfg.keepAlive))
		if err != nil {
			yield(Hit[T]{}, err)
			return
		}
		defer p.close(ctx, a, &cfg)
		read := func(ctx context.Context, slice int, emit func([]Hit[T]) bool) error {
			b := make(map[string]json.RawMessage, len(body)+3)
			for k, v := range body {
				b[k] = v
			}
			if cfg.slices > 1 {
				b["slice"] = mustJSON(map[string]int{"id": slice, "max": cfg.slices})
			}
			return pages(ctx, &pager{a: a, cfg: &cfg, p: p}, b, size, emit)
		}
		run(ctx, cfg.slices, read, yield)
	}
}

// pages reads the search_after pages of pg (one slice of a point in time,
// or the pages of SearchAfter), pipelined: as soon as a page's answer has
// arrived, its head (the point in time id, the shards and the sort values
// of the last hit, read without decoding the sources) gives the request
// for the next page, which runs while this page is decoded and handed
// over. At most one request is in flight, and it is waited for (or
// cancelled) before returning, so before the point in time is closed. A
// next page that cannot be built ends the reading with an error matching
// ErrSearchAfter, after the hits read.
func pages[T any](ctx context.Context, pg *pager, body map[string]json.RawMessage, size int, emit func([]Hit[T]) bool) error {
	cfg := pg.cfg
	width := 0
	pending := pg.start(ctx, body, nil)
	defer func() {
		if pending != nil {
			pending.stop()
		}
	}()
	for {
		resp, raw, err := pending.wait()
		pending = nil
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			resp.Body.Close()
			return err
		}
		// The head first (a point-in-time search is a read, which the
		// transport repeats when an answer is lost, and the same
		// search_after gives the same page): read by a scanner that skips
		// the sources, or, when the answer is not shaped as expected, by
		// the transport's decoder, which also says what is wrong.
		head, n, last, ok := readPITHead(raw)
		if !ok {
			var full pitHead
			if err := resp.DecodeWith(fastjson.Serializer{}, &full); err != nil {
				return fmt.Errorf("scan: decoding the answer to a search_after page: %w", err)
			}
			head, n, last = full, len(full.Hits.Hits), nil
			if n > 0 {
				last = full.Hits.Hits[n-1].Sort
			}
			resp.Body = io.NopCloser(bytes.NewReader(raw))
		}
		if head.PitID != "" && pg.p != nil {
			pg.p.set(head.PitID)
		}
		if !cfg.allowPartial {
			if err := head.Shards.err(); err != nil {
				return err
			}
		}
		if n == 0 {
			return nil
		}
		var next error
		if n >= size {
			w := sortWidth(last)
			if next = checkSortValues(w, width, ""); next == nil {
				width = w
				pending = pg.start(ctx, body, last)
			}
		}
		var got page[T]
		data, err := resp.Bytes()
		if err == nil {
			err = got.decode(data)
		}
		if err != nil {
			return fmt.Errorf("scan: decoding the answer to a search_after page: %w", err)
		}
		if !emit(got.Hits) {
			return nil
		}
		if next != nil || pending == nil {
			return next
		}
	}
}

// pitHead is what a point-in-time page says about the next request.
type pitHead struct {
	PitID  string `json:"pit_id"`
	Shards shards `json:"_shards"`
	Hits   struct {
		Hits []struct {
			Sort json.RawMessage `json:"sort"`
		} `json:"hits"`
	} `json:"hits"`
}

// pit holds the latest point in time ID, which each answer may change.
type pit struct {
	mu         sync.Mutex
	id         string
	openSearch bool
}

// openPIT opens a point in time with the Elasticsearch API, or with
// OpenSearch's when the server has no handler for Elasticsearch's.
// ka is the keep-alive sent ("1m"); empty sends none.
func openPIT(ctx context.Context, a *api.API, cfg *config, index, ka string) (*pit, error) {
	q := url.Values{}
	if ka != "" {
		q.Set("keep_alive", ka)
	}
	for k, v := range cfg.query {
		q[k] = v
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Opening is not cancelled half-way: the server could open a point in
	// time whose ID never reaches us, which nobody could close.
	octx, cancel := cleanupContext(ctx)
	defer cancel()
	var opened struct {
		ID string `json:"id"`
	}
	open := func(ctx context.Context, opt api.Option) (*transport.Response, error) {
		return a.Raw.OpenPointInTime(ctx, api.OpenPointInTimeRequest{Index: indexList(index)}, withQuery(q), opt)
	}
	err := perform(octx, cfg, open, "opening a point in time", &opened)
	if errors.Is(err, transport.ErrOutcomeUnknown) && ctx.Err() == nil {
		// The transport does not repeat an opening: say that one may be
		// left open until its keep-alive.
		cfg.logger.Warn("scan: the answer opening a point in time was lost; opening another (the first may stay open on the server until its keep-alive ends)",
			"keep_alive", cfg.keepAlive, "error", err)
		err = perform(octx, cfg, open, "opening a point in time", &opened)
	}
	var se *transport.Error
	if errors.As(err, &se) && se.Status == http.StatusBadRequest && bytes.Contains(se.Body, []byte("no handler found")) {
		// OpenSearch: its own API, which the api package (generated from
		// Elasticsearch's specification) does not have.
		var os struct {
			ID string `json:"pit_id"`
		}
		route := api.Route("opensearch.create_pit", http.MethodPost, openSearchPath(index), nil)
		err := perform(octx, cfg, func(ctx context.Context, opt api.Option) (*transport.Response, error) {
			return route(ctx, a.Raw, withQuery(q), api.WithRepeat(transport.RepeatUnsafe), opt)
		}, "opening a point in time", &os)
		if err != nil {
			return nil, err
		}
		return &pit{id: os.ID, openSearch: true}, nil
	}
	if err != nil {
		return nil, err
	}
	if opened.ID == "" {
		return nil, fmt.Errorf("scan: opening a point in time on %q: no id in the answer", index)
	}
	return &pit{id: opened.ID}, nil
}

// openSearchPath is OpenSearch's path for opening a point in time.
func openSearchPath(index string) string {
	parts := indexList(index)
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return "/" + strings.Join(parts, ",") + "/_search/point_in_time"
}

// close releases the point in time, even after ctx ended.
func (p *pit) close(ctx context.Context, a *api.API, cfg *config) {
	cctx, cancel := cleanupContext(ctx)
	defer cancel()
	if err := closePIT(cctx, a, cfg, p.current(), p.openSearch, http.StatusNotFound); err != nil {
		cfg.logger.Warn("scan: closing the point in time failed", "error", err)
	}
}

// closePIT closes the point in time id with the Elasticsearch API, or
// OpenSearch's; statuses in ignore are not errors.
func closePIT(ctx context.Context, a *api.API, cfg *config, id string, openSearch bool, ignore ...int) error {
	if openSearch {
		route := api.Route("opensearch.delete_pit", http.MethodDelete, "/_search/point_in_time",
			map[string][]string{"pit_id": {id}})
		return perform(ctx, cfg, func(ctx context.Context, opt api.Option) (*transport.Response, error) {
			return route(ctx, a.Raw, api.WithRepeat(transport.RepeatSafe), opt)
		}, "closing a point in time", nil, ignore...)
	}
	return perform(ctx, cfg, func(ctx context.Context, opt api.Option) (*transport.Response, error) {
		return a.Raw.ClosePointInTime(ctx, api.ClosePointInTimeRequest{RawBody: map[string]string{"id": id}}, opt)
	}, "closing a point in time", nil, ignore...)
}

// OpenPointInTime opens a point in time on index (a comma-separated list),
// kept alive keepAlive ("1m"), as PointInTime does: with the Elasticsearch
// API, or OpenSearch's when the server is OpenSearch. It returns the
// point in time's id, for search_after pages sent by the caller (see
// NextSearchAfter); close it with ClosePointInTime.
func OpenPointInTime(ctx context.Context, client transport.Interface, index, keepAlive string, opts ...Option) (string, error) {
	cfg, err := newConfig(opts)
	if err != nil {
		return "", err
	}
	if index == "" {
		return "", errors.New("scan: OpenPointInTime needs an index")
	}
	p, err := openPIT(ctx, api.New(client), &cfg, index, keepAlive)
	if err != nil {
		return "", err
	}
	return p.id, nil
}

// ClosePointInTime closes the point in time id, with the Elasticsearch API,
// or OpenSearch's when the server refuses Elasticsearch's (OpenSearch reads
// DELETE /_pit as an index named "_pit").
func ClosePointInTime(ctx context.Context, client transport.Interface, id string, opts ...Option) error {
	cfg, err := newConfig(opts)
	if err != nil {
		return err
	}
	a := api.New(client)
	err = closePIT(ctx, a, &cfg, id, false)
	var se *transport.Error
	if errors.As(err, &se) && se.Status == http.StatusBadRequest &&
		(bytes.Contains(se.Body, []byte("no handler found")) || bytes.Contains(se.Body, []byte("invalid_index_name_exception"))) {
		err = closePIT(ctx, a, &cfg, id, true)
	}
	return err
}

func (p *pit) current() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.id
}

func (p *pit) set(id string) {
	p.mu.Lock()
	p.id = id
	p.mu.Unlock()
}
