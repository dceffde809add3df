package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/esgo/esgo/bulk"
	"github.com/esgo/esgo/transport"
	"github.com/spf13/cobra"
)

// bulkOptions are the flags of esgo bulk.
type bulkOptions struct {
	idField, format, onError, rejected, progress string
	workers, flushActions, skip                  int
	interval                                     time.Duration
}

func newBulk() *cobra.Command {
	var o bulkOptions
	cmd := &cobra.Command{
		Use:   "bulk INDEX FILE",
		Short: "Load NDJSON, a JSON array or CSV into an index (gzip and - for standard input too)",
		Long: `Load documents into INDEX with the bulk indexer (parallel workers, per-document
retries of rejected items, bounded memory).

FILE is NDJSON (one JSON object per line), a JSON array of objects, or CSV with a
header line (every value a string); the format comes from the extension (.csv,
.json, .ndjson, .jsonl) or from the first byte, and gzip input is recognised by its
magic bytes. FILE - reads standard input. Lines written by 'esgo export' or
'esgo search -o ndjson' ({"_id":..., "_source":...}) keep their _id and routing.

--id-field takes the document _id from a top-level field, exactly as written:
the number 99999999999999999 becomes the _id "99999999999999999".

Documents that fail (rejected by the server, or not JSON objects) are written, as
NDJSON, to the --rejected file, which can be fed back once fixed. With
--on-error=skip (the default) the rest is loaded; with --on-error=abort, reading
stops at the first failure and what was already read is still sent.
Ctrl-C stops reading and sends what was read (Ctrl-C again stops at once: what
was not sent goes to the --rejected file). The summary says which record to
resume from (--skip).

Exit codes: 0 all loaded, 3 some documents failed (see --rejected) and the others
were loaded, 1 error, abort, or every document failed, 130 interrupted.`,
		Example: "  esgo bulk logs logs.ndjson.gz --id-field=id\n" +
			"  esgo export logs | esgo bulk logs-copy -\n" +
			"  esgo bulk people people.csv --rejected=people.bad.ndjson",
		Args: cobra.ExactArgs(2),
	}
	conn := addConnectionFlags(cmd)
	f := cmd.Flags()
	f.StringVar(&o.idField, "id-field", "", "top-level field whose value becomes the document _id (kept exactly as written)")
	f.StringVar(&o.format, "format", "auto", "input format: auto, ndjson, json (an array) or csv")
	f.StringVar(&o.onError, "on-error", "skip", "on a failed document: skip (write it to --rejected, go on) or abort")
	f.StringVar(&o.rejected, "rejected", "", "file for the documents that failed, as NDJSON (default INDEX.rejected.ndjson, created only if needed)")
	f.IntVar(&o.workers, "workers", 0, "parallel bulk requests (default: the library's, the number of CPUs but at least 4)")
	f.IntVar(&o.flushActions, "batch", 0, "documents per bulk request (default: the library's, 1000)")
	f.IntVar(&o.skip, "skip", 0, "skip the records numbered up to N (lines of NDJSON and CSV, elements of a JSON array), to resume")
	f.StringVar(&o.progress, "progress", "auto", "progress on stderr: auto (a bar on a terminal, else plain lines), bar, plain or none")
	f.DurationVar(&o.interval, "progress-interval", 5*time.Second, "time between plain progress lines")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"auto", "ndjson", "json", "csv"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("on-error", cobra.FixedCompletions([]string{"skip", "abort"}, cobra.ShellCompDirectiveNoFileComp))
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if o.onError != "skip" && o.onError != "abort" {
			return usageError(cmd, fmt.Errorf("--on-error must be skip or abort, not %q", o.onError))
		}
		if o.rejected == "" {
			o.rejected = args[0] + ".rejected.ndjson"
		}
		client, err := conn.client()
		if err != nil {
			return err
		}
		in, err := openInput(args[1], o.format, cmd.InOrStdin())
		if err != nil {
			return err
		}
		defer in.close()
		return runBulk(cmd.Context(), cmd.ErrOrStderr(), client, args[0], in, o)
	}
	return cmd
}

// rejects writes failed documents to a file created on first use.
type rejects struct {
	path  string
	mu    sync.Mutex
	f     *os.File
	w     *bufio.Writer
	n     int64
	err   error
	kinds map[string]int64
	shown int
	log   io.Writer
}

