package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/esgo/esgo/internal/jsonscan"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/bulk"
	"github.com/esgo/esgo/transport"
	"github.com/spf13/cobra"
)

// bulkOptions are the flags of esgo bulk.
type bulkOptions struct {
	idField, format, onError, rejected, progress, pipeline string
	definition                                             string
	workers, flushActions, skip                            int
	interval, giveUp                                       time.Duration
	refresh                                                bool
	// connArgs are the connection flags a printed command repeats (no
	// secret among them).
	connArgs []string
}

func newBulk() *cobra.Command {
	var o bulkOptions
	cmd := &cobra.Command{
		Use:   "bulk INDEX FILE",
		Short: "Load NDJSON, a JSON array or CSV into an index (gzip and - for standard input too)",
		Long: `Load documents into INDEX with the bulk indexer (parallel workers, per-document
retries of rejected items, bounded memory).

FILE is NDJSON (one JSON object per line), a JSON array of objects, or CSV with a
header line (every value a string; the _id and _routing columns, as esgo export -o csv
writes them, become the document's id and routing); the format comes from the
extension (.csv, .json, .ndjson, .jsonl) or from the first byte, and gzip input is
recognised by its magic bytes. FILE - reads standard input. Lines written by
'esgo export' or 'esgo search -o ndjson' ({"_id":..., "_source":...}) keep their _id
and routing.

--id-field takes the document _id from a top-level field, exactly as written:
the number 99999999999999999 becomes the _id "99999999999999999". A document
without an _id gets one made by esgo (not by the server), so that sending it
again after a lost answer, or from the rejected file, cannot write it twice.

Failed documents (rejected by the server, not JSON objects, or whose outcome is
unknown) are written to the --rejected file, one JSON object per line:
{"_id","_routing","_source","_error"} for a document ("_outcome":"unknown" when
it may have been indexed: sending it again is safe, it keeps its _id), and
{"_record","_error","_raw"} for a record that is not a document (replace such a
line by the fixed document). The file is never overwritten: the default name
INDEX.rejected.ndjson gets a number when it exists, and an existing --rejected
file is refused. Fixed, the file is fed back with the command the summary prints.

Resuming: when a load stops early (Ctrl-C, --on-error=abort, the cluster
unreachable for --give-up-after), the summary prints the commands that load
exactly what is missing. A FILE resumes after its last record read (--skip N,
records counted as lines of NDJSON and CSV, elements of a JSON array), plus the
rejected file. Standard input cannot be resumed by position (a producer such as
esgo export does not give the same order twice): when every document has an _id,
sending the whole input again is safe (documents already loaded are overwritten,
none is duplicated); without ids, esgo says it cannot resume exactly.

Ctrl-C stops reading and sends what was read; Ctrl-C again stops at once (what
was not sent, or not answered, goes to the rejected file). When no node answers
for --give-up-after (2s once interrupted), esgo stops the same way and exits 1 (130
when interrupted).

Exit codes: 0 all loaded, 3 some documents failed (see --rejected) and the others
were loaded, 1 error, abort, unreachable cluster, or every document failed, 2 usage
error, 130 interrupted.`,
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
	f.StringVar(&o.rejected, "rejected", "", "file for the documents that failed, as NDJSON; must not exist (default INDEX.rejected.ndjson, numbered when it exists; created only if needed)")
	f.StringVar(&o.pipeline, "pipeline", "", "ingest pipeline to run on every document")
	f.BoolVar(&o.refresh, "refresh", false, "refresh the index at the end, so that a search right after sees every document")
	f.StringVar(&o.definition, "definition", "", "create INDEX first from this file (esgo export --definition, or esgo index mapping output): its settings and mappings, with refresh_interval -1 and 0 replicas during the load, set back after")
	f.IntVar(&o.workers, "workers", 0, "parallel bulk requests (default: the library's, the number of CPUs but at least 4)")
	f.IntVar(&o.flushActions, "batch", 0, "documents per bulk request (default 5000; a request also ends at 5 MiB)")
	f.IntVar(&o.skip, "skip", 0, "skip the records numbered up to N (lines of NDJSON and CSV, elements of a JSON array), to resume")
	f.DurationVar(&o.giveUp, "give-up-after", 10*time.Second, "stop (exit 1, with a resume hint) when no node has answered for this long")
	f.StringVar(&o.progress, "progress", "auto", "progress on stderr: auto (a bar on a terminal, else plain lines), bar, plain or none")
	f.DurationVar(&o.interval, "progress-interval", 5*time.Second, "time between plain progress lines")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"auto", "ndjson", "json", "csv"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("on-error", cobra.FixedCompletions([]string{"skip", "abort"}, cobra.ShellCompDirectiveNoFileComp))
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if o.onError != "skip" && o.onError != "abort" {
			return usageError(cmd, fmt.Errorf("--on-error must be skip or abort, not %q", o.onError))
		}
		switch o.format {
		case "auto", "ndjson", "json", "csv":
		default:
			return usageError(cmd, fmt.Errorf("--format must be auto, ndjson, json or csv, not %q", o.format))
		}
		if err := checkProgress(o.progress); err != nil {
			return usageError(cmd, err)
		}
		for _, v := range []struct {
			name string
			n    int
		}{{"--workers", o.workers}, {"--batch", o.flushActions}, {"--skip", o.skip}} {
			if v.n < 0 {
				return usageError(cmd, fmt.Errorf("%s must be 0 or more, not %d", v.name, v.n))
			}
		}
		if o.giveUp <= 0 || o.interval <= 0 {
			return usageError(cmd, errors.New("--give-up-after and --progress-interval must be more than 0"))
		}
		if args[0] == "" {
			return usageError(cmd, errors.New("INDEX must not be empty"))
		}
		rejected, err := rejectedPath(args[0], o.rejected)
		if err != nil {
			return usageError(cmd, err)
		}
		o.rejected = rejected
		o.connArgs = conn.hintArgs()
		client, err := conn.client()
		if err != nil {
			return err
		}
		var def map[string]any
		if o.definition != "" {
			b, err := os.ReadFile(o.definition)
			if err != nil {
				return usageError(cmd, fmt.Errorf("--definition: %w", err))
			}
			if err := json.Unmarshal(b, &def); err != nil {
				return usageError(cmd, fmt.Errorf("--definition %s: not a JSON object: %w", o.definition, err))
			}
		}
		in, err := openInput(args[1], o.format, cmd.InOrStdin())
		if err != nil {
			return err
		}
		defer in.close()
		if def != nil {
			restore, err := createFromDefinition(cmd.Context(), cmd.ErrOrStderr(), client, args[0], def)
			if err != nil {
				return err
			}
			defer restore()
		}
		return runBulk(cmd.Context(), cmd.ErrOrStderr(), client, args[0], in, o)
	}
	return cmd
}

