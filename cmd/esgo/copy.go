package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/bulk"
	"github.com/esgo/esgo/scan"
	"github.com/esgo/esgo/transport"
	"github.com/spf13/cobra"
)

// copyOptions are the flags of esgo copy.
type copyOptions struct {
	toCluster string
	toURLs    []string
	resume    bool
	aliases   string
	templates string
	slices    int
	size      int
	workers   int
}

// indexPlaceholder in DEST stands for each source index's name.
const indexPlaceholder = "{index}"

func newCopy() *cobra.Command {
	var o copyOptions
	cmd := &cobra.Command{
		Use:   "copy SOURCE DEST",
		Short: "Copy indices: settings, mappings, analyzers, aliases and documents (exact ids and routing)",
		Long: `Copy the index SOURCE to DEST, which esgo creates: its settings (less those the server
sets: uuid, creation date, version, provided name, blocks...), mappings and analyzers,
then every document with its _id and routing (read through a point in time, written
by the bulk indexer in the same process), then its aliases.

SOURCE may name several indices: a comma-separated list, wildcard patterns and
exclusions (logs-*,-logs-old), aliases; the source cluster expands it (open indices,
hidden ones only when named). With several, DEST must hold {index}, replaced by each
source index's name: 'logs-*' '{index}-v2' copies logs-a to logs-a-v2 and so on, and
'{index}' keeps the names on another cluster. The indices are copied one after the
other, in the order of their names. esgo refuses (exit 2, before writing anything)
when several indices would go to one DEST, or when a DEST is one of the source
indices on the same cluster; without --resume, it refuses (exit 1) when a DEST exists.
Data streams are not copied (their backing indices are refused).

DEST may be on another cluster: --to-cluster NAME (a named cluster) or --to-url URL;
the global flags say where SOURCE is.

While loading, DEST has refresh_interval -1 and 0 replicas (less work for the server);
SOURCE's values are set back at the end, also when the copy fails or is interrupted,
and DEST is refreshed.

Aliases: copied when DEST is on another cluster (--aliases auto); on the same cluster
an alias would then name both indices, so they are copied only with --aliases always.

Templates: to another cluster (--templates auto), once the indices are copied, the
composable index templates whose index_patterns match a source index follow, with
the component templates they are made of, so that new indices of the same family
look the same there. A template that exists on the destination is left as it is.
On the same cluster they are already there.

Interrupted (Ctrl-C, a failure), esgo prints the command that finishes the copy: the
indices not copied yet, named one by one, with --resume. --resume creates a DEST that
does not exist and, in one that does, sends every document of its source again (the
ids are the source's, so none is duplicated).

Exit codes: 0 copied, 1 failure, 2 usage error, 3 some documents failed, 130 interrupted.`,
		Example: "  esgo copy books books-v2\n" +
			"  esgo copy 'logs-2024-*' '{index}-v2'\n" +
			"  esgo --cluster prod copy 'logs-*,users' '{index}' --to-cluster staging\n" +
			"  esgo copy books books-v2 --resume",
		Args: cobra.ExactArgs(2),
	}
	conn := addConnectionFlags(cmd)
	f := cmd.Flags()
	f.StringVar(&o.toCluster, "to-cluster", "", "named cluster of DEST (default: SOURCE's cluster)")
	f.StringSliceVar(&o.toURLs, "to-url", nil, "address(es) of DEST's cluster (default: SOURCE's cluster)")
	f.BoolVar(&o.resume, "resume", false, "finish an interrupted copy: create the DEST indices that do not exist, send every document again into those that do (same ids: no duplicates)")
	f.StringVar(&o.aliases, "aliases", "auto", "copy the aliases: auto (only to another cluster), always or never")
	f.StringVar(&o.templates, "templates", "auto", "copy the index templates matching the sources (and their component templates): auto (only to another cluster) or never")
	f.IntVar(&o.slices, "slices", 0, "slices read in parallel (default: one per primary shard, at most 4)")
	f.IntVar(&o.size, "size", 0, "documents per page (default: about 10 MB of stored documents a page, from 500 to 10000)")
	f.IntVar(&o.workers, "workers", 0, "parallel bulk requests (default: the library's)")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		switch o.aliases {
		case "auto", "always", "never":
		default:
			return usageError(cmd, fmt.Errorf("--aliases must be auto, always or never, not %q", o.aliases))
		}
		if o.templates != "auto" && o.templates != "never" {
			return usageError(cmd, fmt.Errorf("--templates must be auto or never, not %q", o.templates))
		}
		if o.slices < 0 || o.size < 0 || o.workers < 0 {
			return usageError(cmd, errors.New("--slices, --size and --workers must be 0 (automatic) or more"))
		}
		source, dest := args[0], args[1]
		if err := checkCopyArgs(source, dest); err != nil {
			return usageError(cmd, err)
		}
		src, err := conn.client()
		if err != nil {
			return err
		}
		dst, other := src, false
		if o.toCluster != "" || len(o.toURLs) > 0 {
			to := &connection{cluster: o.toCluster, urls: o.toURLs, trace: conn.trace}
			if dst, err = to.client(); err != nil {
				return err
			}
			other = true
		}
		if source == dest && !other {
			return usageError(cmd, errors.New("SOURCE and DEST are the same index"))
		}
		jobs, err := planCopy(cmd.Context(), src, source, dest, other)
		if err != nil {
			var ue *copyUsageError
			if errors.As(err, &ue) {
				return usageError(cmd, err)
			}
			return err
		}
		h := copyHints{dest: dest, o: o, connArgs: conn.hintArgs()}
		return runCopies(cmd.Context(), cmd.ErrOrStderr(), src, dst, other, jobs, h, o)
	}
	return cmd
}

