package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/scan"
	"github.com/esgo/esgo/transport"
	"github.com/spf13/cobra"
)

// exportOptions are the flags of esgo export.
type exportOptions struct {
	query, queryJSON, format, output, progress string
	definition                                 string
	fields                                     []string
	slices, size                               int
	gzip, sourceOnly                           bool
	interval                                   time.Duration
}

func newExport() *cobra.Command {
	var o exportOptions
	cmd := &cobra.Command{
		Use:   "export INDEX",
		Short: "Write every document of an index as NDJSON, JSON or CSV",
		Long: `Write every document of INDEX (or an alias, a pattern, a comma-separated list) through a
point in time and search_after, reading --slices slices in parallel, optionally only those
matching a query.

NDJSON (the default) writes one {"_index","_id","_source"} object per line (and
"_routing" when set), which 'esgo bulk' loads back with the same ids: export then bulk
copies an index exactly. --source-only writes the documents alone. JSON writes one
array of those objects. CSV writes a header (_id, then --fields, or the index's
top-level mapped fields) and one row per document; strings as they are, other
values as JSON; 'esgo bulk' loads it back (the _id column becomes the id). The output
is standard output, or -O FILE (gzip when FILE ends with .gz, or with --gzip).`,
		Example: "  esgo export logs -O logs.ndjson.gz\n" +
			"  esgo export logs -q 'status:500' | esgo bulk errors -\n" +
			"  esgo export people -o csv --fields name,age > people.csv",
		Args: cobra.ExactArgs(1),
	}
	conn := addConnectionFlags(cmd)
	f := cmd.Flags()
	f.StringVarP(&o.query, "query", "q", "", "only documents matching this query string (query_string syntax)")
	f.StringVar(&o.queryJSON, "query-json", "", `only documents matching this query DSL object, e.g. '{"term":{"status":500}}'`)
	f.StringVarP(&o.format, "output", "o", "ndjson", "output format: ndjson, json or csv")
	f.StringVar(&o.format, "format", "ndjson", "the same as --output")
	_ = f.MarkHidden("format")
	f.StringVarP(&o.output, "output-file", "O", "", "write to this file instead of standard output (.gz: gzip); an existing file is replaced")
	f.BoolVar(&o.gzip, "gzip", false, "gzip the output")
	f.StringVar(&o.definition, "definition", "", "also write the index's settings (less those the server sets), mappings and aliases to this file, as a body of esgo index create --body @FILE or esgo bulk --definition FILE")
	f.BoolVar(&o.sourceOnly, "source-only", false, "NDJSON and JSON: write the documents alone, without _index and _id")
	f.StringSliceVar(&o.fields, "fields", nil, "CSV columns (dotted paths reach inside objects); other formats: only these source fields")
	f.IntVar(&o.slices, "slices", 0, "slices read in parallel (default: one per primary shard, at most 4; slicing one shard makes every slice walk all of it)")
	f.IntVar(&o.size, "size", 0, "documents per page (default: about 10 MB of stored documents a page, from 500 to 10000)")
	f.StringVar(&o.progress, "progress", "auto", "progress on stderr: auto (a bar on a terminal, else plain lines), bar, plain or none")
	f.DurationVar(&o.interval, "progress-interval", 5*time.Second, "time between plain progress lines")
	_ = cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions([]string{"ndjson", "json", "csv"}, cobra.ShellCompDirectiveNoFileComp))
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		switch o.format {
		case "ndjson", "json", "csv":
		default:
			return usageError(cmd, fmt.Errorf("--output must be ndjson, json or csv, not %q", o.format))
		}
		if o.interval <= 0 {
			return usageError(cmd, fmt.Errorf("--progress-interval must be more than 0"))
		}
		if o.slices < 0 || o.size < 0 {
			return usageError(cmd, fmt.Errorf("--slices and --size must be 0 (automatic) or more"))
		}
		if err := checkProgress(o.progress); err != nil {
			return usageError(cmd, err)
		}
		if o.query != "" && o.queryJSON != "" {
			return usageError(cmd, errors.New("give --query or --query-json, not both"))
		}
		client, err := conn.client()
		if err != nil {
			return err
		}
		if o.definition != "" {
			def, err := getDefinition(cmd.Context(), client, args[0])
			if err != nil {
				return err
			}
			b, err := json.MarshalIndent(def, "", "  ")
			if err != nil {
				return err
			}
			if err := os.WriteFile(o.definition, append(b, '\n'), 0o644); err != nil {
				return err
			}
		}
		return runExport(cmd.Context(), cmd.OutOrStdout(), cmd.ErrOrStderr(), client, args[0], o)
	}
	return cmd
}

