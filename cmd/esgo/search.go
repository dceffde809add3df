package main

import (
	"encoding/json"
	"fmt"

	"github.com/esgo/esgo/dsl"
	"github.com/spf13/cobra"
)

func newSearch() *cobra.Command {
	var size int
	var sort []string
	cmd := &cobra.Command{
		Use:   "search INDEX [QUERY]",
		Short: "Search an index with a query string and print the hits",
		Long: "Search an index (or a comma-separated list, or a pattern) with a query in the\n" +
			"query_string syntax (title:go AND year:>2010); without a query, match every document.",
		Example: "  esgo search books 'title:search AND year:>2010' --sort=-year",
		Args:    cobra.RangeArgs(1, 2),
	}
	conn := addConnectionFlags(cmd)
	cmd.Flags().IntVarP(&size, "size", "n", 10, "number of hits to print")
	cmd.Flags().StringSliceVar(&sort, "sort", nil, "sort fields, -field for descending")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		client, err := conn.client()
		if err != nil {
			return err
		}
		var q dsl.Query = dsl.MatchAll()
		if len(args) == 2 && args[1] != "" {
			q = dsl.QueryString(args[1])
		}
		s := dsl.NewSearch(args[0]).Using(client).Query(q).Size(size)
		for _, key := range sort {
			s = s.Sort(key)
		}
		res, err := dsl.Execute[json.RawMessage](cmd.Context(), s)
		if err != nil {
			return err
		}
		out := cmd.OutOrStdout()
		total := res.Total()
		rel := ""
		if total.Relation == "gte" {
			rel = "at least "
		}
		fmt.Fprintf(out, "%s%d hits (%d ms)\n", rel, total.Value, res.Took)
		for _, h := range res.Hits.Hits {
			score := "-"
			if h.Meta.Score != nil {
				score = fmt.Sprintf("%.3f", *h.Meta.Score)
			}
			fmt.Fprintf(out, "%s/%s\t%s\t%s\n", h.Meta.Index, h.Meta.ID, score, h.Source)
		}
		return nil
	}
	return cmd
}