func (r *rejects) add(n int, raw []byte, reason string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.n++
	kind, _, _ := strings.Cut(reason, ":")
	r.kinds[kind]++
	if r.shown < 5 {
		r.shown++
		fmt.Fprintf(r.log, "failed: record %d: %s\n", n, reason)
	}
	if raw == nil || r.err != nil {
		return
	}
	if r.f == nil {
		r.f, r.err = os.OpenFile(r.path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
		if r.err != nil {
			return
		}
		r.w = bufio.NewWriter(r.f)
	}
	r.w.Write(raw)
	r.w.WriteByte('\n')
}

func (r *rejects) close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.f != nil {
		if err := r.w.Flush(); err != nil && r.err == nil {
			r.err = err
		}
		if err := r.f.Close(); err != nil && r.err == nil {
			r.err = err
		}
	}
	return r.err
}

// hitLine is a line written by esgo export or esgo search -o ndjson.
type hitLine struct {
	ID      json.RawMessage `json:"_id"`
	Routing string          `json:"_routing"`
	Source  json.RawMessage `json:"_source"`
}

// toItem turns a record into a bulk item.
func toItem(rec record, idField string) (bulk.Item, error) {
	item := bulk.Item{Body: json.RawMessage(rec.raw), Meta: rec} // the record travels with the item to its outcome
	doc := rec.raw
	if bytes.Contains(doc, []byte(`"_source"`)) {
		var h hitLine
		if err := json.Unmarshal(doc, &h); err == nil && len(h.Source) > 0 && h.Source[0] == '{' {
			item.Body, item.Routing = h.Source, h.Routing
			if len(h.ID) > 0 {
				id, err := idString(h.ID)
				if err != nil {
					return item, fmt.Errorf("_id: %w", err)
				}
				item.ID = id
			}
			doc = h.Source
		}
	}
	if idField != "" {
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(doc, &fields); err != nil {
			return item, err
		}
		raw, ok := fields[idField]
		if !ok {
			return item, fmt.Errorf("no field %q for the _id", idField)
		}
		id, err := idString(raw)
		if err != nil {
			return item, fmt.Errorf("field %q: %w", idField, err)
		}
		item.ID = id
	}
	return item, nil
}

// idString returns an _id from a JSON string (unquoted) or number (its
// text, exactly as written).
func idString(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) > 0 && raw[0] == '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", err
		}
		if s == "" {
			return "", errors.New("empty _id")
		}
		return s, nil
	case len(raw) > 0 && (raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9'):
		return string(raw), nil
	}
	return "", fmt.Errorf("an _id must be a string or a number, not %s", raw)
}