// checkCopyArgs checks SOURCE and DEST before any request: DEST is one
// name, where {index} may stand for the source index's name.
func checkCopyArgs(source, dest string) error {
	if strings.Trim(source, ", ") == "" {
		return errors.New("SOURCE must name at least one index")
	}
	if dest == "" || strings.ContainsAny(dest, "*,? ") {
		return fmt.Errorf("DEST %q must be one index name, where %s stands for each source index's name (no pattern or list)", dest, indexPlaceholder)
	}
	if rest := strings.ReplaceAll(dest, indexPlaceholder, ""); strings.ContainsAny(rest, "{}") {
		return fmt.Errorf("DEST %q: the only placeholder is %s", dest, indexPlaceholder)
	}
	return nil
}

// copyUsageError is a SOURCE and DEST the server's answer shows to be
// wrong (several indices to one DEST, a DEST that is a source): exit 2.
type copyUsageError struct{ msg string }

func (e *copyUsageError) Error() string { return e.msg }

// copyJob is one index to copy.
type copyJob struct {
	from, to string
	def      indexDefinition
}

// planCopy expands SOURCE on the source cluster and pairs each index with
// its DEST name, refusing what would mix indices up.
func planCopy(ctx context.Context, src *esgo.Client, source, dest string, other bool) ([]copyJob, error) {
	defs, err := getDefinitions(ctx, src, strings.Split(source, ","))
	if err != nil {
		return nil, err
	}
	if len(defs) == 0 {
		return nil, fmt.Errorf("%s names no open index", source)
	}
	names := make([]string, 0, len(defs))
	for name := range defs {
		names = append(names, name)
	}
	sort.Strings(names)
	if len(names) > 1 && !strings.Contains(dest, indexPlaceholder) {
		return nil, &copyUsageError{fmt.Sprintf("SOURCE %s names %d indices (%s) and DEST %s has no %s: they would all go to %s. "+
			"Write DEST with %s, e.g. '%s-copy' (or '%s' to another cluster)",
			source, len(names), listSome(names), dest, indexPlaceholder, dest, indexPlaceholder, indexPlaceholder, indexPlaceholder)}
	}
	jobs := make([]copyJob, len(names))
	for i, name := range names {
		def := defs[name]
		if def.DataStream != "" {
			return nil, &copyUsageError{fmt.Sprintf("%s is a backing index of the data stream %s: esgo copy does not copy data streams", name, def.DataStream)}
		}
		jobs[i] = copyJob{from: name, to: strings.ReplaceAll(dest, indexPlaceholder, name), def: def}
		if other {
			continue
		}
		if jobs[i].to == name {
			return nil, &copyUsageError{fmt.Sprintf("DEST %s is its source index on the same cluster", name)}
		}
		if _, ok := defs[jobs[i].to]; ok {
			return nil, &copyUsageError{fmt.Sprintf("DEST %s (for %s) is one of the source indices on the same cluster", jobs[i].to, name)}
		}
	}
	return jobs, nil
}

