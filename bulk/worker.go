package bulk

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/transport"
)

// ignoreStatuses makes *esgo.Client hand every error status back as a
// response, so the worker can tell 429s from the rest whatever the client.
var ignoreStatuses = func() []int {
	s := make([]int, 0, 200)
	for code := 400; code < 600; code++ {
		s = append(s, code)
	}
	return s
}()

// entry is an item in a batch: its place in the buffer and its attempts.
type entry struct {
	item       Item
	start, end int
	attempts   int
	lastError  error
	// genID is the ID the client gave an item without one (sent as a
	// create): a 409 for it after a lost answer proves our earlier write.
	genID docID
	// uncertain is set once a request holding the item got no answer: the
	// item may have been applied already.
	uncertain bool
}

// worker builds batches and sends them, one at a time.
type worker struct {
	ix      *Indexer
	ids     *idGen
	idTime  time.Time // the time in the IDs of the current batch
	enc     *encoder
	ents    []entry
	retry   []entry
	gz      *gzip.Writer
	gzBuf   bytes.Buffer
	respBuf bytes.Buffer
	resp    bulkResponse
	header  http.Header
	last    time.Time

	requestOption api.Option
}

var bufPool = sync.Pool{New: func() any { return new([]byte) }}

func newWorker(ix *Indexer) *worker {
	w := &worker{ix: ix, enc: newEncoder(), last: time.Now()}
	if !ix.cfg.serverIDs {
		w.ids = newIDGen()
	}
	w.header = ndjsonHeader.Clone()
	for k, v := range ix.cfg.header {
		w.header[k] = v
	}
	if ix.cfg.compress {
		w.header.Set("Content-Encoding", "gzip")
	}
	w.requestOption = func(r *transport.Request) {
		r.Header = w.header
		for k, v := range ix.cfg.query {
			if r.Query == nil {
				r.Query = url.Values{}
			}
			r.Query[k] = v
		}
		r.Ignore = ignoreStatuses
		r.Repeat = transport.RepeatUnsafe
		if ix.cfg.timeout > 0 {
			r.Timeout = ix.cfg.timeout
		}
	}
	return w
}

func (w *worker) run() {
	ix := w.ix
	var tick <-chan time.Time
	if d := ix.cfg.flushInterval; d > 0 {
		t := time.NewTicker(max(d/4, time.Millisecond))
		defer t.Stop()
		tick = t.C
	}
	defer w.release()
	timed := func() {
		// Accepted items wait for a chunk to fill; the timer takes them
		// too, so that a slow stream of items is sent within the interval.
		for _, it := range ix.takePending() {
			w.take(it)
		}
		if len(w.ents) > 0 && time.Since(w.last) >= ix.cfg.flushInterval {
			w.send()
		}
	}
	for n := 1; ; n++ {
		var (
			j  job
			ok bool
		)
		// A waiting job is taken without the two-way select, which costs
		// more than the rest of an item's handling; the timer is looked at
		// every 64 jobs then, and whenever the queue is empty.
		select {
		case j, ok = <-ix.jobs:
			if n%64 == 0 && tick != nil {
				select {
				case <-tick:
					timed()
				default:
				}
			}
		default:
			select {
			case j, ok = <-ix.jobs:
			case <-tick:
				timed()
				continue
			}
		}
		if !ok {
			w.send()
			return
		}
		if j.flush != nil {
			w.send()
			j.flush.done.Done()
			select {
			case <-j.flush.release:
			case <-ix.ctx.Done():
			}
			continue
		}
		for _, it := range j.items {
			w.take(it)
		}
		doneWith(j.items)
	}
}

// take adds an item to the batch, and sends the batch once it is full.
func (w *worker) take(it Item) {
	w.add(it)
	if len(w.ents) >= w.ix.cfg.flushActions || len(w.enc.buf) >= w.ix.cfg.flushBytes {
		w.send()
	}
}

