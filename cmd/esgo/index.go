package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/transport"
	"github.com/spf13/cobra"
)

// jsonArg reads a JSON argument: inline, "-" for standard input, or @FILE.
func jsonArg(cmd *cobra.Command, v string) (json.RawMessage, error) {
	var b []byte
	switch {
	case v == "-":
		var err error
		if b, err = io.ReadAll(cmd.InOrStdin()); err != nil {
			return nil, err
		}
	case strings.HasPrefix(v, "@"):
		var err error
		if b, err = readFile(v[1:]); err != nil {
			return nil, err
		}
	default:
		b = []byte(v)
	}
	if !json.Valid(b) {
		return nil, usageError(cmd, fmt.Errorf("not valid JSON: %.60s", b))
	}
	return b, nil
}

// printJSON writes raw indented.
func printJSON(w io.Writer, raw json.RawMessage) error {
	var b bytes.Buffer
	if err := json.Indent(&b, raw, "", "  "); err != nil {
		return err
	}
	b.WriteByte('\n')
	_, err := w.Write(b.Bytes())
	return err
}

// indexCmd builds a subcommand of esgo index that talks to the cluster.
func indexCmd(use, short, example string, args cobra.PositionalArgs,
	run func(ctx context.Context, cmd *cobra.Command, client *esgo.Client, args []string) error) (*cobra.Command, *connection) {
	cmd := &cobra.Command{Use: use, Short: short, Example: example, Args: args}
	conn := addConnectionFlags(cmd)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if f := cmd.Flags().Lookup("output"); f != nil && f.Value.String() != "table" && f.Value.String() != "json" {
			return usageError(cmd, fmt.Errorf("--output must be table or json, not %q", f.Value.String()))
		}
		client, err := conn.client()
		if err != nil {
			return err
		}
		return run(cmd.Context(), cmd, client, args)
	}
	cmd.ValidArgsFunction = func(cmd *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
		return completeIndices(cmd.Context(), conn, prefix)
	}
	return cmd, conn
}

// completeIndices lists the indices whose names start with prefix.
func completeIndices(ctx context.Context, conn *connection, prefix string) ([]string, cobra.ShellCompDirective) {
	client, err := conn.client()
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	if ctx == nil {
		ctx = context.Background()
	}
	rows, err := api.Decode[[]struct {
		Index string `json:"index"`
	}](client.Raw.Cat.Indices(ctx, api.CatIndicesRequest{Index: []string{prefix + "*"}, Format: "json", H: []string{"index"}}))
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var names []string
	for _, r := range rows {
		names = append(names, r.Index)
	}
	return names, cobra.ShellCompDirectiveNoFileComp
}

