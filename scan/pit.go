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
	"sync"

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
		body, err := searchBody(query)
		if err != nil {
			yield(Hit[T]{}, err)
			return
		}
		if _, ok := body["sort"]; !ok {
			body["sort"] = json.RawMessage(`[{"_shard_doc":"asc"}]`)
		}
		if _, ok := body["size"]; !ok {
			body["size"] = mustJSON(cfg.size)
		}
		if _, ok := body["track_total_hits"]; !ok {
			body["track_total_hits"] = json.RawMessage("false")
		}
		var size int
		if err := json.Unmarshal(body["size"], &size); err != nil || size < 1 {
			yield(Hit[T]{}, errors.New("scan: the query's size must be a positive number"))
			return
		}

		p, err := openPIT(ctx, client, &cfg, index)
		if err != nil {
			yield(Hit[T]{}, err)
			return
		}
		defer p.close(ctx, client, &cfg)
		read := func(ctx context.Context, slice int, emit func([]Hit[T]) bool) error {
			b := make(map[string]json.RawMessage, len(body)+3)
			for k, v := range body {
				b[k] = v
			}
			if cfg.slices > 1 {
				b["slice"] = mustJSON(map[string]int{"id": slice, "max": cfg.slices})
			}
			for {
				b["pit"] = mustJSON(map[string]string{"id": p.current(), "keep_alive": keepAlive(cfg.keepAlive)})
				var pg page[T]
				if err := perform(ctx, client, &cfg, http.MethodPost, "/_search", nil, b, &pg); err != nil {
					return err
				}
				if pg.PitID != "" {
					p.set(pg.PitID)
				}
				if !cfg.allowPartial {
					if err := pg.Shards.err(); err != nil {
						return err
					}
				}
				hits := pg.Hits.Hits
				if len(hits) == 0 {
					return nil
				}
				last := hits[len(hits)-1].Sort
				if len(last) == 0 {
					return errors.New("scan: the hits have no sort values to search after")
				}
				if !emit(hits) {
					return nil
				}
				if len(hits) < size {
					return nil
				}
				if err := ctx.Err(); err != nil {
					return err
				}
				b["search_after"] = mustJSON(last)
			}
		}
		run(ctx, cfg.slices, read, yield)
	}
}

// pit holds the latest point in time ID, which each answer may change.
type pit struct {
	mu         sync.Mutex
	id         string
	openSearch bool
}

// openPIT opens a point in time with the Elasticsearch API, or with
// OpenSearch's when the server has no handler for Elasticsearch's.
func openPIT(ctx context.Context, client transport.Interface, cfg *config, index string) (*pit, error) {
	q := url.Values{"keep_alive": {keepAlive(cfg.keepAlive)}}
	for k, v := range cfg.query {
		q[k] = v
	}
	req := &transport.Request{Method: http.MethodPost, Path: indexPath(index) + "/_pit", Query: q,
		Timeout: cfg.timeout, Ignore: []int{http.StatusBadRequest}, Header: helperHeader.Clone()}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Opening is not cancelled half-way: the server could open a point in
	// time whose ID never reaches us, which nobody could close.
	octx, cancel := cleanupContext(ctx)
	defer cancel()
	resp, err := client.Perform(octx, req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, fmt.Errorf("scan: opening a point in time on %q: %w", index, err)
	}
	if resp.StatusCode == http.StatusBadRequest && bytes.Contains(body, []byte("no handler found")) {
		var opened struct {
			ID string `json:"pit_id"`
		}
		if err := perform(octx, client, cfg, http.MethodPost, indexPath(index)+"/_search/point_in_time", q, nil, &opened); err != nil {
			return nil, err
		}
		return &pit{id: opened.ID, openSearch: true}, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, &ResponseError{Status: resp.StatusCode, Body: string(body), Request: "POST " + req.Path}
	}
	var opened struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(body, &opened); err != nil || opened.ID == "" {
		return nil, fmt.Errorf("scan: opening a point in time on %q: no id in %.200s", index, body)
	}
	return &pit{id: opened.ID}, nil
}

// close releases the point in time, even after ctx ended.
func (p *pit) close(ctx context.Context, client transport.Interface, cfg *config) {
	cctx, cancel := cleanupContext(ctx)
	defer cancel()
	var err error
	if p.openSearch {
		err = perform(cctx, client, cfg, http.MethodDelete, "/_search/point_in_time", nil,
			map[string][]string{"pit_id": {p.current()}}, nil, http.StatusNotFound)
	} else {
		err = perform(cctx, client, cfg, http.MethodDelete, "/_pit", nil,
			map[string]string{"id": p.current()}, nil, http.StatusNotFound)
	}
	if err != nil {
		cfg.logger.Warn("scan: closing the point in time failed", "error", err)
	}
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
