// Package reindex copies documents from one cluster (or index) to another
// with the scan and bulk helpers: read with a scroll or a point in time,
// optionally transform, and write with a bulk Indexer. Mappings and settings
// are not copied: create the target index first if its defaults do not suit.
package reindex

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/esgo/esgo/bulk"
	"github.com/esgo/esgo/scan"
	"github.com/esgo/esgo/transport"
)

// Document is a document on its way, handed to the transform function,
// which may change any field.
type Document struct {
	// Index is the target index; ID and Routing are the document's.
	Index, ID, Routing string
	// Source is the document's source.
	Source map[string]any
}

// Progress counts documents so far.
type Progress struct {
	// Read is the number of documents read from the source.
	Read int64
	// Skipped is the number the transform function dropped.
	Skipped int64
	// Written and Failed count the outcomes of the bulk writes.
	Written, Failed int64
	// Elapsed is the time since the start.
	Elapsed time.Duration
}

// Option configures Run. An invalid option makes Run fail with a
// *transport.ConfigError naming it, before any request.
type Option func(*config) error

// configError reports an invalid option; value is shown unless nil.
func configError(option string, value any, msg string) error {
	e := &transport.ConfigError{Option: "reindex." + option, Err: errors.New(msg)}
	if value != nil {
		e.Value = fmt.Sprint(value)
	}
	return e
}

type config struct {
	query       any
	transform   func(*Document) (bool, error)
	opType      bulk.Action
	progress    func(Progress)
	every       int64
	pointInTime bool
	scanOpts    []scan.Option
	bulkOpts    []bulk.Option
	onFailure   func(bulk.Result)
}

// WithQuery selects the documents to copy with a search body
// (e.g. map[string]any{"query": ...}); by default all are copied.
func WithQuery(q any) Option {
	return func(c *config) error { c.query = q; return nil }
}

// WithTransform calls f with each document before it is written. f may
// change it, drop it by returning false, or stop the copy with an error.
// Without a transform the sources are copied as raw bytes, never decoded.
func WithTransform(f func(*Document) (keep bool, err error)) Option {
	return func(c *config) error { c.transform = f; return nil }
}

// WithOpType sets the bulk action: bulk.Index (default), which overwrites
// documents with the same ID, or bulk.Create, which keeps them (and
// reports a 409 failure for each) and is required for data streams.
func WithOpType(a bulk.Action) Option {
	return func(c *config) error {
		if a != bulk.Index && a != bulk.Create {
			return configError("WithOpType", a, "want index or create")
		}
		c.opType = a
		return nil
	}
}

// WithProgress calls f after every n documents read, and once at the end.
// f is called from the goroutine that runs Run.
func WithProgress(n int, f func(Progress)) Option {
	return func(c *config) error {
		if n < 1 {
			return configError("WithProgress", n, "need at least 1")
		}
		c.every, c.progress = int64(n), f
		return nil
	}
}

// WithPointInTime reads with a point in time and search_after instead of a
// scroll.
func WithPointInTime() Option {
	return func(c *config) error { c.pointInTime = true; return nil }
}

// WithScanOptions passes options to the reader (size, slices, keep alive...).
func WithScanOptions(opts ...scan.Option) Option {
	return func(c *config) error { c.scanOpts = append(c.scanOpts, opts...); return nil }
}

// WithBulkOptions passes options to the bulk Indexer (workers, flush sizes,
// retries...). OnSuccess and OnFailure are replaced; see OnFailure.
func WithBulkOptions(opts ...bulk.Option) Option {
	return func(c *config) error { c.bulkOpts = append(c.bulkOpts, opts...); return nil }
}

// OnFailure calls f with each document that could not be written. It is
// called concurrently from the bulk workers.
func OnFailure(f func(bulk.Result)) Option {
	return func(c *config) error { c.onFailure = f; return nil }
}

