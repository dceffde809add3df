package scan

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"

	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/transport"
)

// Scroll yields every hit of the search body query (the whole body, e.g.
// map[string]any{"query": ...}, nil for all documents) on index (a name,
// pattern or comma-separated list; empty for all) through the scroll API,
// decoding each _source into T.
//
// Without PreserveOrder the hits come sorted by _doc. The scroll is cleared
// on every exit, even when the loop is left early or ctx ends. Shard
// failures end the iteration with a *ShardsError unless AllowPartialResults
// is given. An error is yielded at most once, last.
func Scroll[T any](ctx context.Context, client transport.Interface, index string, query any, opts ...Option) iter.Seq2[Hit[T], error] {
	return func(yield func(Hit[T], error) bool) {
		cfg, err := newConfig(opts)
		if err != nil {
			yield(Hit[T]{}, err)
			return
		}
		body, err := searchBody(query)
		if err != nil {
			yield(Hit[T]{}, err)
			return
		}
		if _, ok := body["sort"]; !ok || !cfg.preserveOrder {
			body["sort"] = json.RawMessage(`["_doc"]`)
		}
		if _, ok := body["size"]; !ok {
			body["size"] = mustJSON(cfg.size)
		}
		var size int
		_ = json.Unmarshal(body["size"], &size) // only a hint for decoding
		a := api.New(client)
		read := func(ctx context.Context, slice int, emit func([]Hit[T]) bool) error {
			b := body
			if cfg.slices > 1 {
				b = make(map[string]json.RawMessage, len(body)+1)
				for k, v := range body {
					b[k] = v
				}
				b["slice"] = mustJSON(map[string]int{"id": slice, "max": cfg.slices})
			}
			return scrollSlice(ctx, a, &cfg, indexList(index), b, size, emit)
		}
		run(ctx, cfg.slices, read, yield)
	}
}

func scrollSlice[T any](ctx context.Context, a *api.API, cfg *config, index []string, body map[string]json.RawMessage, size int, emit func([]Hit[T]) bool) (err error) {
	q := url.Values{}
	for k, v := range cfg.query {
		q[k] = v
	}
	q.Set("scroll", keepAlive(cfg.keepAlive))
	if err := ctx.Err(); err != nil {
		return err
	}
	// The first request is not cancelled half-way: the server could create
	// a scroll whose ID never reaches us, which nobody could clear.
	fctx, cancel := cleanupContext(ctx)
	var p page[T]
	open := func(ctx context.Context, opt api.Option) (*transport.Response, error) {
		return a.Raw.Search(ctx, api.SearchRequest{Index: index, RawBody: body}, withQuery(q), opt)
	}
	err = perform(fctx, cfg, open, "the search opening a scroll", &p)
	if errors.Is(err, transport.ErrOutcomeUnknown) && ctx.Err() == nil {
		// The transport does not repeat the opening, which creates a
		// scroll context on the server: say that one may be left open.
		cfg.logger.Warn("scan: the answer opening a scroll was lost; opening another (the first may stay open on the server until its keep-alive ends)",
			"keep_alive", cfg.keepAlive, "error", err)
		p = page[T]{}
		err = perform(fctx, cfg, open, "the search opening a scroll", &p)
	}
	cancel()
	scrollID := p.ScrollID
	defer func() {
		if scrollID == "" {
			return
		}
		cctx, cancel := cleanupContext(ctx)
		defer cancel()
		cerr := perform(cctx, cfg, func(ctx context.Context, opt api.Option) (*transport.Response, error) {
			return a.Raw.ClearScroll(ctx, api.ClearScrollRequest{RawBody: map[string][]string{"scroll_id": {scrollID}}}, opt)
		}, "clear scroll", nil, http.StatusNotFound)
		if cerr != nil {
			cfg.logger.Warn("scan: clearing the scroll failed", "error", cerr)
		}
	}()
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	// Pipelined: as soon as a page's answer has arrived (and its scroll id
	// is read from the start of it), the next page is requested, while this
	// one is decoded and handed over. At most one request is in flight, and
	// it is waited for (or cancelled) before the scroll is cleared.
	var pending *fetch
	defer func() {
		if pending != nil {
			pending.stop()
		}
	}()
	for {
		if !cfg.allowPartial {
			if err := p.Shards.err(); err != nil {
				return err
			}
		}
		if len(p.Hits) == 0 {
			return nil
		}
		if pending == nil {
			pending = startScroll(ctx, a, cfg, scrollID)
		}
		if !emit(p.Hits) {
			return nil
		}
		resp, raw, err := pending.wait()
		pending = nil
		var se *transport.Error
		if err != nil && !errors.As(err, &se) && ctx.Err() == nil {
			// The answer was lost or cut: repeating would return the page
			// after the lost one, so stop rather than skip it. Every hit
			// yielded so far is complete.
			if !errors.Is(err, transport.ErrOutcomeUnknown) {
				err = &transport.OutcomeUnknownError{Method: http.MethodPost, Path: "/_search/scroll", Err: err}
			}
			return fmt.Errorf("scan: the answer to a scroll request was lost, and a scroll cannot repeat a page; stopping rather than skipping one: %w", err)
		}
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if id := peekScrollID(raw); id != "" {
			scrollID = id
			pending = startScroll(ctx, a, cfg, scrollID)
		}
		p = page[T]{}
		data, err := resp.Bytes()
		if err == nil {
			err = p.decode(data)
		}
		if err != nil {
			return fmt.Errorf("scan: decoding the answer to a scroll request: %w", err)
		}
		if p.ScrollID != "" && p.ScrollID != scrollID {
			scrollID = p.ScrollID
			if pending != nil { // asked with an id the page then changed
				pending.stop()
				pending = nil
			}
		}
	}
}

// startScroll requests the page after scrollID and reads its answer whole.
func startScroll(ctx context.Context, a *api.API, cfg *config, scrollID string) *fetch {
	body := map[string]string{"scroll": keepAlive(cfg.keepAlive), "scroll_id": scrollID}
	return startFetch(ctx, func(ctx context.Context) (*transport.Response, error) {
		return a.Raw.Scroll(ctx, api.ScrollRequest{RawBody: body}, requestOption(cfg))
	})
}

// peekScrollID reads the scroll id at the start of a scroll answer
// (Elasticsearch writes "_scroll_id" first); "" when it is not there.
func peekScrollID(raw []byte) string {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return ""
	}
	if k, err := dec.Token(); err != nil || k != "_scroll_id" {
		return ""
	}
	var id string
	if dec.Decode(&id) != nil {
		return ""
	}
	return id
}