// createFromDefinition creates index from a definition (settings and
// mappings; aliases are left out, they would name two indices), with
// refresh_interval -1 and 0 replicas for the load; restore sets the
// definition's values back and refreshes the index.
func createFromDefinition(ctx context.Context, errOut io.Writer, client transport.Interface, index string, def map[string]any) (restore func(), err error) {
	def = unwrapDefinition(def)
	if a, ok := def["aliases"].(map[string]any); ok && len(a) > 0 {
		fmt.Fprintf(errOut, "the %d aliases of the definition are not added (they would name two indices): esgo index alias add\n", len(a))
	}
	delete(def, "aliases")
	settings, _ := def["settings"].(map[string]any)
	if settings == nil {
		settings = map[string]any{}
		def["settings"] = settings
	}
	target := settings
	prefix := "index."
	if idx, ok := settings["index"].(map[string]any); ok {
		target, prefix = idx, ""
	}
	var back = map[string]any{}
	for _, k := range []string{"refresh_interval", "number_of_replicas"} {
		back[k] = target[prefix+k]
		if v, ok := settings[k]; ok && prefix != "" {
			back[k] = v
			delete(settings, k)
		}
	}
	target[prefix+"refresh_interval"], target[prefix+"number_of_replicas"] = "-1", "0"
	a := api.New(client)
	if _, err := api.Decode[json.RawMessage](a.Raw.Indices.Create(ctx, api.IndicesCreateRequest{Index: index, RawBody: def})); err != nil {
		return nil, fmt.Errorf("creating %s from the definition (drop --definition to load into an existing index): %w", index, err)
	}
	fmt.Fprintf(errOut, "created %s from the definition (refresh_interval -1, 0 replicas until the end)\n", index)
	return func() {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		_, err := api.Decode[json.RawMessage](a.Raw.Indices.PutSettings(ctx, api.IndicesPutSettingsRequest{Index: []string{index}, RawBody: map[string]any{"index": back}}))
		if err == nil {
			_, err = api.Decode[json.RawMessage](a.Raw.Indices.Refresh(ctx, api.IndicesRefreshRequest{Index: []string{index}}))
		}
		if err != nil {
			fmt.Fprintf(errOut, "could not set back refresh_interval and number_of_replicas of %s (%v): esgo index settings %s --set '{\"index\":{\"refresh_interval\":null,\"number_of_replicas\":null}}' with the values you want\n", index, err, shq(index))
		}
	}, nil
}