// ErrTransform is wrapped by the error Run returns when the transform
// function failed.
var ErrTransform = errors.New("reindex: transform failed")

// Run copies the documents of index from on src to index to on dst (to may
// be empty to keep each document's index name). src and dst may be the same
// client or clients of two clusters, Elasticsearch or OpenSearch.
//
// It returns the final Progress, and an error when reading failed, the
// transform failed (ErrTransform), ctx ended, or some documents could not be
// written (wrapping bulk.ErrFailed, and naming the first failures).
func Run(ctx context.Context, src, dst transport.Interface, from, to string, opts ...Option) (Progress, error) {
	start := time.Now()
	cfg := config{opType: bulk.Index}
	for _, o := range opts {
		if err := o(&cfg); err != nil {
			return Progress{}, err
		}
	}
	if from == "" {
		return Progress{}, errors.New("reindex: no source index")
	}
	var (
		written, failed atomic.Int64
		mu              sync.Mutex
		firstFailures   []string
	)
	bulkOpts := append(cfg.bulkOpts[:len(cfg.bulkOpts):len(cfg.bulkOpts)],
		bulk.OnSuccess(func(bulk.Result) { written.Add(1) }),
		bulk.OnFailure(func(r bulk.Result) {
			failed.Add(1)
			mu.Lock()
			if len(firstFailures) < 5 {
				firstFailures = append(firstFailures, fmt.Sprintf("%s/%s: %v", r.Index, r.ID, r.Err))
			}
			mu.Unlock()
			if cfg.onFailure != nil {
				cfg.onFailure(r)
			}
		}))
	ix, err := bulk.New(dst, bulkOpts...)
	if err != nil {
		return Progress{}, err
	}
	var p Progress
	snapshot := func() Progress {
		p.Written, p.Failed, p.Elapsed = written.Load(), failed.Load(), time.Since(start)
		return p
	}
	hits := scan.Scroll[json.RawMessage]
	if cfg.pointInTime {
		hits = scan.PointInTime[json.RawMessage]
	}
	var runErr error
	for h, err := range hits(ctx, src, from, cfg.query, cfg.scanOpts...) {
		if err != nil {
			runErr = fmt.Errorf("reindex: reading %s: %w", from, err)
			break
		}
		p.Read++
		if cfg.progress != nil && p.Read%cfg.every == 0 {
			cfg.progress(snapshot())
		}
		item := bulk.Item{Action: cfg.opType, Index: to, ID: h.ID, Routing: h.Routing, Body: h.Source}
		if item.Index == "" {
			item.Index = h.Index
		}
		if cfg.transform != nil {
			d := Document{Index: item.Index, ID: h.ID, Routing: h.Routing}
			if err := json.Unmarshal(h.Source, &d.Source); err != nil {
				runErr = fmt.Errorf("reindex: decoding %s/%s: %w", h.Index, h.ID, err)
				break
			}
			keep, err := cfg.transform(&d)
			if err != nil {
				runErr = fmt.Errorf("%w: %s/%s: %w", ErrTransform, h.Index, h.ID, err)
				break
			}
			if !keep {
				p.Skipped++
				continue
			}
			item.Index, item.ID, item.Routing, item.Body = d.Index, d.ID, d.Routing, d.Source
		}
		if err := ix.Add(ctx, item); err != nil {
			runErr = fmt.Errorf("reindex: %s/%s: %w", item.Index, item.ID, err)
			break
		}
	}
	closeErr := ix.Close(ctx)
	p = snapshot()
	if cfg.progress != nil {
		cfg.progress(p)
	}
	if runErr != nil {
		return p, runErr
	}
	if errors.Is(closeErr, bulk.ErrFailed) {
		mu.Lock()
		defer mu.Unlock()
		return p, fmt.Errorf("reindex: %w: %d of %d documents, first: %s", bulk.ErrFailed, p.Failed, p.Read-p.Skipped, strings.Join(firstFailures, "; "))
	}
	return p, closeErr
}
