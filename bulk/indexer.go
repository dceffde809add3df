package bulk

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/transport"
)

// ErrFailed is wrapped by the error Close returns when some items failed.
var ErrFailed = errors.New("bulk: items failed")

// Indexer sends items to the _bulk API from a pool of workers. Its methods are
// safe for concurrent use. Create it with New and always Close it.
type Indexer struct {
	client transport.Interface
	api    *api.API
	cfg    config
	log    *slog.Logger

	jobs   chan job
	ctx    context.Context // ends when Close gives up
	cancel context.CancelFunc
	wg     sync.WaitGroup
	start  time.Time

	mu      sync.Mutex
	closed  bool
	paused  chan struct{} // closed when a Flush or Close lets Adds through again
	adders  int           // Adds between the gate and the queue
	idle    chan struct{} // closed when adders drops to 0
	pending []Item        // accepted items not yet handed to a worker (at most chunk-1)
	chunk   int           // items handed to a worker at a time

	flushMu sync.Mutex // one Flush at a time

	stats counters
}

// job is a chunk of items, or a flush barrier. Items go to the workers in
// chunks: one channel hand-over per item had been a third of the client's
// CPU (BENCHMARKS.md, loopback).
type job struct {
	items []Item
	flush *barrier
}

// maxChunk is the most items handed to a worker at a time.
const maxChunk = 64

// barrier makes every worker send its batch: each worker takes exactly one
// barrier job, sends, reports done, and waits for release.
type barrier struct {
	done    sync.WaitGroup
	release chan struct{}
}

type counters struct {
	added, flushed, indexed, created, updated, deleted, failed, retried atomic.Int64
	requests, bytes, requestNanos                                       atomic.Int64
}

// Stats are counts since the Indexer was created.
type Stats struct {
	// Added is the number of items accepted by Add.
	Added int64
	// Flushed is the number of items sent at least once.
	Flushed int64
	// Indexed, Created, Updated and Deleted count the successful items by action.
	Indexed, Created, Updated, Deleted int64
	// Failed counts the items that ended with an error.
	Failed int64
	// Retried counts item re-sends (an item sent three times counts 2).
	Retried int64
	// Requests is the number of bulk requests sent, retries included.
	Requests int64
	// Bytes is the size of the request bodies sent, before compression.
	Bytes int64
	// RequestTime is the time spent in bulk requests, summed over workers.
	RequestTime time.Duration
	// Elapsed is the time since New.
	Elapsed time.Duration
}

