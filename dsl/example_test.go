package dsl_test

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/esgo/esgo/dsl"
	"github.com/esgo/esgo/transport"
)

func printJSON(v any) {
	b, err := json.Marshal(v)
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(string(b))
}

// Queries combine like Python's &, | and ~.
func ExampleAnd() {
	python := dsl.Match("title", "python")
	django := dsl.Match("title", "django")
	draft := dsl.Term("status", "draft")
	printJSON(dsl.And(dsl.Or(python, django), dsl.Not(draft)))
	printJSON(dsl.And(dsl.MatchAll(), python))
	// Output:
	// {"bool":{"minimum_should_match":1,"must_not":[{"term":{"status":"draft"}}],"should":[{"match":{"title":"python"}},{"match":{"title":"django"}}]}}
	// {"match":{"title":"python"}}
}

// Query constructors take options; "field__sub" names become "field.sub".
func ExampleMatch() {
	printJSON(dsl.Match("title__english", "quick fox", dsl.Operator("and"), dsl.Fuzziness("AUTO")))
	printJSON(dsl.Range("published", dsl.Gte("now-1y/d"), dsl.Lt("now/d")))
	// Output:
	// {"match":{"title.english":{"fuzziness":"AUTO","operator":"and","query":"quick fox"}}}
	// {"range":{"published":{"gte":"now-1y/d","lt":"now/d"}}}
}

// A Search is immutable: each call returns a modified copy.
func ExampleSearch() {
	base := dsl.NewSearch("blog").Filter(dsl.Term("published", true))
	s := base.Query(dsl.Match("title", "go")).Sort("-date", "_score").Slice(0, 10).
		Highlight([]string{"title"}).SourceIncludes("title", "date")
	body, _ := s.ToJSON()
	fmt.Println(string(body))
	body, _ = base.ToJSON()
	fmt.Println(string(body))
	// Output:
	// {"_source":{"includes":["title","date"]},"from":0,"highlight":{"fields":{"title":{}}},"query":{"bool":{"filter":[{"term":{"published":true}}],"must":[{"match":{"title":"go"}}]}},"size":10,"sort":[{"date":{"order":"desc"}},"_score"]}
	// {"query":{"bool":{"filter":[{"term":{"published":true}}]}}}
}

// Every call adds under its receiver and returns it; a sub-aggregation
// brings its own sub-aggregations as the argument.
func ExampleSearch_Aggs() {
	s := dsl.NewSearch("blog").Size(0).Aggs(func(a *dsl.Aggs) {
		a.Agg("per_tag", dsl.TermsAgg("tags", dsl.Size(5)).
			Metric("max_lines", dsl.MaxAgg("lines")).
			Agg("per_month", dsl.DateHistogramAgg("date", dsl.CalendarInterval("month"))))
	})
	body, _ := s.ToJSON()
	fmt.Println(string(body))
	// Output:
	// {"aggs":{"per_tag":{"aggs":{"max_lines":{"max":{"field":"lines"}},"per_month":{"date_histogram":{"calendar_interval":"month","field":"date"}}},"terms":{"field":"tags","size":5}}},"size":0}
}

// Aggregation results are read by name, with typed keys.
func ExampleBuckets() {
	var resp dsl.Response[json.RawMessage]
	_ = json.Unmarshal([]byte(`{"aggregations":{"per_tag":{"buckets":[
		{"key":"go","doc_count":3,"max_lines":{"value":300}},
		{"key":"rust","doc_count":1,"max_lines":{"value":200}}]}}}`), &resp)
	tags, err := dsl.Buckets[string](resp.Aggregations, "per_tag")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, b := range tags {
		maxLines, _ := dsl.Value(b.Aggregations, "max_lines")
		fmt.Println(b.Key, b.DocCount, maxLines)
	}
	// Output:
	// go 3 300
	// rust 1 200
}

// Execute decodes hits into your type.
func ExampleExecute() {
	type Article struct {
		Title string `json:"title"`
	}
	var conn transport.Interface // for example an *esgo.Client
	s := dsl.NewSearch("articles").Using(conn).Query(dsl.Match("title", "go"))
	resp, err := dsl.Execute[Article](context.Background(), s)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, h := range resp.Hits.Hits {
		fmt.Println(h.ID, h.Score, h.Source.Title)
	}
}

// UpdateByQuery builds its query like a Search and carries a script.
func ExampleUpdateByQuery() {
	u := dsl.NewUpdateByQuery("blog").Filter(dsl.Term("tags", "go")).
		Script(dsl.Source("ctx._source.likes += params.n"), dsl.Params(map[string]any{"n": 1}))
	printJSON(u)
	// Output:
	// {"query":{"bool":{"filter":[{"term":{"tags":"go"}}]}},"script":{"params":{"n":1},"source":"ctx._source.likes += params.n"}}
}

// MultiSearch sends several searches in one request.
func ExampleMultiSearch() {
	ms := dsl.NewMultiSearch().
		Add(dsl.NewSearch("blog").Query(dsl.Match("title", "go"))).
		Add(dsl.NewSearch("news").Size(3))
	lines, _ := ms.Lines()
	for _, l := range lines {
		printJSON(l)
	}
	// Output:
	// {"index":["blog"]}
	// {"query":{"match":{"title":"go"}}}
	// {"index":["news"]}
	// {"size":3}
}