func newIndex() *cobra.Command {
	idx := &cobra.Command{
		Use:   "index",
		Short: "Create, delete, list indices; read and change mappings, settings and aliases",
		Args:  cobra.NoArgs,
	}

	var all bool
	var lsOut, aliasOut *listing
	ls, _ := indexCmd("ls [PATTERN]", "List indices: health, status, documents, size", "  esgo index ls 'logs-*'\n  esgo index ls -o json", cobra.MaximumNArgs(1),
		func(ctx context.Context, cmd *cobra.Command, client *esgo.Client, args []string) error {
			pattern := "*"
			if len(args) == 1 {
				pattern = args[0]
			}
			req := api.CatIndicesRequest{Index: []string{pattern}, Format: "json",
				H: []string{"health", "status", "index", "docs.count", "store.size"}, S: []string{"index"}}
			if all {
				req.ExpandWildcards = []api.ExpandWildcards{api.ExpandWildcardsAll}
			}
			rows, err := api.Decode[[]map[string]string](client.Raw.Cat.Indices(ctx, req))
			if err != nil {
				return err
			}
			var table [][]string
			for _, r := range rows {
				table = append(table, []string{r["health"], r["status"], r["index"], r["docs.count"], r["store.size"]})
			}
			return lsOut.print(cmd.OutOrStdout(), []string{"health", "status", "index", "docs", "size"}, table)
		})
	lsOut = addListing(ls)
	ls.Flags().BoolVar(&all, "all", false, "include hidden and system indices")

	var shards, replicas int
	var body string
	create, _ := indexCmd("create NAME", "Create an index",
		"  esgo index create books --shards 1 --replicas 0\n  esgo index create books --body @books.json",
		cobra.ExactArgs(1),
		func(ctx context.Context, cmd *cobra.Command, client *esgo.Client, args []string) error {
			if cmd.Flags().Changed("shards") && shards < 1 || cmd.Flags().Changed("replicas") && replicas < 0 {
				return usageError(cmd, fmt.Errorf("--shards must be 1 or more and --replicas 0 or more"))
			}
			req := map[string]any{}
			if body != "" {
				raw, err := jsonArg(cmd, body)
				if err != nil {
					return err
				}
				if err := json.Unmarshal(raw, &req); err != nil {
					return usageError(cmd, fmt.Errorf("--body must be a JSON object: %w", err))
				}
			}
			req = unwrapDefinition(req)
			settings := map[string]any{}
			if s, ok := req["settings"].(map[string]any); ok {
				settings = s
			}
			if cmd.Flags().Changed("shards") {
				settings["number_of_shards"] = shards
			}
			if cmd.Flags().Changed("replicas") {
				settings["number_of_replicas"] = replicas
			}
			if len(settings) > 0 {
				req["settings"] = settings
			}
			if _, err := api.Decode[json.RawMessage](client.Raw.Indices.Create(ctx, api.IndicesCreateRequest{Index: args[0], RawBody: req})); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "created %s\n", args[0])
			return nil
		})
	create.Flags().IntVar(&shards, "shards", 0, "number of primary shards (default: the server's, 1)")
	create.Flags().IntVar(&replicas, "replicas", 0, "number of replicas (default: the server's, 1)")
	create.Flags().StringVar(&body, "body", "", "settings, mappings and aliases as JSON, - for standard input, or @FILE")

	del, _ := indexCmd("delete NAME...", "Delete indices (named exactly: no wildcards)", "  esgo index delete old-logs", cobra.MinimumNArgs(1),
		func(ctx context.Context, cmd *cobra.Command, client *esgo.Client, args []string) error {
			for _, name := range args {
				if strings.ContainsAny(name, "*?,") || name == "_all" {
					return usageError(cmd, fmt.Errorf("name indices exactly, one per argument: %q", name))
				}
			}
			for _, name := range args {
				if _, err := api.Decode[json.RawMessage](client.Raw.Indices.Delete(ctx, api.IndicesDeleteRequest{Index: []string{name}})); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "deleted %s\n", name)
			}
			return nil
		})

	getOrSet := func(use, what, endpoint, example string) *cobra.Command {
		var set string
		c, _ := indexCmd(use+" NAME", "Print the "+what+" of an index, or change them with --set", example, cobra.ExactArgs(1),
			func(ctx context.Context, cmd *cobra.Command, client *esgo.Client, args []string) error {
				index := []string{args[0]}
				if set != "" {
					raw, err := jsonArg(cmd, set)
					if err != nil {
						return err
					}
					var resp *transport.Response
					if endpoint == "_settings" {
						resp, err = client.Raw.Indices.PutSettings(ctx, api.IndicesPutSettingsRequest{Index: index, RawBody: raw})
					} else {
						resp, err = client.Raw.Indices.PutMapping(ctx, api.IndicesPutMappingRequest{Index: index, RawBody: raw})
					}
					if _, err := api.Decode[json.RawMessage](resp, err); err != nil {
						return err
					}
					fmt.Fprintf(cmd.OutOrStdout(), "updated the %s of %s\n", what, args[0])
					return nil
				}
				var resp *transport.Response
				var err error
				if endpoint == "_settings" {
					flat := true
					resp, err = client.Raw.Indices.GetSettings(ctx, api.IndicesGetSettingsRequest{Index: index, FlatSettings: &flat})
				} else {
					resp, err = client.Raw.Indices.GetMapping(ctx, api.IndicesGetMappingRequest{Index: index})
				}
				raw, err := api.Decode[json.RawMessage](resp, err)
				if err != nil {
					return err
				}
				return printJSON(cmd.OutOrStdout(), raw)
			})
		c.Flags().StringVar(&set, "set", "", "new "+what+" as JSON, - for standard input, or @FILE")
		return c
	}
	mapping := getOrSet("mapping", "mappings", "_mapping",
		"  esgo index mapping books\n  esgo index mapping books --set '{\"properties\":{\"isbn\":{\"type\":\"keyword\"}}}'")
	settings := getOrSet("settings", "settings", "_settings",
		"  esgo index settings books\n  esgo index settings books --set '{\"index\":{\"number_of_replicas\":0}}'")

	alias := &cobra.Command{Use: "alias", Short: "List, add and remove aliases", Args: cobra.NoArgs}
	aliasLs, _ := indexCmd("ls [INDEX]", "List aliases (of an index)", "  esgo index alias ls books", cobra.MaximumNArgs(1),
		func(ctx context.Context, cmd *cobra.Command, client *esgo.Client, args []string) error {
			var req api.IndicesGetAliasRequest
			if len(args) == 1 {
				req.Index = args
			}
			m, err := api.Decode[map[string]struct {
				Aliases map[string]json.RawMessage `json:"aliases"`
			}](client.Raw.Indices.GetAlias(ctx, req))
			if err != nil {
				return err
			}
			var lines [][]string
			for index, a := range m {
				for name := range a.Aliases {
					lines = append(lines, []string{name, index})
				}
			}
			slices.SortFunc(lines, func(a, b []string) int { return strings.Compare(a[0]+"\t"+a[1], b[0]+"\t"+b[1]) })
			return aliasOut.print(cmd.OutOrStdout(), []string{"alias", "index"}, lines)
		})
	aliasOut = addListing(aliasLs)
	aliasAction := func(use, action string) *cobra.Command {
		c, _ := indexCmd(use+" INDEX ALIAS", strings.ToUpper(use[:1])+use[1:]+" an alias", "  esgo index alias "+use+" books-v2 books", cobra.ExactArgs(2),
			func(ctx context.Context, cmd *cobra.Command, client *esgo.Client, args []string) error {
				body := map[string]any{"actions": []any{map[string]any{action: map[string]any{"index": args[0], "alias": args[1]}}}}
				if _, err := api.Decode[json.RawMessage](client.Raw.Indices.UpdateAliases(ctx, api.IndicesUpdateAliasesRequest{RawBody: body})); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s: %s -> %s\n", action, args[1], args[0])
				return nil
			})
		return c
	}
	alias.AddCommand(aliasLs, aliasAction("add", "add"), aliasAction("rm", "remove"))
	idx.AddCommand(ls, create, del, mapping, settings, alias)
	return idx
}

func readFile(path string) ([]byte, error) { return os.ReadFile(path) }

// unwrapDefinition accepts what esgo index mapping and esgo index settings
// print ({"NAME": {"mappings": ...}}) as an index create body: the one
// index's definition, less the settings the server sets.
func unwrapDefinition(req map[string]any) map[string]any {
	if len(req) == 1 {
		for k, v := range req {
			inner, ok := v.(map[string]any)
			if k == "settings" || k == "mappings" || k == "aliases" || !ok {
				break
			}
			_, m := inner["mappings"]
			_, s := inner["settings"]
			_, a := inner["aliases"]
			if m || s || a {
				req = inner
			}
		}
	}
	if settings, ok := req["settings"].(map[string]any); ok {
		for _, k := range serverSet {
			deleteSetting(settings, k)
			deleteSetting(settings, "index."+k)
			if idx, ok := settings["index"].(map[string]any); ok {
				deleteSetting(idx, k)
			}
		}
	}
	return req
}
