package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"time"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/bulk"
	"github.com/esgo/esgo/scan"
	"github.com/spf13/cobra"
)

// copyOptions are the flags of esgo copy.
type copyOptions struct {
	toCluster string
	toURLs    []string
	resume    bool
	aliases   string
	slices    int
	size      int
	workers   int
}

func newCopy() *cobra.Command {
	var o copyOptions
	cmd := &cobra.Command{
		Use:   "copy SOURCE DEST",
		Short: "Copy an index: settings, mappings, analyzers, aliases and documents (exact ids and routing)",
		Long: `Copy the index SOURCE to DEST, which esgo creates: its settings (less those the server
sets: uuid, creation date, version, provided name, blocks...), mappings and analyzers,
then every document with its _id and routing (read through a point in time, written
by the bulk indexer in the same process), then its aliases.

DEST may be on another cluster: --to-cluster NAME (a named cluster) or --to-url URL;
the global flags say where SOURCE is.

While loading, DEST has refresh_interval -1 and 0 replicas (less work for the server);
SOURCE's values are set back at the end, and DEST is refreshed.

Aliases: copied when DEST is on another cluster (--aliases auto); on the same cluster
an alias would then name both indices, so they are copied only with --aliases always.

Interrupted (Ctrl-C, a failure), the copy is resumed with the same command and
--resume: DEST is kept and every document sent again; the ids are SOURCE's, so none
is duplicated.

Exit codes: 0 copied, 1 failure, 2 usage error, 3 some documents failed, 130 interrupted.`,
		Example: "  esgo copy books books-v2\n" +
			"  esgo --cluster prod copy logs-2024 logs-2024 --to-cluster staging\n" +
			"  esgo copy books books-v2 --resume",
		Args: cobra.ExactArgs(2),
	}
	conn := addConnectionFlags(cmd)
	f := cmd.Flags()
	f.StringVar(&o.toCluster, "to-cluster", "", "named cluster of DEST (default: SOURCE's cluster)")
	f.StringSliceVar(&o.toURLs, "to-url", nil, "address(es) of DEST's cluster (default: SOURCE's cluster)")
	f.BoolVar(&o.resume, "resume", false, "DEST exists from an interrupted copy: send every document again (same ids: no duplicates), then finish")
	f.StringVar(&o.aliases, "aliases", "auto", "copy the aliases: auto (only to another cluster), always or never")
	f.IntVar(&o.slices, "slices", 0, "slices read in parallel (default: one per primary shard, at most 4)")
	f.IntVar(&o.size, "size", 0, "documents per page (default: about 10 MB of stored documents a page, from 500 to 10000)")
	f.IntVar(&o.workers, "workers", 0, "parallel bulk requests (default: the library's)")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		switch o.aliases {
		case "auto", "always", "never":
		default:
			return usageError(cmd, fmt.Errorf("--aliases must be auto, always or never, not %q", o.aliases))
		}
		if o.slices < 0 || o.size < 0 || o.workers < 0 {
			return usageError(cmd, errors.New("--slices, --size and --workers must be 0 (automatic) or more"))
		}
		if strings.ContainsAny(args[0]+args[1], "*,") {
			return usageError(cmd, errors.New("name SOURCE and DEST exactly (no pattern or list)"))
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
		if args[0] == args[1] && !other {
			return usageError(cmd, errors.New("SOURCE and DEST are the same index"))
		}
		return runCopy(cmd.Context(), cmd.ErrOrStderr(), src, dst, other, args[0], args[1], o)
	}
	return cmd
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
}

// getDefinition reads the definition of one index, less the settings the
// server sets.
func getDefinition(ctx context.Context, client *esgo.Client, index string) (indexDefinition, error) {
	defs, err := api.Decode[map[string]indexDefinition](client.Raw.Indices.Get(ctx, api.IndicesGetRequest{Index: []string{index}}))
	if err != nil {
		return indexDefinition{}, err
	}
	def, ok := defs[index]
	if !ok || len(defs) != 1 {
		return def, fmt.Errorf("%s names %d indices (an alias or a pattern?): name one index", index, len(defs))
	}
	if def.Settings.Index == nil {
		def.Settings.Index = map[string]any{}
	}
	for _, k := range serverSet {
		deleteSetting(def.Settings.Index, k)
	}
	return def, nil
}