// listSome lists at most five names.
func listSome(names []string) string {
	if len(names) > 5 {
		return strings.Join(names[:5], ", ") + fmt.Sprintf(" and %d more", len(names)-5)
	}
	return strings.Join(names, ", ")
}

// serverSet are the index settings the server sets or that describe one
// index's life; they are not copied.
var serverSet = []string{"uuid", "creation_date", "creation_date_string", "provided_name", "version", "history_uuid",
	"resize", "shrink", "verified_before_close", "blocks", "routing.allocation.initial_recovery", "frozen", "hidden"}

// indexDefinition is an index as GET /INDEX returns it.
type indexDefinition struct {
	Aliases  map[string]map[string]any `json:"aliases,omitempty"`
	Mappings json.RawMessage           `json:"mappings,omitempty"`
	Settings struct {
		Index map[string]any `json:"index"`
	} `json:"settings"`
	DataStream string `json:"data_stream,omitempty"`
}

// maxPathList is the longest comma list of names sent in one request path
// (the server refuses request lines beyond 4 KB).
const maxPathList = 3000

// chunkNames splits names into lists that fit in a request path. Names
// starting with - (exclusions) apply to the names before them, so a list
// holding one is never split.
func chunkNames(names []string) [][]string {
	for _, n := range names {
		if strings.HasPrefix(n, "-") {
			return [][]string{names}
		}
	}
	var chunks [][]string
	var cur []string
	size := 0
	for _, n := range names {
		if len(cur) > 0 && size+len(n)+1 > maxPathList {
			chunks = append(chunks, cur)
			cur, size = nil, 0
		}
		cur = append(cur, n)
		size += len(n) + 1
	}
	if len(cur) > 0 {
		chunks = append(chunks, cur)
	}
	return chunks
}

// getDefinitions reads the definitions of the indices names expands to,
// less the settings the server sets.
func getDefinitions(ctx context.Context, client *esgo.Client, names []string) (map[string]indexDefinition, error) {
	var parts []string
	for _, n := range names {
		if n = strings.TrimSpace(n); n != "" {
			parts = append(parts, n)
		}
	}
	all := map[string]indexDefinition{}
	for _, chunk := range chunkNames(parts) {
		defs, err := api.Decode[map[string]indexDefinition](client.Raw.Indices.Get(ctx, api.IndicesGetRequest{Index: chunk}))
		if err != nil {
			return nil, err
		}
		for name, def := range defs {
			if def.Settings.Index == nil {
				def.Settings.Index = map[string]any{}
			}
			for _, k := range serverSet {
				deleteSetting(def.Settings.Index, k)
			}
			all[name] = def
		}
	}
	return all, nil
}

// getDefinition reads the definition of one index, less the settings the
// server sets.
func getDefinition(ctx context.Context, client *esgo.Client, index string) (indexDefinition, error) {
	defs, err := getDefinitions(ctx, client, []string{index})
	if err != nil {
		return indexDefinition{}, err
	}
	def, ok := defs[index]
	if !ok || len(defs) != 1 {
		return def, fmt.Errorf("%s names %d indices (an alias or a pattern?): name one index", index, len(defs))
	}
	return def, nil
}

// existing returns which of names are indices on client's cluster.
func existing(ctx context.Context, client *esgo.Client, names []string) (map[string]bool, error) {
	yes := true
	found := map[string]bool{}
	for _, chunk := range chunkNames(names) {
		defs, err := api.Decode[map[string]json.RawMessage](client.Raw.Indices.Get(ctx, api.IndicesGetRequest{Index: chunk,
			IgnoreUnavailable: &yes, AllowNoIndices: &yes, Features: []api.Features{api.FeaturesSettings}}))
		if err != nil {
			return nil, err
		}
		for name := range defs {
			found[name] = true
		}
	}
	return found, nil
}