// rejectedPath decides the file of the failed documents: the one given,
// which must not exist, or INDEX.rejected.ndjson, numbered when it exists.
// Either way no file is overwritten.
func rejectedPath(index, given string) (string, error) {
	if given != "" {
		if _, err := os.Stat(given); err == nil {
			return "", fmt.Errorf("--rejected %s exists: name another file, or move it away (a rejected file is never overwritten)", given)
		}
		return given, nil
	}
	for i := 1; ; i++ {
		p := index + ".rejected.ndjson"
		if i > 1 {
			p = fmt.Sprintf("%s.rejected-%d.ndjson", index, i)
		}
		if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
			return p, nil
		}
	}
}

// rejects writes failed documents to a file created on first use (never
// over an existing one).
type rejects struct {
	path    string
	mu      sync.Mutex
	f       *os.File
	w       *bufio.Writer
	n       int64 // failed documents and records
	unknown int64 // of which the outcome is unknown
	err     error
	kinds   map[string]int64
	shown   int
	log     io.Writer
}

// failure is one line of the rejected file.
type failure struct {
	ID      string          `json:"_id,omitempty"`
	Routing string          `json:"_routing,omitempty"`
	Source  json.RawMessage `json:"_source,omitempty"`
	Outcome string          `json:"_outcome,omitempty"`
	Record  int             `json:"_record"`
	Error   string          `json:"_error"`
	Raw     *string         `json:"_raw,omitempty"`
}

// document records a document that failed: its _id (the one esgo made
// when it had none), routing and source, so that it can be sent again as
// it is once fixed; unknown says the server may have indexed it.
func (r *rejects) document(n int, id, routing string, source []byte, reason string, unknown bool) {
	fl := failure{ID: id, Routing: routing, Source: source, Record: n, Error: reason}
	if unknown {
		fl.Outcome = "unknown"
	}
	if len(source) == 0 || !json.Valid(source) {
		s := string(source)
		fl.Source, fl.Raw = nil, &s
	}
	r.write(fl, unknown)
}

// record records a record that is not a document (invalid JSON, a CSV row
// of the wrong length): its text as it was read.
func (r *rejects) record(n int, raw []byte, reason string) {
	s := string(raw)
	r.write(failure{Record: n, Error: reason, Raw: &s}, false)
}