// release gives the buffers back to the pool.
func (w *worker) release() {
	if b := w.enc.buf; cap(b) > 0 && cap(b) <= 4*w.ix.cfg.flushBytes {
		p := new([]byte)
		*p = b[:0]
		bufPool.Put(p)
	}
	w.enc.buf = nil
}

func (w *worker) add(it Item) {
	if w.enc.buf == nil {
		w.enc.buf = (*bufPool.Get().(*[]byte))[:0]
	}
	if err := w.ix.ctx.Err(); err != nil {
		w.fail(&entry{item: it}, fmt.Errorf("bulk: indexer closed before the item was sent: %w", err))
		return
	}
	e := entry{item: it}
	var genID []byte
	if it.ID == "" && w.ids != nil {
		// An ID of ours, sent with create, makes a repeat after a lost
		// answer harmless and provable: a 409 means our first write landed.
		if len(w.ents) == 0 {
			w.idTime = time.Now()
		}
		e.genID = w.ids.next(w.idTime)
		genID = e.genID[:]
	}
	start := len(w.enc.buf)
	if err := w.enc.encode(&it, genID); err != nil {
		w.fail(&e, err)
		return
	}
	if start > 0 && len(w.enc.buf) > w.ix.cfg.flushBytes {
		// The item would take the batch over the flush size: send the
		// batch without it, so that a big item is sent alone and never
		// drags small ones into its (possibly refused) request.
		line := append([]byte(nil), w.enc.buf[start:]...)
		w.enc.buf = w.enc.buf[:start]
		w.send()
		if w.enc.buf == nil {
			w.enc.buf = (*bufPool.Get().(*[]byte))[:0]
		}
		start = len(w.enc.buf)
		w.enc.buf = append(w.enc.buf, line...)
	}
	e.start, e.end = start, len(w.enc.buf)
	w.ents = append(w.ents, e)
}

// repeatable reports whether e may be sent again after a request holding
// it got no answer: index, create and delete end in the same state when
// repeated (what differs, a 409 or a 404, is read as an unknown outcome
// unless the ID is ours); an update repeats harmlessly only when it merges
// a partial document, not when it runs a script or a raw body.
func (e *entry) repeatable() bool {
	it := &e.item
	if it.ID == "" && !e.genID.isSet() {
		return false // the server chooses the ID: a repeat writes a second document
	}
	if it.action() == Update {
		return it.Body == nil && it.Script == nil
	}
	return true
}

// send sends the current batch, retrying what can be retried, and reports
// every item's outcome.
func (w *worker) send() {
	w.last = time.Now()
	if len(w.ents) == 0 {
		return
	}
	ix := w.ix
	ix.stats.flushed.Add(int64(len(w.ents)))
	ents, buf := w.ents, w.enc.buf
	for attempt := 1; ; attempt++ {
		for i := range ents {
			ents[i].attempts++
		}
		if attempt > 1 {
			ix.stats.retried.Add(int64(len(ents)))
		}
		retryable, err := w.do(ents, buf)
		if err != nil {
			if retryable && mayHaveApplied(err) {
				// The request may have been applied: keep only the items
				// that can be repeated; the others' outcome is unknown.
				n := 0
				keep := ents[:0]
				for i := range ents {
					e := ents[i]
					e.uncertain = true
					if !e.repeatable() {
						w.fail(&e, unknownOutcome(err))
						continue
					}
					size := copy(buf[n:], buf[e.start:e.end])
					e.start, e.end = n, n+size
					n += size
					keep = append(keep, e)
				}
				ents, buf = keep, buf[:n]
				if len(ents) == 0 {
					break
				}
			}
			if !retryable || attempt > ix.cfg.maxRetries {
				for i := range ents {
					if ents[i].uncertain {
						w.fail(&ents[i], unknownOutcome(err))
					} else {
						w.fail(&ents[i], err)
					}
				}
				break
			}
			for i := range ents {
				ents[i].lastError = err
			}
			ix.log.Debug("retrying bulk request", "attempt", attempt+1, "items", len(ents), "error", err)
		} else {
			if len(w.retry) == 0 {
				break
			}
			if attempt > ix.cfg.maxRetries {
				for i := range w.retry {
					w.fail(&w.retry[i], w.retry[i].lastError)
				}
				clear(w.retry)
				w.retry = w.retry[:0]
				break
			}
			// Only the items to retry are sent again: move their lines to
			// the front of the buffer, in order, so nothing is allocated.
			n := 0
			for i := range w.retry {
				e := &w.retry[i]
				size := copy(buf[n:], buf[e.start:e.end])
				e.start, e.end = n, n+size
				n += size
			}
			buf = buf[:n]
			ents = append(ents[:0], w.retry...)
			clear(w.retry)
			w.retry = w.retry[:0]
			ix.log.Debug("retrying bulk items", "attempt", attempt+1, "items", len(ents), "first_error", ents[0].lastError)
		}
		if !w.sleep(attempt) {
			for i := range ents {
				w.fail(&ents[i], fmt.Errorf("bulk: indexer closed while retrying: %w (last error: %w)", ix.ctx.Err(), ents[i].lastError))
			}
			break
		}
	}
	w.enc.buf = w.enc.buf[:0]
	clear(w.ents[:cap(w.ents)])
	w.ents = w.ents[:0]
	if cap(w.enc.buf) > 4*ix.cfg.flushBytes {
		w.enc.buf = nil
	}
}