// copyHints builds the esgo copy command a summary prints.
type copyHints struct {
	dest     string
	o        copyOptions
	connArgs []string
}

// resume is the command that finishes the copy of the sources named,
// shell-quoted, with the options that matter (no secret).
func (h copyHints) resume(sources []string) string {
	args := []string{"esgo", "copy", strings.Join(sources, ","), h.dest}
	args = append(args, h.connArgs...)
	if h.o.toCluster != "" {
		args = append(args, "--to-cluster", h.o.toCluster)
	}
	if len(h.o.toURLs) > 0 {
		urls := make([]string, len(h.o.toURLs))
		for i, u := range h.o.toURLs {
			urls[i] = redactURL(u)
		}
		args = append(args, "--to-url", strings.Join(urls, ","))
	}
	if h.o.aliases != "auto" {
		args = append(args, "--aliases", h.o.aliases)
	}
	if h.o.templates == "never" {
		args = append(args, "--templates", h.o.templates)
	}
	args = append(args, "--resume")
	for i, a := range args {
		args[i] = shq(a)
	}
	return strings.Join(args, " ")
}

// runCopies copies the jobs one after the other. It stops at the first
// error (an interruption included) and goes on past failed documents; the
// printed resume command names every index not fully copied.
func runCopies(ctx context.Context, errOut io.Writer, src, dst *esgo.Client, other bool, jobs []copyJob, h copyHints, o copyOptions) error {
	tos := make([]string, len(jobs))
	for i, j := range jobs {
		tos[i] = j.to
	}
	exists, err := existing(ctx, dst, tos)
	if err != nil {
		return err
	}
	if !o.resume {
		var there []string
		for _, to := range tos {
			if exists[to] {
				there = append(there, to)
			}
		}
		if len(there) > 0 {
			return fmt.Errorf("%s exists: resume an interrupted copy with --resume, or delete it first", listSome(there))
		}
	}
	began := time.Now()
	var unfinished []string // sources to copy again
	var total, failed int64
	for i, j := range jobs {
		if len(jobs) > 1 {
			fmt.Fprintf(errOut, "[%d/%d] %s to %s\n", i+1, len(jobs), j.from, j.to)
		}
		n, bad, err := runCopy(ctx, errOut, src, dst, other, j, exists[j.to], o)
		total += n
		failed += bad
		if bad > 0 {
			unfinished = append(unfinished, j.from)
		}
		if err != nil {
			if bad == 0 {
				unfinished = append(unfinished, j.from)
			}
			for _, rest := range jobs[i+1:] {
				unfinished = append(unfinished, rest.from)
			}
			fmt.Fprintf(errOut, "the copy is not finished: %d of %d indices copied; once the cause is fixed, finish it with:\n  %s\n",
				i, len(jobs), h.resume(unfinished))
			if ctx.Err() != nil {
				return &exitError{code: exitInterrupted, err: errors.New("interrupted")}
			}
			return err
		}
	}
	if other && o.templates == "auto" {
		froms := make([]string, len(jobs))
		for i, j := range jobs {
			froms[i] = j.from
		}
		if err := copyTemplates(ctx, errOut, src, dst, froms); err != nil {
			return err
		}
	}
	if len(jobs) > 1 {
		secs := time.Since(began).Seconds()
		fmt.Fprintf(errOut, "%d indices copied: %d documents, %d failed, in %.1fs (%.0f docs/s)\n", len(jobs), total, failed, secs, float64(total)/secs)
	}
	if failed > 0 {
		fmt.Fprintf(errOut, "some documents failed; once the cause is fixed, copy them again with:\n  %s\n", h.resume(unfinished))
		return &exitError{code: exitPartial, err: fmt.Errorf("%d documents failed", failed)}
	}
	return nil
}