// New returns an Indexer that sends bulk requests through client, which may be
// an *esgo.Client or any transport.Interface. Its workers run until Close.
func New(client transport.Interface, opts ...Option) (*Indexer, error) {
	if client == nil {
		return nil, errors.New("bulk: New: nil client")
	}
	cfg := defaultConfig()
	for _, o := range opts {
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	if cfg.logger == nil {
		cfg.logger = slog.Default()
	}
	if cfg.queueSize == 0 {
		cfg.queueSize = cfg.flushActions
	}
	// Chunks of a sixteenth of a batch (at most maxChunk): every worker
	// still gets its share, and the queue holds about queueSize items.
	chunk := min(max(cfg.flushActions/16, 1), maxChunk, max(cfg.queueSize, 1))
	ix := &Indexer{
		client: client,
		api:    api.New(client),
		cfg:    cfg,
		log:    cfg.logger.With("component", "esgo/bulk"),
		jobs:   make(chan job, max(cfg.queueSize/chunk, 1)),
		start:  time.Now(),
		chunk:  chunk,
	}
	ix.ctx, ix.cancel = context.WithCancel(context.Background())
	for range cfg.workers {
		w := newWorker(ix)
		ix.wg.Go(w.run)
	}
	return ix, nil
}

// Add queues an item. It blocks while the queue is full (the workers are
// busy, the server slow or down) or while a Flush is in progress, and returns
// the context's error if ctx ends first; the item is then not added. Items
// that cannot be sent (unknown action, missing ID or index or body) are
// refused with an error wrapping ErrInvalidItem. Once Add returns nil, the
// item's outcome is reported exactly once.
func (ix *Indexer) Add(ctx context.Context, item Item) error {
	if err := item.validate(ix.cfg.index); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	// Pass the gate that Flush and Close close.
	for {
		ix.mu.Lock()
		if ix.closed {
			ix.mu.Unlock()
			return ErrClosed
		}
		p := ix.paused
		if p == nil {
			break
		}
		ix.mu.Unlock()
		select {
		case <-p:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if len(ix.pending)+1 < ix.chunk {
		// Accepted: it goes to a worker with the chunk it starts or
		// joins (or with a Flush, Close or a worker's timer).
		if ix.pending == nil {
			ix.pending = ix.newChunk()
		}
		ix.pending = append(ix.pending, item)
		ix.stats.added.Add(1)
		ix.mu.Unlock()
		return nil
	}
	chunk := append(ix.pending, item)
	ix.pending = nil
	ix.adders++
	ix.mu.Unlock()
	defer ix.leave()
	// While the queue has room, a plain send is much cheaper than the
	// three-way select below.
	select {
	case ix.jobs <- job{items: chunk}:
		ix.stats.added.Add(1)
		return nil
	default:
	}
	select {
	case ix.jobs <- job{items: chunk}:
		ix.stats.added.Add(1)
		return nil
	case <-ctx.Done():
		ix.putBack(chunk[:len(chunk)-1])
		return ctx.Err()
	case <-ix.ctx.Done():
		ix.putBack(chunk[:len(chunk)-1])
		return ErrClosed
	}
}

// chunks recycles the chunks the workers are done with.
var chunks sync.Pool

func (ix *Indexer) newChunk() []Item {
	if c, ok := chunks.Get().(*[]Item); ok && cap(*c) >= ix.chunk {
		return (*c)[:0]
	}
	return make([]Item, 0, ix.chunk)
}

// doneWith recycles a chunk whose items a worker has taken.
func doneWith(items []Item) {
	clear(items) // drop the documents
	chunks.Put(&items)
}

// putBack returns accepted items whose hand-over was given up to the
// pending ones: Flush and Close hand them over after the Adds in progress.
func (ix *Indexer) putBack(items []Item) {
	ix.mu.Lock()
	ix.pending = append(items, ix.pending...)
	ix.mu.Unlock()
}

// takePending returns the accepted items not handed to a worker yet.
func (ix *Indexer) takePending() []Item {
	ix.mu.Lock()
	items := ix.pending
	ix.pending = nil
	ix.mu.Unlock()
	return items
}

// handOver sends the pending items to a worker; Flush and Close call it
// once no Add is in progress.
func (ix *Indexer) handOver() {
	if items := ix.takePending(); len(items) > 0 {
		ix.jobs <- job{items: items}
	}
}

func (ix *Indexer) leave() {
	ix.mu.Lock()
	ix.adders--
	if ix.adders == 0 && ix.idle != nil {
		close(ix.idle)
		ix.idle = nil
	}
	ix.mu.Unlock()
}

// closeGate stops new Adds and returns a channel closed once the Adds in
// progress are done. The caller holds ix.mu.
func (ix *Indexer) closeGateLocked() <-chan struct{} {
	if ix.adders == 0 {
		c := make(chan struct{})
		close(c)
		return c
	}
	if ix.idle == nil {
		ix.idle = make(chan struct{})
	}
	return ix.idle
}

// Flush sends every item added before it and waits until each has its
// outcome. Adds wait while a Flush runs. If ctx ends first Flush returns its
// error, and the flush goes on in the background.
func (ix *Indexer) Flush(ctx context.Context) error {
	ix.flushMu.Lock()
	ix.mu.Lock()
	if ix.closed {
		ix.mu.Unlock()
		ix.flushMu.Unlock()
		return ErrClosed
	}
	paused := make(chan struct{})
	ix.paused = paused
	idle := ix.closeGateLocked()
	ix.mu.Unlock()

	done := make(chan struct{})
	go func() {
		defer ix.flushMu.Unlock()
		defer close(done)
		defer func() {
			ix.mu.Lock()
			ix.paused = nil
			close(paused)
			ix.mu.Unlock()
		}()
		<-idle
		ix.handOver()
		b := &barrier{release: make(chan struct{})}
		b.done.Add(ix.cfg.workers)
		for range ix.cfg.workers {
			select {
			case ix.jobs <- job{flush: b}:
			case <-ix.ctx.Done():
				// Close gave up; the workers are leaving.
				b.done.Add(-1)
			}
		}
		b.done.Wait()
		close(b.release)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Close stops accepting items, sends everything queued, waits for every
// outcome to be reported and stops the workers. If ctx ends first, requests
// in flight are cancelled, every item left is reported as failed with the
// context's error, and Close returns that error once all is reported. When
// some items failed, Close returns an error wrapping ErrFailed. Calling Close
// again returns ErrClosed.
func (ix *Indexer) Close(ctx context.Context) error {
	ix.mu.Lock()
	if ix.closed {
		ix.mu.Unlock()
		return ErrClosed
	}
	ix.closed = true
	idle := ix.closeGateLocked()
	ix.mu.Unlock()

	stop := context.AfterFunc(ctx, ix.cancel)
	defer stop()
	<-idle // Adds in progress end: the workers take their items, or ix.ctx ends
	ix.flushMu.Lock()
	ix.handOver()
	close(ix.jobs)
	ix.flushMu.Unlock()
	ix.wg.Wait()
	ix.cancel()
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("bulk: close: %w", err)
	}
	if n := ix.stats.failed.Load(); n > 0 {
		return fmt.Errorf("%w: %d of %d", ErrFailed, n, ix.stats.added.Load())
	}
	return nil
}

// Stats returns the counters so far.
func (ix *Indexer) Stats() Stats {
	s := &ix.stats
	return Stats{
		Added:       s.added.Load(),
		Flushed:     s.flushed.Load(),
		Indexed:     s.indexed.Load(),
		Created:     s.created.Load(),
		Updated:     s.updated.Load(),
		Deleted:     s.deleted.Load(),
		Failed:      s.failed.Load(),
		Retried:     s.retried.Load(),
		Requests:    s.requests.Load(),
		Bytes:       s.bytes.Load(),
		RequestTime: time.Duration(s.requestNanos.Load()),
		Elapsed:     time.Since(ix.start),
	}
}

// ndjsonHeader is sent with every bulk request; X-Elastic-Client-Meta is the
// helper tag the transport appends to its own client meta header.
var ndjsonHeader = http.Header{"Content-Type": {"application/x-ndjson"}, "X-Elastic-Client-Meta": {"h=bp"}}