// sleep waits before retry attempt+1; false if the indexer was cancelled.
func (w *worker) sleep(attempt int) bool {
	cfg := &w.ix.cfg
	d := cfg.backoffMin << min(attempt-1, 30)
	if d > cfg.backoffMax || d <= 0 {
		d = cfg.backoffMax
	}
	if d > 0 {
		d = d/2 + rand.N(d/2+1)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-w.ix.ctx.Done():
		return false
	}
}

// do sends one bulk request for ents (whose lines are in buf), reports the
// items that are done, and puts those to retry in w.retry. A non-nil error
// means the whole request failed; retryable says whether it may be retried.
func (w *worker) do(ents []entry, buf []byte) (retryable bool, err error) {
	ix := w.ix
	var body []byte = buf
	if ix.cfg.compress {
		w.gzBuf.Reset()
		if w.gz == nil {
			w.gz = gzip.NewWriter(&w.gzBuf)
		} else {
			w.gz.Reset(&w.gzBuf)
		}
		w.gz.Write(buf) //nolint:errcheck // writes to a bytes.Buffer do not fail
		w.gz.Close()    //nolint:errcheck
		body = w.gzBuf.Bytes()
	}
	start := time.Now()
	resp, err := w.ix.api.Raw.Bulk(ix.ctx, api.BulkRequest{Index: ix.cfg.index, RawBody: body}, w.requestOption)
	ix.stats.requests.Add(1)
	ix.stats.bytes.Add(int64(len(buf)))
	defer func() { ix.stats.requestNanos.Add(int64(time.Since(start))) }()
	if err != nil {
		if ix.ctx.Err() != nil {
			return false, fmt.Errorf("bulk: request cancelled: %w", err)
		}
		ix.log.Warn("bulk request failed", "items", len(ents), "error", err)
		return true, fmt.Errorf("bulk: request failed: %w", err)
	}
	w.respBuf.Reset()
	_, err = w.respBuf.ReadFrom(transport.LimitBody(resp.Body, responseLimit(ix.cfg.maxResponseBytes, len(ents), len(buf))))
	resp.Body.Close() //nolint:errcheck
	if err != nil {
		if ix.ctx.Err() != nil {
			return false, fmt.Errorf("bulk: request cancelled: %w", err)
		}
		if errors.Is(err, transport.ErrResponseTooLarge) {
			// The server applied the request and answered; we cannot
			// read which items succeeded.
			err = fmt.Errorf("bulk: reading the answer to %d items (bounded by what was sent, capped by WithMaxResponseBytes): %w", len(ents), err)
			ix.log.Warn("bulk response too large", "items", len(ents), "error", err)
			return false, unknownOutcome(err)
		}
		// The request reached the server: what it applied is unknown.
		return true, unknownOutcome(fmt.Errorf("bulk: reading response: %w", err))
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		body := w.respBuf.Bytes()
		if len(body) > 2048 {
			body = body[:2048]
		}
		rerr := &RequestError{Status: resp.StatusCode, Body: string(body)}
		ix.log.Warn("bulk request failed", "items", len(ents), "status", resp.StatusCode)
		return ix.cfg.retryStatuses[resp.StatusCode], rerr
	}
	if ix.cfg.onSuccess == nil && noErrors(w.respBuf.Bytes()) {
		// Every item succeeded and nobody asked for the details: count
		// them without decoding the items (most of a bulk's cost).
		for i := range ents {
			w.succeed(&ents[i], nil)
		}
		return false, nil
	}
	r := &w.resp
	clear(r.Items[:cap(r.Items)])
	r.Items = r.Items[:0]
	if err := json.Unmarshal(w.respBuf.Bytes(), r); err != nil {
		return false, fmt.Errorf("%w: %v", ErrMalformedResponse, err)
	}
	if len(r.Items) != len(ents) {
		return false, fmt.Errorf("%w: %d items for %d actions", ErrMalformedResponse, len(r.Items), len(ents))
	}
	var conflicts []conflict
	for i := range ents {
		e := &ents[i]
		ir := r.Items[i].pick()
		if ir == nil {
			w.fail(e, fmt.Errorf("%w: item %d has no index, create, update or delete result", ErrMalformedResponse, i))
			continue
		}
		if ir.Status >= 200 && ir.Status <= 299 {
			w.succeed(e, ir)
			continue
		}
		if e.uncertain && e.genID.isSet() && ir.Status == http.StatusConflict {
			// The ID is ours and unique: the document exists because our
			// earlier, unanswered request wrote it.
			ir.Status, ir.Result, ir.Error = http.StatusCreated, "created", nil
			w.succeed(e, ir)
			continue
		}
		ierr := ir.Error
		if ierr == nil {
			ierr = &ItemError{ErrorCause: transport.ErrorCause{Type: ir.Result, Reason: http.StatusText(ir.Status)}}
		}
		ierr.Status = ir.Status
		if ierr.Index == "" {
			ierr.Index = ir.Index
		}
		ierr.ID = ir.ID
		if ix.cfg.retryStatuses[ir.Status] {
			e.lastError = ierr
			w.retry = append(w.retry, *e)
			continue
		}
		if e.uncertain && ir.Status == http.StatusConflict && w.verifiable(e) {
			// A 409 after a lost answer: our own earlier write, or
			// another document? The stored document tells.
			conflicts = append(conflicts, conflict{e: e, ir: ir, err: ierr, body: sourceLine(buf, e)})
			continue
		}
		if e.uncertain && (ir.Status == http.StatusConflict || ir.Status == http.StatusNotFound && e.item.action() == Delete) {
			// A 409 (or a delete's 404) after a lost answer may be the
			// trace of our own earlier attempt.
			w.failItem(e, ir, unknownOutcome(ierr))
			continue
		}
		w.failItem(e, ir, ierr)
	}
	if len(conflicts) > 0 {
		w.resolve(conflicts)
	}
	return false, nil
}