// runCopy copies one index; DEST exists when there is one to resume. It
// returns the documents copied and failed.
func runCopy(ctx context.Context, errOut io.Writer, src, dst *esgo.Client, other bool, j copyJob, exists bool, o copyOptions) (copied, failedDocs int64, err error) {
	from, to, def := j.from, j.to, j.def
	settings := def.Settings.Index
	// Less work for the server during the load; the values come back after,
	// also when the copy fails or is interrupted.
	back := map[string]any{}
	for k := range loadSettings {
		back[k] = nestedSetting(settings, k)
	}
	began := time.Now()
	if exists {
		if _, err := api.Decode[json.RawMessage](dst.Raw.Indices.PutSettings(ctx, api.IndicesPutSettingsRequest{Index: []string{to},
			RawBody: map[string]any{"index": loadSettings}})); err != nil {
			return 0, 0, fmt.Errorf("resuming the copy into %s: %w", to, err)
		}
		fmt.Fprintf(errOut, "resuming the copy of %s into %s\n", from, to)
	} else {
		create := maps.Clone(settings)
		for k, v := range loadSettings {
			setNested(create, k, v)
		}
		body := map[string]any{"settings": map[string]any{"index": create}}
		if len(def.Mappings) > 0 {
			body["mappings"] = def.Mappings
		}
		if _, err := api.Decode[json.RawMessage](dst.Raw.Indices.Create(ctx, api.IndicesCreateRequest{Index: to, RawBody: body})); err != nil {
			var ae *transport.Error
			if errors.As(err, &ae) && ae.Type == "resource_already_exists_exception" {
				return 0, 0, fmt.Errorf("%s exists: resume an interrupted copy with --resume, or delete it first: %w", to, err)
			}
			return 0, 0, err
		}
		fmt.Fprintf(errOut, "created %s with the settings and mappings of %s\n", to, from)
	}
	restored := false
	restore := func() error {
		restored = true
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		if _, err := api.Decode[json.RawMessage](dst.Raw.Indices.PutSettings(rctx, api.IndicesPutSettingsRequest{Index: []string{to},
			RawBody: map[string]any{"index": back}})); err != nil {
			return fmt.Errorf("setting back refresh_interval, number_of_replicas and translog.durability of %s: %w (set them with esgo index settings %s --set)", to, err, shq(to))
		}
		if _, err := api.Decode[json.RawMessage](dst.Raw.Indices.Refresh(rctx, api.IndicesRefreshRequest{Index: []string{to}})); err != nil {
			return fmt.Errorf("refreshing %s: %w", to, err)
		}
		return nil
	}
	defer func() {
		if !restored {
			if rerr := restore(); rerr != nil {
				fmt.Fprintf(errOut, "%v\n", rerr)
			}
		}
	}()

	// The documents: read through a point in time, written by the bulk
	// indexer, with their ids and routing.
	var failed atomic.Int64
	opts := []bulk.Option{bulk.WithIndex(to), bulk.WithFlushActions(defaultBatch), bulk.OnFailure(func(r bulk.Result) {
		if failed.Add(1) <= 5 && ctx.Err() == nil {
			fmt.Fprintf(errOut, "failed: %s: %v\n", r.ID, r.Err)
		}
	})}
	if o.workers > 0 {
		opts = append(opts, bulk.WithWorkers(o.workers))
	}
	ix, err := bulk.New(dst, opts...)
	if err != nil {
		return 0, 0, err
	}
	slices := o.slices
	if slices == 0 {
		if n, ok := settings["number_of_shards"].(string); ok {
			fmt.Sscan(n, &slices)
		}
		slices = min(max(slices, 1), 4)
	}
	size := o.size
	if size == 0 {
		size = pageSize(ctx, src, from)
	}
	var scanOpts []scan.Option
	if slices > 1 {
		scanOpts = append(scanOpts, scan.WithSlices(slices))
	}
	var read int64
	var loopErr error
	for hit, err := range scan.PointInTime[json.RawMessage](ctx, src, from, map[string]any{}, append(scanOpts, scan.WithSize(size))...) {
		if err != nil {
			loopErr = err
			break
		}
		if err := ix.Add(ctx, bulk.Item{ID: hit.ID, Routing: hit.Routing, Body: hit.Source}); err != nil {
			loopErr = err
			break
		}
		read++
	}
	// Interrupted, the indexer stops at once: what it did not send is sent
	// again by --resume.
	closeErr := ix.Close(ctx)
	st := ix.Stats()
	indexed := st.Indexed + st.Created
	if loopErr != nil || closeErr != nil && !errors.Is(closeErr, bulk.ErrFailed) {
		if loopErr == nil {
			loopErr = closeErr
		}
		fmt.Fprintf(errOut, "%d documents read from %s: %d copied, %d failed; the copy of %s is not finished\n",
			read, from, indexed, failed.Load(), from)
		if rerr := restore(); rerr != nil {
			fmt.Fprintf(errOut, "%v\n", rerr)
		}
		return indexed, failed.Load(), loopErr
	}

	// Every document on disk (the translog was not synced at each request),
	// the settings back, a refresh, the aliases.
	if _, err := api.Decode[json.RawMessage](dst.Raw.Indices.Flush(ctx, api.IndicesFlushRequest{Index: []string{to}})); err != nil {
		return indexed, failed.Load(), fmt.Errorf("flushing %s: %w", to, err)
	}
	if err := restore(); err != nil {
		return indexed, failed.Load(), err
	}
	if len(def.Aliases) > 0 {
		if o.aliases == "always" || o.aliases == "auto" && other {
			var actions []any
			for name, a := range def.Aliases {
				add := map[string]any{"index": to, "alias": name}
				for k, v := range a {
					add[k] = v
				}
				actions = append(actions, map[string]any{"add": add})
			}
			if _, err := api.Decode[json.RawMessage](dst.Raw.Indices.UpdateAliases(ctx, api.IndicesUpdateAliasesRequest{RawBody: map[string]any{"actions": actions}})); err != nil {
				return indexed, failed.Load(), fmt.Errorf("adding the aliases to %s: %w", to, err)
			}
			fmt.Fprintf(errOut, "aliases copied: %d\n", len(def.Aliases))
		} else {
			fmt.Fprintf(errOut, "aliases not copied (%d): on the same cluster they would name both indices; --aliases always copies them\n", len(def.Aliases))
		}
	}
	secs := time.Since(began).Seconds()
	fmt.Fprintf(errOut, "%d documents copied from %s to %s, %d failed, in %.1fs (%.0f docs/s)\n", indexed, from, to, failed.Load(), secs, float64(indexed)/secs)
	return indexed, failed.Load(), nil
}