func runCopy(ctx context.Context, errOut io.Writer, src, dst *esgo.Client, other bool, from, to string, o copyOptions) error {
	def, err := getDefinition(ctx, src, from)
	if err != nil {
		return err
	}
	settings := def.Settings.Index
	// Less work for the server during the load; the values come back after.
	refresh, replicas := settings["refresh_interval"], settings["number_of_replicas"]
	settings["refresh_interval"], settings["number_of_replicas"] = "-1", "0"
	began := time.Now()
	if o.resume {
		if _, err := api.Decode[json.RawMessage](dst.Raw.Indices.PutSettings(ctx, api.IndicesPutSettingsRequest{Index: []string{to},
			RawBody: map[string]any{"index": map[string]any{"refresh_interval": "-1", "number_of_replicas": "0"}}})); err != nil {
			return fmt.Errorf("resuming the copy into %s: %w", to, err)
		}
	} else {
		body := map[string]any{"settings": map[string]any{"index": settings}}
		if len(def.Mappings) > 0 {
			body["mappings"] = def.Mappings
		}
		if _, err := api.Decode[json.RawMessage](dst.Raw.Indices.Create(ctx, api.IndicesCreateRequest{Index: to, RawBody: body})); err != nil {
			if strings.Contains(err.Error(), "resource_already_exists_exception") {
				return fmt.Errorf("%s exists: resume an interrupted copy with --resume, or delete it first: %w", to, err)
			}
			return err
		}
		fmt.Fprintf(errOut, "created %s with the settings and mappings of %s\n", to, from)
	}

	// The documents: read through a point in time, written by the bulk
	// indexer, with their ids and routing.
	var failed atomic.Int64
	opts := []bulk.Option{bulk.WithIndex(to), bulk.OnFailure(func(r bulk.Result) {
		if failed.Add(1) <= 5 {
			fmt.Fprintf(errOut, "failed: %s: %v\n", r.ID, r.Err)
		}
	})}
	if o.workers > 0 {
		opts = append(opts, bulk.WithWorkers(o.workers))
	}
	ix, err := bulk.New(dst, opts...)
	if err != nil {
		return err
	}
	slices := o.slices
	if slices == 0 {
		if n, ok := settings["number_of_shards"].(string); ok {
			fmt.Sscan(n, &slices)
		}
		slices = min(max(slices, 1), 4)
	}
	if o.size == 0 {
		o.size = pageSize(ctx, src, from)
	}
	var scanOpts []scan.Option
	if slices > 1 {
		scanOpts = append(scanOpts, scan.WithSlices(slices))
	}
	var read int64
	var loopErr error
	for hit, err := range scan.PointInTime[json.RawMessage](ctx, src, from, map[string]any{}, append(scanOpts, scan.WithSize(o.size))...) {
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
	closeErr := ix.Close(context.WithoutCancel(ctx))
	st := ix.Stats()
	indexed := st.Indexed + st.Created
	resume := fmt.Sprintf("esgo copy %s %s --resume", shq(from), shq(to))
	if loopErr != nil || closeErr != nil {
		if loopErr == nil {
			loopErr = closeErr
		}
		fmt.Fprintf(errOut, "%d documents read from %s: %d copied, %d failed; the copy is not finished: once the cause is fixed, run again with --resume (%s, plus the cluster flags)\n",
			read, from, indexed, failed.Load(), resume)
		if ctx.Err() != nil {
			return &exitError{code: exitInterrupted, err: errors.New("interrupted")}
		}
		return loopErr
	}

	// The settings back, a refresh, the aliases.
	back := map[string]any{"refresh_interval": refresh, "number_of_replicas": replicas}
	if _, err := api.Decode[json.RawMessage](dst.Raw.Indices.PutSettings(ctx, api.IndicesPutSettingsRequest{Index: []string{to},
		RawBody: map[string]any{"index": back}})); err != nil {
		return fmt.Errorf("setting back refresh_interval and number_of_replicas of %s: %w", to, err)
	}
	if _, err := api.Decode[json.RawMessage](dst.Raw.Indices.Refresh(ctx, api.IndicesRefreshRequest{Index: []string{to}})); err != nil {
		return err
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
				return fmt.Errorf("adding the aliases to %s: %w", to, err)
			}
			fmt.Fprintf(errOut, "aliases copied: %d\n", len(def.Aliases))
		} else {
			fmt.Fprintf(errOut, "aliases not copied (%d): on the same cluster they would name both indices; --aliases always copies them\n", len(def.Aliases))
		}
	}
	secs := time.Since(began).Seconds()
	fmt.Fprintf(errOut, "%d documents copied from %s to %s, %d failed, in %.1fs (%.0f docs/s)\n", indexed, from, to, failed.Load(), secs, float64(indexed)/secs)
	if n := failed.Load(); n > 0 {
		return &exitError{code: exitPartial, err: fmt.Errorf("%d of %d documents failed (run again with --resume once fixed: %s)", n, read, resume)}
	}
	return nil
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