func (r *rejects) write(fl failure, unknown bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.n++
	if unknown {
		r.unknown++
	}
	kind, _, _ := strings.Cut(fl.Error, ":")
	if unknown {
		kind = "outcome unknown"
	}
	r.kinds[kind]++
	if r.shown < 5 {
		r.shown++
		fmt.Fprintf(r.log, "failed: record %d: %s\n", fl.Record, fl.Error)
	}
	if r.err != nil {
		return
	}
	if r.f == nil {
		r.f, r.err = os.OpenFile(r.path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if r.err != nil {
			return
		}
		r.w = bufio.NewWriter(r.f)
	}
	b, err := json.Marshal(fl)
	if err != nil {
		r.err = err
		return
	}
	r.w.Write(b)
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

// count is the number of failed documents so far.
func (r *rejects) count() int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.n
}

// errUnfixed is a line of a rejected file that holds no document.
var errUnfixed = errors.New("a line of a rejected file that holds no document (_raw): replace it by the fixed document")

// toItem turns a record into a bulk item. A line written by esgo export,
// esgo search -o ndjson or in the rejected file ({"_id","_routing",
// "_source"} with an object _source and a string or null _routing) is
// sent as its _source, with its _id and routing; any other object is the
// document itself.
func toItem(rec record, idField string) (bulk.Item, error) {
	item := bulk.Item{Body: json.RawMessage(rec.raw), Meta: rec, ID: rec.id, Routing: rec.routing} // the record travels with the item to its outcome
	doc := rec.raw
	top := rec.top
	if !rec.scanned {
		top, _ = scanMembers(doc)
	}
	routing, routingOK := optionalString(top.routing)
	switch {
	case len(top.source) > 0 && top.source[0] == '{' && routingOK:
		item.Body, item.Routing = json.RawMessage(top.source), routing
		if len(top.id) > 0 {
			id, err := idString(top.id)
			if err != nil {
				return item, fmt.Errorf("_id: %w", err)
			}
			item.ID = id
		}
		doc = top.source
	case top.source == nil && len(top.raw) > 0 && top.raw[0] == '"':
		if msg, ok := optionalString(top.error); ok && msg != "" {
			return item, errUnfixed
		}
	}
	if idField != "" {
		raw, found, err := member(doc, idField)
		if err != nil {
			return item, err
		}
		if !found {
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

// optionalString decodes a JSON string value; nil (absent) and null are
// the empty string, and ok is false for any other value.
func optionalString(raw []byte) (s string, ok bool) {
	if raw == nil || string(raw) == "null" {
		return "", true
	}
	if raw[0] != '"' {
		return "", false
	}
	sc := jsonscan.New(raw)
	s = sc.String()
	return s, sc.End()
}

// member returns the value of doc's top-level member key (the last one
// when repeated); doc is a JSON object.
func member(doc []byte, key string) (raw []byte, found bool, err error) {
	s := jsonscan.New(doc)
	for more := s.Object(); more; more = s.More('}') {
		k := s.Key()
		v := s.Skip()
		if string(k) == key {
			raw, found = v, true
		}
	}
	if !s.End() {
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(doc, &fields); err != nil {
			return nil, false, err
		}
		raw, found = fields[key]
	}
	return raw, found, nil
}

// idString returns an _id from a JSON string (unquoted) or number (its
// text, exactly as written).
func idString(raw []byte) (string, error) {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) > 0 && raw[0] == '"':
		s, ok := optionalString(raw)
		if !ok {
			return "", fmt.Errorf("invalid string %s", raw)
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

// watchdog tells when no node has answered for a while: it sees every
// request the bulk indexer sends. An answer of any status counts (the
// cluster is there, if busy); a transport error starts the clock.
type watchdog struct {
	transport.Interface
	failingSince atomic.Int64 // unix nanoseconds of the first failure since the last answer; 0 when answering
	lastErr      atomic.Pointer[string]
}

// Perform implements transport.Interface.
func (w *watchdog) Perform(ctx context.Context, req *transport.Request) (*transport.Response, error) {
	resp, err := w.Interface.Perform(ctx, req)
	var se *transport.Error
	switch {
	case err == nil || errors.As(err, &se):
		w.failingSince.Store(0)
	case ctx.Err() == nil:
		w.failingSince.CompareAndSwap(0, time.Now().UnixNano())
		msg := err.Error()
		w.lastErr.Store(&msg)
	}
	return resp, err
}

// silentFor is how long requests have failed without an answer in between.
func (w *watchdog) silentFor() time.Duration {
	since := w.failingSince.Load()
	if since == 0 {
		return 0
	}
	return time.Since(time.Unix(0, since))
}

// unknownOutcome reports whether a failed item may have been applied:
// it has no answer of its own, and it was (or may have been) sent.
func unknownOutcome(r bulk.Result) bool {
	if r.Status != 0 || r.Err == nil {
		return false
	}
	if strings.Contains(r.Err.Error(), "before the item was sent") {
		return false
	}
	var ce *transport.ConnectionError
	if errors.As(r.Err, &ce) && !errors.Is(r.Err, transport.ErrOutcomeUnknown) {
		return false // refused: never reached a server
	}
	return errors.Is(r.Err, transport.ErrOutcomeUnknown) || errors.Is(r.Err, context.Canceled) ||
		errors.Is(r.Err, context.DeadlineExceeded)
}

// defaultBatch is the command's number of documents per bulk request:
// bigger than the library's 1000, as measured with bench/cmd/dumpbench
// (BENCHMARKS.md): fewer, larger requests load faster for the same server
// work. The library's 5 MiB per request still bounds the memory.
const defaultBatch = 5000

// runBulk loads in into index and prints a summary to errOut.
func runBulk(ctx context.Context, errOut io.Writer, client transport.Interface, index string, in *input, o bulkOptions) error {
	rej := &rejects{path: o.rejected, kinds: map[string]int64{}, log: errOut}
	var failedOnce atomic.Bool
	watch := &watchdog{Interface: client}
	opts := []bulk.Option{bulk.WithIndex(index),
		bulk.OnFailure(func(r bulk.Result) {
			failedOnce.Store(true)
			m, _ := r.Item.Meta.(record)
			reason := "error"
			if r.Err != nil {
				reason = r.Err.Error()
			}
			var ie *bulk.ItemError
			unknown := unknownOutcome(r)
			switch {
			case errors.As(r.Err, &ie):
				reason = ie.Type + ": " + ie.Reason
			case !unknown && r.Status == 0:
				reason = "not sent: " + reason
			}
			source, _ := r.Item.Body.(json.RawMessage)
			rej.document(m.n, r.ID, r.Item.Routing, source, reason, unknown)
		})}
	if o.workers > 0 {
		opts = append(opts, bulk.WithWorkers(o.workers))
	}
	if o.flushActions == 0 {
		o.flushActions = defaultBatch
	}
	opts = append(opts, bulk.WithFlushActions(o.flushActions))
	if o.pipeline != "" {
		opts = append(opts, bulk.WithParam("pipeline", o.pipeline))
	}
	ix, err := bulk.New(watch, opts...)
	if err != nil {
		return err
	}
	began := time.Now()
	var read, lastRecord atomic.Int64
	var withoutID atomic.Int64 // documents sent with an _id made by esgo
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

	// The watchdog: when no node has answered for o.giveUp, reading stops
	// and so does the sending (what was not sent goes to the rejected file).
	giveUp, gaveUp := context.WithCancelCause(context.Background())
	defer gaveUp(nil)
	watchDone := make(chan struct{})
	defer close(watchDone)
	go func() {
		t := time.NewTicker(min(o.giveUp/10, 250*time.Millisecond))
		defer t.Stop()
		for {
			select {
			case <-watchDone:
				return
			case <-t.C:
				limit := o.giveUp
				if ctx.Err() != nil {
					// Interrupted: the documents read are being sent; a
					// cluster that does not answer is not waited for long.
					limit = min(limit, 2*time.Second)
				}
				if d := watch.silentFor(); d >= limit {
					last := ""
					if p := watch.lastErr.Load(); p != nil {
						last = *p
					}
					gaveUp(fmt.Errorf("no node has answered for %s; last error: %s", d.Round(time.Second), last))
					return
				}
			}
		}
	}()
	addCtx, addStop := context.WithCancel(ctx)
	defer addStop()
	stopAdd := context.AfterFunc(giveUp, addStop)
	defer stopAdd()

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
	failRecord := func(n int, raw []byte, item *bulk.Item, reason string) bool {
		lastRecord.Store(int64(n))
		var body json.RawMessage
		if item != nil {
			body, _ = item.Body.(json.RawMessage)
		}
		if len(body) > 0 && body[0] == '{' && json.Valid(body) {
			rej.document(n, item.ID, item.Routing, body, reason, false)
		} else {
			rej.record(n, raw, reason)
		}
		if o.onError == "abort" {
			stopReason = fmt.Errorf("aborted at record %d: %s", n, reason)
			return false
		}
		return true
	}
loop:
	for {
		var nx next
		var ok bool
		select {
		case nx, ok = <-recs:
		case <-addCtx.Done():
		}
		if ctx.Err() != nil {
			stopReason = ctx.Err()
			break
		}
		if giveUp.Err() != nil {
			stopReason = context.Cause(giveUp)
			break
		}
		if !ok {
			break
		}
		rec, err := nx.rec, nx.err
		var bad *errBadRecord
		if errors.As(err, &bad) {
			if rec.n <= o.skip {
				lastRecord.Store(int64(rec.n))
				continue
			}
			read.Add(1)
			if !failRecord(bad.n, bad.raw, nil, bad.reason) {
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
			it := &item
			if errors.Is(err, errUnfixed) {
				it = nil
			}
			if !failRecord(rec.n, rec.raw, it, err.Error()) {
				break
			}
			continue
		}
		if err := ix.Add(addCtx, item); err != nil {
			if errors.Is(err, bulk.ErrInvalidItem) {
				if !failRecord(rec.n, rec.raw, &item, err.Error()) {
					break loop
				}
				continue
			}
			read.Add(-1) // not added: it is not sent, and resuming starts with it
			stopReason = err
			if giveUp.Err() != nil {
				stopReason = context.Cause(giveUp)
			}
			break
		}
		if item.ID == "" {
			withoutID.Add(1)
		}
		lastRecord.Store(int64(rec.n))
		if o.onError == "abort" && failedOnce.Load() {
			stopReason = errors.New("aborted after a document failed")
			break
		}
	}
	interrupted := ctx.Err() != nil
	// Drain: send everything accepted. After Ctrl-C, a second Ctrl-C (or
	// SIGTERM) stops the drain, as does the watchdog; what was not sent is
	// reported as failed and written to the rejected file, with its _id.
	drainCtx, drainStop := context.WithCancel(context.WithoutCancel(ctx))
	defer drainStop()
	stopDrain := context.AfterFunc(giveUp, drainStop)
	defer stopDrain()
	if interrupted {
		st := ix.Stats()
		fmt.Fprintf(errOut, "\ninterrupted: sending the %d documents already read (Ctrl-C again to stop now; unsent ones go to %s)\n",
			st.Added-st.Indexed-st.Created-st.Updated-st.Failed, rej.path)
		sig, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		stopOnSignal := context.AfterFunc(sig, drainStop)
		defer stopOnSignal()
	}
	closeErr := ix.Close(drainCtx)
	if giveUp.Err() != nil && stopReason == nil {
		stopReason = context.Cause(giveUp)
	}
	var refreshErr error
	if o.refresh && giveUp.Err() == nil && !interrupted {
		_, refreshErr = api.New(client).Indices.Refresh(drainCtx, api.IndicesRefreshRequest{Index: []string{index}})
	}
	st := ix.Stats()
	prog.finish(in.counter.count(), status())
	rejErr := rej.close()

	secs := time.Since(began).Seconds()
	indexed := st.Indexed + st.Created + st.Updated
	fmt.Fprintf(errOut, "%d documents read from %s: %d indexed, %d failed, %d retried, in %.1fs (%.0f docs/s)\n",
		read.Load(), in.name, indexed, rej.n, st.Retried, secs, float64(indexed)/secs)
	hints := newBulkHints(o, index)
	if rej.n > 0 {
		var kinds []string
		for k, n := range rej.kinds {
			kinds = append(kinds, fmt.Sprintf("%d %s", n, k))
		}
		sort.Strings(kinds)
		fmt.Fprintf(errOut, "failures: %s\n", strings.Join(kinds, ", "))
		if rej.unknown > 0 {
			fmt.Fprintf(errOut, "%d of the failed documents have an unknown outcome: they may be in the index already; each is in the rejected file with its _id, so sending it again overwrites it, never duplicates it\n", rej.unknown)
		}
		if rejErr != nil {
			fmt.Fprintf(errOut, "could not write the failed documents to %s: %v\n", rej.path, rejErr)
		} else {
			fmt.Fprintf(errOut, "the failed documents are in %s; once fixed, send them again with:\n  %s\n", rej.path, hints.command(rej.path, false))
		}
	}
	if interrupted && giveUp.Err() != nil {
		fmt.Fprintf(errOut, "stopped sending: %v\n", context.Cause(giveUp))
	}
	if stopReason != nil || interrupted {
		fmt.Fprint(errOut, resumeHint(in, hints, lastRecord.Load(), withoutID.Load()))
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
	case refreshErr != nil:
		return fmt.Errorf("refreshing %s: %w", index, refreshErr)
	}
	return nil
}

// bulkHints builds the esgo bulk commands a summary prints.
type bulkHints struct {
	o     bulkOptions
	index string
}

func newBulkHints(o bulkOptions, index string) bulkHints { return bulkHints{o, index} }

// command is an esgo bulk command line for input, shell-quoted, repeating
// the options that matter (--format only for the original input: the
// rejected file is NDJSON).
func (h bulkHints) command(input string, original bool, extra ...string) string {
	args := []string{"esgo", "bulk", h.index, input}
	args = append(args, h.o.connArgs...)
	if h.o.idField != "" {
		args = append(args, "--id-field", h.o.idField)
	}
	if original && h.o.format != "auto" {
		args = append(args, "--format", h.o.format)
	}
	if h.o.pipeline != "" {
		args = append(args, "--pipeline", h.o.pipeline)
	}
	args = append(args, extra...)
	for i, a := range args {
		args[i] = shq(a)
	}
	return strings.Join(args, " ")
}

// resumeHint says how to load what a stopped run did not: by position for
// a regular file, by id for standard input, or that it cannot be done.
func resumeHint(in *input, h bulkHints, last, withoutID int64) string {
	if in.replayable {
		return fmt.Sprintf("stopped after record %d of %s; load the rest with:\n  %s\n",
			last, in.name, h.command(in.path, true, "--skip", fmt.Sprint(last)))
	}
	if withoutID == 0 {
		return fmt.Sprintf("stopped after record %d of %s. Standard input cannot be resumed by position: a producer such as\n"+
			"esgo export does not give the same order twice, so --skip would lose and duplicate documents.\n"+
			"Every document sent had an _id: sending the whole input again is safe (the documents already\n"+
			"loaded are overwritten, none is duplicated):\n  ... | %s\n", last, in.name, h.command("-", true))
	}
	return fmt.Sprintf("stopped after record %d of %s. It cannot be resumed exactly: %d documents had no _id (esgo made\n"+
		"theirs), and standard input cannot be resumed by position (a producer such as esgo export does not\n"+
		"give the same order twice). Only if the producer writes the same records in the same order (a saved\n"+
		"file, not esgo export) does this load exactly the rest:\n  ... | %s\n"+
		"Otherwise delete the index and load again, from a file or with --id-field.\n",
		last, in.name, withoutID, h.command("-", true, "--skip", fmt.Sprint(last)))
}

// shq quotes s for a POSIX shell when it needs quoting.
func shq(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./:=@%+,") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