// loadSettings are DEST's settings while documents are copied into it: no
// refresh, no replica, the translog synced in the background rather than
// at each request. A copy that stops early is finished by --resume, which
// sends every document again, so no document depends on the translog of
// an unfinished copy; a finished one is flushed before it is reported.
var loadSettings = map[string]any{"refresh_interval": "-1", "number_of_replicas": "0", "translog.durability": "async"}

// nestedSetting returns a dotted setting of nested settings objects (nil
// when not set).
func nestedSetting(m map[string]any, key string) any {
	if v, ok := m[key]; ok {
		return v
	}
	head, rest, ok := strings.Cut(key, ".")
	if !ok {
		return nil
	}
	inner, _ := m[head].(map[string]any)
	if inner == nil {
		return nil
	}
	return nestedSetting(inner, rest)
}

// setNested sets a dotted setting in nested settings objects, copying the
// objects on the way (m's own are shared with the definition).
func setNested(m map[string]any, key string, v any) {
	head, rest, ok := strings.Cut(key, ".")
	if !ok {
		m[key] = v
		return
	}
	inner, _ := m[head].(map[string]any)
	inner = maps.Clone(inner)
	if inner == nil {
		inner = map[string]any{}
	}
	setNested(inner, rest, v)
	m[head] = inner
}

// deleteSetting removes a dotted setting from nested settings objects.
func deleteSetting(m map[string]any, key string) {
	delete(m, key)
	head, rest, ok := strings.Cut(key, ".")
	if !ok {
		return
	}
	if inner, ok := m[head].(map[string]any); ok {
		deleteSetting(inner, rest)
		if len(inner) == 0 {
			delete(m, head)
		}
	}
}
