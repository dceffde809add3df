package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/esgo/esgo/esql"
	"github.com/spf13/cobra"
)

func newESQL() *cobra.Command {
	var output string
	var strict bool
	cmd := &cobra.Command{
		Use:   "esql QUERY",
		Short: "Run an ES|QL query and print the result as a table, CSV or JSON",
		Long: "Run an ES|QL query (POST /_query). QUERY - reads it from standard input.\n\n" +
			"Output (-o): table (aligned columns), csv (a header, then rows; strings as they\n" +
			"are, null empty, other values as JSON) or json ({\"rows\": [...], \"warnings\": [...]}:\n" +
			"one object per row, keys in column order, values exactly as the server sent them,\n" +
			"and the server's warnings).\n\n" +
			"Warnings: the server's warnings (for instance \"No limit defined, adding default limit\n" +
			"of [1000]\": the rows are not all the matching ones; \"/ by zero\": a value became\n" +
			"null) are printed on standard error as \"warning: ...\" (and in -o json). The exit code\n" +
			"is 0 when the query ran, warnings or not; with --strict it is 1 when the server warned\n" +
			"(the result is still printed).\n\n" +
			"ES|QL needs Elasticsearch 8.11 or later with the ES|QL module: the local\n" +
			"Elasticsearch 9.5.3 zip lacks it; run `esgo local start --version 8.19.21`.",
		Example: "  esgo esql 'FROM books | STATS n = COUNT(*) BY author | SORT n DESC | LIMIT 5'\n" +
			"  esgo esql 'FROM logs | WHERE status >= 500 | KEEP @timestamp, url' -o csv > errors.csv",
		Args: cobra.ExactArgs(1),
	}
	conn := addConnectionFlags(cmd)
	cmd.Flags().StringVarP(&output, "output", "o", "table", "output format: table, csv or json")
	cmd.Flags().BoolVar(&strict, "strict", false, "exit 1 when the server warned about the query (after printing the result)")
	_ = cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions([]string{"table", "csv", "json"}, cobra.ShellCompDirectiveNoFileComp))
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		switch output {
		case "table", "csv", "json":
		default:
			return usageError(cmd, fmt.Errorf("--output must be table, csv or json, not %q", output))
		}
		query := args[0]
		if query == "-" {
			b, err := io.ReadAll(cmd.InOrStdin())
			if err != nil {
				return err
			}
			query = string(b)
		}
		client, err := conn.client()
		if err != nil {
			return err
		}
		res, err := esql.Query(cmd.Context(), client, esql.Raw(strings.TrimSpace(query)))
		if errors.Is(err, esql.ErrUnsupported) {
			return fmt.Errorf("this server has no ES|QL: it needs Elasticsearch 8.11 or later with the ES|QL module (the local 9.5.3 zip lacks it: esgo local start --version 8.19.21); the server answered: %w", err)
		}
		if err != nil {
			return err
		}
		for _, w := range res.Warnings {
			fmt.Fprintln(cmd.ErrOrStderr(), "warning:", w)
		}
		if err := printESQL(cmd.OutOrStdout(), res, output); err != nil {
			return err
		}
		if strict && len(res.Warnings) > 0 {
			return fmt.Errorf("the server warned about the query (%d warnings) and --strict is set", len(res.Warnings))
		}
		return nil
	}
	return cmd
}

// printESQL writes an ES|QL result in the chosen format.
func printESQL(out io.Writer, res *esql.Result, output string) error {
	names := make([]string, len(res.Columns))
	for i, c := range res.Columns {
		names[i] = c.Name
	}
	switch output {
	case "json":
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		b.WriteString("{\"rows\": [")
		for r, row := range res.Values {
			if r > 0 {
				b.WriteString(",")
			}
			b.WriteString("\n  {")
			for i, v := range row {
				if i > 0 {
					b.WriteString(", ")
				}
				enc.Encode(names[i])
				b.Truncate(b.Len() - 1)
				b.WriteString(": ")
				if len(v) == 0 {
					v = json.RawMessage("null")
				}
				b.Write(v)
			}
			b.WriteString("}")
		}
		if len(res.Values) > 0 {
			b.WriteString("\n")
		}
		b.WriteString("],\n\"warnings\": ")
		warnings := res.Warnings
		if warnings == nil {
			warnings = []string{}
		}
		if err := enc.Encode(warnings); err != nil {
			return err
		}
		b.Truncate(b.Len() - 1)
		b.WriteString("}\n")
		_, err := out.Write(b.Bytes())
		return err
	case "csv":
		w := csv.NewWriter(out)
		w.Write(names)
		for _, row := range res.Values {
			cells := make([]string, len(row))
			for i, v := range row {
				cells[i] = csvValue(v)
			}
			w.Write(cells)
		}
		w.Flush()
		return w.Error()
	}
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(names, "\t"))
	for _, row := range res.Values {
		cells := make([]string, len(row))
		for i, v := range row {
			cells[i] = csvValue(v)
			if string(v) == "null" || len(v) == 0 {
				cells[i] = "null"
			}
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	return tw.Flush()
}