// exportQuery returns the query DSL object of the flags, or nil.
func exportQuery(o exportOptions) (json.RawMessage, error) {
	switch {
	case o.query != "":
		return json.Marshal(map[string]any{"query_string": map[string]any{"query": o.query}})
	case o.queryJSON != "":
		var m map[string]json.RawMessage
		if err := json.Unmarshal([]byte(o.queryJSON), &m); err != nil {
			return nil, fmt.Errorf("--query-json: %w", err)
		}
		if q, ok := m["query"]; ok && len(m) == 1 {
			return q, nil
		}
		return json.RawMessage(o.queryJSON), nil
	}
	return nil, nil
}

// countResponse is the part of a _count answer export reads.
type countResponse struct {
	Count  int64 `json:"count"`
	Shards struct {
		Total int `json:"total"`
	} `json:"_shards"`
}

func runExport(ctx context.Context, stdout, errOut io.Writer, client transport.Interface, index string, o exportOptions) (err error) {
	query, err := exportQuery(o)
	if err != nil {
		return err
	}
	body := map[string]any{}
	countBody := map[string]any{}
	if query != nil {
		body["query"], countBody["query"] = query, query
	}
	if len(o.fields) > 0 && o.format != "csv" {
		body["_source"] = o.fields
	}
	total := int64(-1)
	var count countResponse
	if count, err = api.Decode[countResponse](api.New(client).Raw.Count(ctx, api.CountRequest{Index: []string{index}, RawBody: countBody})); err != nil {
		return err
	}
	total = count.Count
	if o.size <= 0 {
		o.size = pageSize(ctx, client, index)
	}
	if o.slices <= 0 {
		o.slices = min(max(count.Shards.Total, 1), 4)
	}
	columns := o.fields
	if o.format == "csv" && len(columns) == 0 {
		if columns, err = topLevelFields(ctx, client, index); err != nil {
			return err
		}
	}

	// The output, possibly a file, possibly gzipped.
	var w io.Writer = stdout
	var file *os.File
	if o.output != "" {
		if file, err = os.Create(o.output); err != nil {
			return err
		}
		defer func() {
			if cerr := file.Close(); err == nil {
				err = cerr
			}
		}()
		w = file
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	var zw *gzip.Writer
	out := io.Writer(bw)
	if o.gzip || strings.HasSuffix(o.output, ".gz") {
		zw = gzip.NewWriter(bw)
		out = zw
	}

	var written atomic.Int64
	began := time.Now()
	status := func() string {
		n := written.Load()
		return fmt.Sprintf("%d of %d documents, %.0f docs/s", n, total, float64(n)/time.Since(began).Seconds())
	}
	mode := progressMode(o.progress, errOut)
	if o.progress == "auto" && o.output == "" && progressMode("auto", stdout) == "bar" {
		mode = "none" // the documents scroll by on the same terminal
	}
	prog := startProgress(errOut, mode, "export", total, false, o.interval, written.Load, status)

	enc := newHitWriter(out, o, columns)
	var loopErr error
	var scanOpts []scan.Option
	if o.slices > 1 {
		scanOpts = append(scanOpts, scan.WithSlices(o.slices))
	}
	hits := scan.PointInTime[json.RawMessage](ctx, client, index, body, append(scanOpts, scan.WithSize(o.size))...)
	for hit, err := range hits {
		if err != nil {
			loopErr = err
			break
		}
		if err := enc.write(hit); err != nil {
			loopErr = err
			break
		}
		written.Add(1)
	}
	if err := enc.close(); err != nil && loopErr == nil {
		loopErr = err
	}
	if zw != nil {
		if err := zw.Close(); err != nil && loopErr == nil {
			loopErr = err
		}
	}
	if err := bw.Flush(); err != nil && loopErr == nil {
		loopErr = err
	}
	prog.finish(written.Load(), status())
	secs := time.Since(began).Seconds()
	fmt.Fprintf(errOut, "%d documents exported from %s in %.1fs (%.0f docs/s)\n", written.Load(), index, secs, float64(written.Load())/secs)
	if loopErr != nil {
		if ctx.Err() != nil {
			return &exitError{code: exitInterrupted, err: fmt.Errorf("interrupted: the output is incomplete (%d of %d documents)", written.Load(), total)}
		}
		return fmt.Errorf("the output is incomplete (%d of %d documents): %w", written.Load(), total, loopErr)
	}
	return nil
}

// hitWriter writes hits in one of the output formats.
type hitWriter struct {
	w       io.Writer
	o       exportOptions
	columns []string
	csv     *csv.Writer
	line    []byte
	buf     bytes.Buffer
	str     *json.Encoder
	n       int
}

func newHitWriter(w io.Writer, o exportOptions, columns []string) *hitWriter {
	h := &hitWriter{w: w, o: o, columns: columns}
	h.str = json.NewEncoder(&h.buf)
	h.str.SetEscapeHTML(false)
	if o.format == "csv" {
		h.csv = csv.NewWriter(w)
		h.csv.Write(append([]string{"_id"}, columns...))
	}
	return h
}

// appendString appends s as a JSON string.
func (h *hitWriter) appendString(b []byte, s string) []byte {
	h.buf.Reset()
	h.str.Encode(s)
	return append(b, bytes.TrimSuffix(h.buf.Bytes(), []byte("\n"))...)
}

func (h *hitWriter) write(hit scan.Hit[json.RawMessage]) error {
	if h.csv != nil {
		return h.writeCSV(hit)
	}
	b := h.line[:0]
	if h.o.format == "json" {
		if h.n == 0 {
			b = append(b, "[\n"...)
		} else {
			b = append(b, ",\n"...)
		}
	}
	h.n++
	if h.o.sourceOnly {
		b = append(b, hit.Source...)
	} else {
		b = append(b, `{"_index":`...)
		b = h.appendString(b, hit.Index)
		b = append(b, `,"_id":`...)
		b = h.appendString(b, hit.ID)
		if hit.Routing != "" {
			b = append(b, `,"_routing":`...)
			b = h.appendString(b, hit.Routing)
		}
		b = append(b, `,"_source":`...)
		b = append(b, hit.Source...)
		b = append(b, '}')
	}
	if h.o.format == "ndjson" {
		b = append(b, '\n')
	}
	h.line = b
	_, err := h.w.Write(b)
	return err
}

func (h *hitWriter) writeCSV(hit scan.Hit[json.RawMessage]) error {
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(hit.Source, &doc); err != nil {
		return fmt.Errorf("document %s: %w", hit.ID, err)
	}
	row := make([]string, 0, len(h.columns)+1)
	row = append(row, hit.ID)
	for _, col := range h.columns {
		row = append(row, csvValue(lookup(doc, col)))
	}
	return h.csv.Write(row)
}

func (h *hitWriter) close() error {
	if h.csv != nil {
		h.csv.Flush()
		return h.csv.Error()
	}
	if h.o.format == "json" {
		end := "]\n"
		if h.n == 0 {
			end = "[]\n"
		} else {
			end = "\n]\n"
		}
		_, err := io.WriteString(h.w, end)
		return err
	}
	return nil
}

// lookup finds a field by its dotted path in a document: the whole path as
// a key first, then one object level per dot.
func lookup(doc map[string]json.RawMessage, path string) json.RawMessage {
	if v, ok := doc[path]; ok {
		return v
	}
	head, rest, ok := strings.Cut(path, ".")
	if !ok {
		return nil
	}
	var inner map[string]json.RawMessage
	if json.Unmarshal(doc[head], &inner) != nil {
		return nil
	}
	return lookup(inner, rest)
}

// csvValue is a JSON value as a CSV cell: strings as they are, null and
// missing as empty, anything else as its JSON text.
func csvValue(v json.RawMessage) string {
	v = bytes.TrimSpace(v)
	if len(v) == 0 || string(v) == "null" {
		return ""
	}
	if v[0] == '"' {
		var s string
		if json.Unmarshal(v, &s) == nil {
			return s
		}
	}
	return string(v)
}

// pageSize picks a page size of about 10 MB of stored documents (from 500 to
// 10000, the most a search returns by default): pages of 1000 small
// documents spend most of their time in per-request costs.
func pageSize(ctx context.Context, client transport.Interface, index string) int {
	type statsResponse struct {
		All struct {
			Primaries struct {
				Docs struct {
					Count int64 `json:"count"`
				} `json:"docs"`
				Store struct {
					Bytes int64 `json:"size_in_bytes"`
				} `json:"store"`
			} `json:"primaries"`
		} `json:"_all"`
	}
	stats, err := api.Decode[statsResponse](api.New(client).Raw.Indices.Stats(ctx, api.IndicesStatsRequest{Index: []string{index}, Metric: []string{"docs", "store"}}))
	if err != nil {
		return 1000
	}
	p := stats.All.Primaries
	if p.Docs.Count == 0 || p.Store.Bytes == 0 {
		return 1000
	}
	avg := max(p.Store.Bytes/p.Docs.Count, 1)
	return int(min(max((10<<20)/avg, 500), 10000))
}

// topLevelFields returns the top-level mapped fields of the indices, sorted.
func topLevelFields(ctx context.Context, client transport.Interface, index string) ([]string, error) {
	mappings, err := api.Decode[map[string]struct {
		Mappings struct {
			Properties map[string]json.RawMessage `json:"properties"`
		} `json:"mappings"`
	}](api.New(client).Raw.Indices.GetMapping(ctx, api.IndicesGetMappingRequest{Index: []string{index}}))
	if err != nil {
		return nil, err
	}
	var fields []string
	for _, m := range mappings {
		for name := range m.Mappings.Properties {
			if !slices.Contains(fields, name) {
				fields = append(fields, name)
			}
		}
	}
	slices.Sort(fields)
	return fields, nil
}