// responseLimit is the most read of the answer to a bulk request of items
// actions and sent bytes: 1 MiB, plus 8 KiB per item (an answer takes about
// 60 bytes per successful item, up to a few KiB per failed one), plus twice
// the bytes sent (for answers that carry documents back, such as updates
// with _source), and never more than max (WithMaxResponseBytes).
func responseLimit(max int64, items, sent int) int64 {
	return min(max, 1<<20+int64(items)*(8<<10)+2*int64(sent))
}

// mayHaveApplied reports whether a failed bulk request may have reached the
// server: everything but an error status and the transport's errors for
// requests that were never sent (refused connections, TLS failures,
// timeouts before sending).
func mayHaveApplied(err error) bool {
	if errors.Is(err, transport.ErrOutcomeUnknown) {
		return true
	}
	var re *RequestError
	var ce *transport.ConnectionError
	var te *transport.TimeoutError
	var tle *transport.TLSError
	return !(errors.As(err, &re) || errors.As(err, &ce) || errors.As(err, &te) || errors.As(err, &tle))
}

// unknownOutcome wraps err so that it matches transport.ErrOutcomeUnknown.
func unknownOutcome(err error) error {
	if errors.Is(err, transport.ErrOutcomeUnknown) {
		return err
	}
	return &ItemOutcomeUnknownError{Err: err}
}

