package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"

	"github.com/esgo/esgo/bulk"
	"github.com/spf13/cobra"
)

func newBulk() *cobra.Command {
	var idField string
	var workers int
	cmd := &cobra.Command{
		Use:   "bulk INDEX FILE",
		Short: "Index a file of JSON documents, one per line (- for standard input)",
		Long: "Index a file of JSON documents, one per line (NDJSON), with the bulk indexer:\n" +
			"parallel workers, per-document retries of rejected items, progress on stderr.\n" +
			"Exits with an error if any document failed, after naming the first failures.",
		Example: "  esgo bulk logs logs.ndjson --id-field=id",
		Args:    cobra.ExactArgs(2),
	}
	conn := addConnectionFlags(cmd)
	cmd.Flags().StringVar(&idField, "id-field", "", "top-level field whose value becomes the document _id")
	cmd.Flags().IntVar(&workers, "workers", 2, "parallel bulk requests")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		client, err := conn.client()
		if err != nil {
			return err
		}
		var in io.Reader = cmd.InOrStdin()
		if args[1] != "-" {
			f, err := os.Open(args[1])
			if err != nil {
				return err
			}
			defer f.Close()
			in = f
		}
		errOut := cmd.ErrOrStderr()
		var shown atomic.Int32
		ix, err := bulk.New(client, bulk.WithIndex(args[0]), bulk.WithWorkers(workers),
			bulk.OnFailure(func(r bulk.Result) {
				if shown.Add(1) <= 5 { // callbacks may run on several workers at once
					fmt.Fprintf(errOut, "failed: line %v: %v\n", r.Item.Meta, r.Err)
				}
			}))
		if err != nil {
			return err
		}
		ctx := cmd.Context()
		began := time.Now()
		ticker := time.NewTicker(time.Second)
		defer ticker.Stop()
		sc := bufio.NewScanner(in)
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		line := 0
		for sc.Scan() {
			line++
			doc := bytes.TrimSpace(sc.Bytes())
			if len(doc) == 0 {
				continue
			}
			item := bulk.Item{Body: json.RawMessage(bytes.Clone(doc)), Meta: line}
			if idField != "" {
				var fields map[string]json.RawMessage
				if err := json.Unmarshal(doc, &fields); err != nil {
					return fmt.Errorf("line %d: not a JSON object: %w", line, err)
				}
				if raw, ok := fields[idField]; ok {
					var id any
					json.Unmarshal(raw, &id)
					item.ID = fmt.Sprint(id)
				}
			}
			if err := ix.Add(ctx, item); err != nil {
				ix.Close(ctx)
				return err
			}
			select {
			case <-ticker.C:
				st := ix.Stats()
				fmt.Fprintf(errOut, "\r%d sent, %d indexed, %d failed", st.Added, st.Indexed+st.Created, st.Failed)
			default:
			}
		}
		if err := sc.Err(); err != nil {
			ix.Close(ctx)
			return err
		}
		closeErr := ix.Close(ctx)
		st := ix.Stats()
		secs := time.Since(began).Seconds()
		fmt.Fprintf(errOut, "\r%d documents: %d indexed, %d failed, %d retried, in %.1fs (%.0f docs/s)\n",
			st.Added, st.Indexed+st.Created+st.Updated, st.Failed, st.Retried, secs, float64(st.Added)/secs)
		return closeErr
	}
	return cmd
}