// runBulk loads in into index and prints a summary to errOut.
func runBulk(ctx context.Context, errOut io.Writer, client transport.Interface, index string, in *input, o bulkOptions) error {
	rej := &rejects{path: o.rejected, kinds: map[string]int64{}, log: errOut}
	var failedOnce atomic.Bool
	opts := []bulk.Option{bulk.WithIndex(index),
		bulk.OnFailure(func(r bulk.Result) {
			failedOnce.Store(true)
			m, _ := r.Item.Meta.(record)
			reason := "error"
			if r.Err != nil {
				reason = r.Err.Error()
			}
			var ie *bulk.ItemError
			if errors.As(r.Err, &ie) {
				reason = ie.Type + ": " + ie.Reason
			}
			rej.add(m.n, m.raw, reason)
		})}
	if o.workers > 0 {
		opts = append(opts, bulk.WithWorkers(o.workers))
	}
	if o.flushActions > 0 {
		opts = append(opts, bulk.WithFlushActions(o.flushActions))
	}
	ix, err := bulk.New(client, opts...)
	if err != nil {
		return err
	}
	began := time.Now()
	var read, lastRecord atomic.Int64
	docsPerSec := func() float64 {
		st := ix.Stats()
		return float64(st.Indexed+st.Created+st.Updated) / time.Since(began).Seconds()
	}
	status := func() string {
		st := ix.Stats()
		return fmt.Sprintf("%d read, %d indexed, %d failed, %.0f docs/s", read.Load(),
			st.Indexed+st.Created+st.Updated, rej.count(), docsPerSec())
	}
	mode := progressMode(o.progress, errOut)
	prog := startProgress(errOut, mode, "bulk", in.size, true, o.interval, in.counter.count, status)

	var stopReason error // why reading stopped early, if it did
	// Records are read in a goroutine so that Ctrl-C is seen even while
	// a read blocks (a pipe that stays open).
	type next struct {
		rec record
		err error
	}
	recs := make(chan next, 256)
	quit := make(chan struct{})
	defer close(quit)
	go func() {
		defer close(recs)
		for rec, err := range in.records() {
			select {
			case recs <- next{rec, err}:
			case <-quit:
				return
			}
		}
	}()
	for {
		var nx next
		var ok bool
		select {
		case nx, ok = <-recs:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			stopReason = ctx.Err()
			break
		}
		if !ok {
			break
		}
		rec, err := nx.rec, nx.err
		var bad *errBadRecord
		if errors.As(err, &bad) {
			lastRecord.Store(int64(rec.n))
			if rec.n <= o.skip {
				continue
			}
			read.Add(1)
			rej.add(bad.n, bad.raw, bad.reason)
			if o.onError == "abort" {
				stopReason = fmt.Errorf("aborted at record %d: %s", bad.n, bad.reason)
				break
			}
			continue
		}
		if err != nil {
			stopReason = err
			break
		}
		if rec.n <= o.skip {
			lastRecord.Store(int64(rec.n))
			continue
		}
		read.Add(1)
		item, err := toItem(rec, o.idField)
		if err != nil {
			lastRecord.Store(int64(rec.n))
			rej.add(rec.n, rec.raw, err.Error())
			if o.onError == "abort" {
				stopReason = fmt.Errorf("aborted at record %d: %v", rec.n, err)
				break
			}
			continue
		}
		if err := ix.Add(ctx, item); err != nil {
			if errors.Is(err, bulk.ErrInvalidItem) {
				lastRecord.Store(int64(rec.n))
				rej.add(rec.n, rec.raw, err.Error())
				if o.onError == "abort" {
					stopReason = fmt.Errorf("aborted at record %d: %v", rec.n, err)
					break
				}
				continue
			}
			read.Add(-1) // not added: it is not sent, and resuming starts with it
			stopReason = err
			break
		}
		lastRecord.Store(int64(rec.n))
		if o.onError == "abort" && failedOnce.Load() {
			stopReason = errors.New("aborted after a document failed")
			break
		}
	}
	interrupted := ctx.Err() != nil
	// Drain: send everything accepted. After Ctrl-C, a second Ctrl-C (or
	// SIGTERM) stops the drain; what was not sent is reported as failed and
	// written to the rejected file.
	drainCtx := context.WithoutCancel(ctx)
	if interrupted {
		st := ix.Stats()
		fmt.Fprintf(errOut, "\ninterrupted: sending the %d documents already read (Ctrl-C again to stop now; unsent ones go to %s)\n",
			st.Added-st.Indexed-st.Created-st.Updated-st.Failed, rej.path)
		var stop context.CancelFunc
		drainCtx, stop = signal.NotifyContext(drainCtx, os.Interrupt, syscall.SIGTERM)
		defer stop()
	}
	closeErr := ix.Close(drainCtx)
	st := ix.Stats()
	prog.finish(in.counter.count(), status())
	rejErr := rej.close()

	secs := time.Since(began).Seconds()
	indexed := st.Indexed + st.Created + st.Updated
	fmt.Fprintf(errOut, "%d documents read from %s: %d indexed, %d failed, %d retried, in %.1fs (%.0f docs/s)\n",
		read.Load(), in.name, indexed, rej.n, st.Retried, secs, float64(indexed)/secs)
	if rej.n > 0 {
		var kinds []string
		for k, n := range rej.kinds {
			kinds = append(kinds, fmt.Sprintf("%d %s", n, k))
		}
		sort.Strings(kinds)
		fmt.Fprintf(errOut, "failures: %s\n", strings.Join(kinds, ", "))
		if rejErr != nil {
			fmt.Fprintf(errOut, "could not write the failed documents to %s: %v\n", rej.path, rejErr)
		} else {
			fmt.Fprintf(errOut, "the failed documents are in %s (feed it back once fixed: esgo bulk %s %s)\n", rej.path, index, rej.path)
		}
	}
	if stopReason != nil {
		fmt.Fprintf(errOut, "stopped after record %d of %s: resume with --skip %d\n", lastRecord.Load(), in.name, lastRecord.Load())
	}
	switch {
	case interrupted:
		return &exitError{code: exitInterrupted, err: errors.New("interrupted")}
	case stopReason != nil:
		return &exitError{code: exitFailure, err: stopReason}
	case rejErr != nil:
		return rejErr
	case rej.n > 0 && indexed == 0:
		return &exitError{code: exitFailure, err: fmt.Errorf("all %d documents failed", rej.n)}
	case rej.n > 0:
		return &exitError{code: exitPartial, err: fmt.Errorf("%d of %d documents failed", rej.n, read.Load())}
	case closeErr != nil:
		return closeErr
	}
	return nil
}

// count is the number of failed documents so far.
func (r *rejects) count() int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.n
}