func (w *worker) succeed(e *entry, ir *itemResponse) {
	s := &w.ix.stats
	switch e.item.action() {
	case Index:
		s.indexed.Add(1)
	case Create:
		s.created.Add(1)
	case Update:
		s.updated.Add(1)
	case Delete:
		s.deleted.Add(1)
	}
	if f := w.ix.cfg.onSuccess; f != nil {
		f(w.result(e, ir, nil))
	}
}

func (w *worker) failItem(e *entry, ir *itemResponse, err error) {
	w.ix.stats.failed.Add(1)
	r := w.result(e, ir, err)
	if f := w.ix.cfg.onFailure; f != nil {
		f(r)
		return
	}
	w.ix.log.Error("bulk item failed", "action", string(e.item.action()), "index", r.Index, "id", r.ID, "error", err)
}

func (w *worker) fail(e *entry, err error) { w.failItem(e, nil, err) }

func (w *worker) result(e *entry, ir *itemResponse, err error) Result {
	r := Result{Item: e.item, Index: e.item.Index, ID: e.item.ID, Attempts: e.attempts, Err: err}
	if r.ID == "" {
		r.ID = e.genID.String()
	}
	if r.Index == "" {
		r.Index = w.ix.cfg.index
	}
	if ir != nil {
		if ir.Index != "" {
			r.Index = ir.Index
		}
		if ir.ID != "" {
			r.ID = ir.ID
		}
		r.Status, r.Result = ir.Status, ir.Result
		r.Version, r.SeqNo, r.PrimaryTerm = ir.Version, ir.SeqNo, ir.PrimaryTerm
	}
	return r
}

// bulkResponse is the part of a _bulk response the worker reads.
type bulkResponse struct {
	Errors bool       `json:"errors"`
	Items  []itemSlot `json:"items"`
}

type itemSlot struct {
	Index  *itemResponse `json:"index"`
	Create *itemResponse `json:"create"`
	Update *itemResponse `json:"update"`
	Delete *itemResponse `json:"delete"`
}

func (s *itemSlot) pick() *itemResponse {
	for _, r := range [...]*itemResponse{s.Index, s.Create, s.Update, s.Delete} {
		if r != nil {
			return r
		}
	}
	return nil
}

type itemResponse struct {
	Index       string     `json:"_index"`
	ID          string     `json:"_id"`
	Version     int64      `json:"_version"`
	Result      string     `json:"result"`
	SeqNo       int64      `json:"_seq_no"`
	PrimaryTerm int64      `json:"_primary_term"`
	Status      int        `json:"status"`
	Error       *ItemError `json:"error"`
}

var (
	errorsFalse = []byte(`"errors":false`)
	itemsKey    = []byte(`"items"`)
)

// noErrors reports whether a bulk response says "errors":false before its
// items, as Elasticsearch and OpenSearch write it: a byte search, so that
// an all-success answer's items are not decoded at all (see
// internal/jsonscan for the module's JSON paths).
func noErrors(body []byte) bool {
	items := bytes.Index(body, itemsKey)
	if items < 0 {
		return false
	}
	head := body[:items]
	return bytes.Contains(head, errorsFalse) && bytes.Count(head, []byte{'{'}) == 1
}
