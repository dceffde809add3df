package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/dsl"
	"github.com/spf13/cobra"
)

func newSearch() *cobra.Command {
	var size, from int
	var sort, fields []string
	var output string
	cmd := &cobra.Command{
		Use:   "search INDEX [QUERY]",
		Short: "Search an index with a query string and print the hits",
		Long: "Search an index (or a comma-separated list, or a pattern) with a query in the\n" +
			"query_string syntax (title:go AND year:>2010); without a query, match every document.\n\n" +
			"Output (-o): table (the total, then one hit per line: index/id, score, and the\n" +
			"--fields or the whole source), json (the whole response, indented), ndjson\n" +
			"(one {\"_index\",\"_id\",\"_score\",\"_source\"} per line, which esgo bulk loads back), or\n" +
			"csv (_index, _id, _score, then the --fields or the top-level fields of the hits; strings\n" +
			"as they are, other values as JSON).",
		Example: "  esgo search books 'title:search AND year:>2010' --sort=-year\n" +
			"  esgo search books --fields title,year --from 10 -n 10\n" +
			"  esgo search books 'year:<2000' -o ndjson | esgo bulk old-books -",
		Args: cobra.RangeArgs(1, 2),
	}
	conn := addConnectionFlags(cmd)
	cmd.Flags().IntVarP(&size, "size", "n", 10, "number of hits to print")
	cmd.Flags().IntVar(&from, "from", 0, "number of hits to skip")
	cmd.Flags().StringSliceVar(&sort, "sort", nil, "sort fields, -field for descending")
	cmd.Flags().StringSliceVar(&fields, "fields", nil, "only these source fields (dotted paths reach inside objects)")
	cmd.Flags().StringVarP(&output, "output", "o", "table", "output format: table, json, ndjson or csv")
	_ = cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions([]string{"table", "json", "ndjson", "csv"}, cobra.ShellCompDirectiveNoFileComp))
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		switch output {
		case "table", "json", "ndjson", "csv":
		default:
			return usageError(cmd, fmt.Errorf("--output must be table, json, ndjson or csv, not %q", output))
		}
		if size < 0 || from < 0 {
			return usageError(cmd, fmt.Errorf("--size and --from must be 0 or more"))
		}
		client, err := conn.client()
		if err != nil {
			return err
		}
		var q dsl.Query = dsl.MatchAll()
		if len(args) == 2 && args[1] != "" {
			q = dsl.QueryString(args[1])
		}
		s := dsl.NewSearch().Query(q).Size(size)
		if from > 0 {
			s = s.From(from)
		}
		if len(fields) > 0 {
			s = s.SourceIncludes(fields...)
		}
		for _, key := range sort {
			s = s.Sort(key)
		}
		body, err := s.Body()
		if err != nil {
			return err
		}
		// The raw response, so that -o json prints it as the server sent it.
		raw, err := api.Decode[json.RawMessage](client.Raw.Search(cmd.Context(), api.SearchRequest{Index: []string{args[0]}, RawBody: body}))
		if err != nil {
			return err
		}
		return printHits(cmd.OutOrStdout(), raw, output, fields)
	}
	return cmd
}

// printHits writes a search response in the chosen format.
func printHits(out io.Writer, raw json.RawMessage, output string, fields []string) error {
	if output == "json" {
		var b bytes.Buffer
		if err := json.Indent(&b, raw, "", "  "); err != nil {
			return err
		}
		b.WriteByte('\n')
		_, err := out.Write(b.Bytes())
		return err
	}
	var res struct {
		Took int64 `json:"took"`
		Hits struct {
			Total *struct {
				Value    int64  `json:"value"`
				Relation string `json:"relation"`
			} `json:"total"`
			Hits []struct {
				Index   string          `json:"_index"`
				ID      string          `json:"_id"`
				Score   *float64        `json:"_score"`
				Routing string          `json:"_routing,omitempty"`
				Source  json.RawMessage `json:"_source"`
			} `json:"hits"`
		} `json:"hits"`
	}
	if err := json.Unmarshal(raw, &res); err != nil {
		return err
	}
	if output == "csv" {
		w := csv.NewWriter(out)
		cols := fields
		docs := make([]map[string]json.RawMessage, len(res.Hits.Hits))
		for i, h := range res.Hits.Hits {
			_ = json.Unmarshal(h.Source, &docs[i])
		}
		if len(cols) == 0 {
			for _, d := range docs {
				for k := range d {
					if !slices.Contains(cols, k) {
						cols = append(cols, k)
					}
				}
			}
			slices.Sort(cols)
		}
		w.Write(append([]string{"_index", "_id", "_score"}, cols...))
		for i, h := range res.Hits.Hits {
			score := ""
			if h.Score != nil {
				score = fmt.Sprint(*h.Score)
			}
			row := []string{h.Index, h.ID, score}
			for _, c := range cols {
				row = append(row, csvValue(lookup(docs[i], c)))
			}
			w.Write(row)
		}
		w.Flush()
		return w.Error()
	}
	if output == "ndjson" {
		hw := newHitWriter(out, exportOptions{format: "ndjson"}, nil)
		for _, h := range res.Hits.Hits {
			var b []byte
			b = append(b, `{"_index":`...)
			b = hw.appendString(b, h.Index)
			b = append(b, `,"_id":`...)
			b = hw.appendString(b, h.ID)
			if h.Routing != "" {
				b = append(b, `,"_routing":`...)
				b = hw.appendString(b, h.Routing)
			}
			if h.Score != nil {
				b = fmt.Appendf(b, `,"_score":%v`, *h.Score)
			}
			b = append(b, `,"_source":`...)
			b = append(b, h.Source...)
			b = append(b, "}\n"...)
			if _, err := out.Write(b); err != nil {
				return err
			}
		}
		return nil
	}
	if t := res.Hits.Total; t != nil {
		rel := ""
		if t.Relation == "gte" {
			rel = "at least "
		}
		fmt.Fprintf(out, "%s%d hits (%d ms)\n", rel, t.Value, res.Took)
	}
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	if len(fields) > 0 {
		fmt.Fprintf(tw, "ID\tSCORE\t%s\n", strings.ToUpper(strings.Join(fields, "\t")))
	}
	for _, h := range res.Hits.Hits {
		score := "-"
		if h.Score != nil {
			score = fmt.Sprintf("%.3f", *h.Score)
		}
		if len(fields) == 0 {
			fmt.Fprintf(out, "%s/%s\t%s\t%s\n", h.Index, h.ID, score, h.Source)
			continue
		}
		var doc map[string]json.RawMessage
		_ = json.Unmarshal(h.Source, &doc)
		cells := []string{h.Index + "/" + h.ID, score}
		for _, f := range fields {
			cells = append(cells, csvValue(lookup(doc, f)))
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	return tw.Flush()
}
