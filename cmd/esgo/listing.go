package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

// listing is the -o flag of a command that lists things: an aligned table
// (the default) or JSON, an array of objects with the columns as keys.
type listing struct{ format string }

// addListing registers -o table|json on cmd.
func addListing(cmd *cobra.Command) *listing {
	l := &listing{}
	cmd.Flags().StringVarP(&l.format, "output", "o", "table", "output format: table or json (an array of objects)")
	_ = cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions([]string{"table", "json"}, cobra.ShellCompDirectiveNoFileComp))
	return l
}

// check validates the flag (a usage error otherwise).
func (l *listing) check(cmd *cobra.Command) error {
	if l.format != "table" && l.format != "json" {
		return usageError(cmd, fmt.Errorf("--output must be table or json, not %q", l.format))
	}
	return nil
}

// print writes rows under the column keys: the table's header is the keys
// upper-cased.
func (l *listing) print(out io.Writer, keys []string, rows [][]string) error {
	if l.format == "json" {
		objs := make([]map[string]string, 0, len(rows))
		for _, r := range rows {
			m := make(map[string]string, len(keys))
			for i, k := range keys {
				m[k] = r[i]
			}
			objs = append(objs, m)
		}
		b, err := json.MarshalIndent(objs, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(out, "%s\n", b)
		return err
	}
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, strings.ToUpper(strings.Join(keys, "\t")))
	for _, r := range rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	return tw.Flush()
}
