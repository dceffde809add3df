package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/bulk"
	"github.com/esgo/esgo/dsl"
	"github.com/esgo/esgo/eslocal"
	"github.com/esgo/esgo/types"
	"github.com/spf13/cobra"
)

// book is the demo's document.
type book struct {
	Title  string    `json:"title"`
	Author string    `json:"author"`
	Year   int       `json:"year"`
	Added  time.Time `json:"added"`
}

var demoBooks = []book{
	{"The Go Programming Language", "Alan Donovan, Brian Kernighan", 2015, time.Time{}},
	{"Elasticsearch: The Definitive Guide", "Clinton Gormley, Zachary Tong", 2015, time.Time{}},
	{"Relevant Search", "Doug Turnbull, John Berryman", 2016, time.Time{}},
	{"Introduction to Information Retrieval", "Christopher Manning, Prabhakar Raghavan, Hinrich Schütze", 2008, time.Time{}},
	{"Designing Data-Intensive Applications", "Martin Kleppmann", 2017, time.Time{}},
	{"The Art of Computer Programming", "Donald Knuth", 1968, time.Time{}},
	{"Search Engines: Information Retrieval in Practice", "Bruce Croft, Donald Metzler, Trevor Strohman", 2009, time.Time{}},
	{"Concurrency in Go", "Katherine Cox-Buday", 2017, time.Time{}},
}

func newDemo() *cobra.Command {
	var url, query string
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Start a local Elasticsearch 9.5.3, index a few books and search them",
		Long: "Start a local Elasticsearch 9.5.3 (downloaded once from Maven Central), index a few\n" +
			"books with the bulk indexer, search them, and stop the server. With --url, use that\n" +
			"cluster instead of starting one.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runDemo(cmd.Context(), cmd.OutOrStdout(), url, query)
		},
	}
	cmd.Flags().StringVar(&url, "url", "", "use this cluster instead of starting a local one")
	cmd.Flags().StringVar(&query, "query", "search engines", "what to search for")
	return cmd
}

func runDemo(ctx context.Context, out io.Writer, url, query string) error {
	if url == "" {
		fmt.Fprintln(out, "Starting Elasticsearch 9.5.3 (the first run downloads it from Maven Central)...")
		began := time.Now()
		c, err := eslocal.Start(ctx)
		if err != nil {
			return err
		}
		defer c.Stop()
		url = c.URL()
		fmt.Fprintf(out, "Elasticsearch is up at %s (%s).\n", url, time.Since(began).Round(time.Second))
	}
	client, err := esgo.New(esgo.WithAddresses(url))
	if err != nil {
		return err
	}
	const index = "esgo-demo-books"
	if _, err := client.Indices.Delete(ctx, api.IndicesDeleteRequest{Index: []string{index}}, api.WithIgnore(404)); err != nil {
		return err
	}
	_, err = client.Indices.Create(ctx, api.IndicesCreateRequest{Index: index, Body: &api.IndicesCreateBody{
		Mappings: &types.TypeMapping{Properties: map[string]types.Property{
			"title":  types.PropertyFromText(types.TextProperty{}),
			"author": types.PropertyFromText(types.TextProperty{}),
			"year":   types.PropertyFromInteger(types.IntegerNumberProperty{}),
			"added":  types.PropertyFromDate(types.DateProperty{}),
		}},
	}})
	if err != nil {
		return err
	}

	indexer, err := bulk.New(client, bulk.WithIndex(index), bulk.WithParam("refresh", "wait_for"))
	if err != nil {
		return err
	}
	now := time.Now().UTC().Truncate(time.Second)
	for i, b := range demoBooks {
		b.Added = now
		if err := indexer.Add(ctx, bulk.Item{ID: fmt.Sprint(i + 1), Body: b}); err != nil {
			return err
		}
	}
	if err := indexer.Close(ctx); err != nil {
		return err
	}
	st := indexer.Stats()
	fmt.Fprintf(out, "Indexed %d books into %q with the bulk indexer (%d failed).\n", st.Indexed+st.Created, index, st.Failed)

	// The query DSL builds the search; Execute decodes hits into book.
	s := dsl.NewSearch(index).Using(client).
		Query(dsl.MultiMatch(query, []string{"title^2", "author"})).
		Agg("per_decade", dsl.HistogramAgg("year", 10))
	res, err := dsl.Execute[book](ctx, s)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Search for %q: %d hits\n", query, res.Hits.Total.Value())
	for _, h := range res.Hits.Hits {
		fmt.Fprintf(out, "  %5.2f  %-50s %s (%d)\n", *h.Score, h.Source.Title, h.Source.Author, h.Source.Year)
	}
	decades, err := dsl.Buckets[float64](res.Aggregations, "per_decade")
	if err != nil {
		return err
	}
	fmt.Fprint(out, "Matching books per decade:")
	for _, b := range decades {
		fmt.Fprintf(out, " %.0fs: %d", b.Key, b.DocCount)
	}
	fmt.Fprintln(out)
	return nil
}
