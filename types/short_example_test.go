package types_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/esgo/esgo/types"
)

func show(v any) {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	fmt.Println(string(b))
}

func ExampleValue() {
	show(types.Value("books"))
	show(types.Value(9007199254740993)) // every digit kept
	show(types.Value(2.5))
	show(types.Value(true))
	// Output:
	// "books"
	// 9007199254740993
	// 2.5
	// true
}

func ExampleValues() {
	show(types.Values("books", "music"))
	show(types.SearchRequestBody{SearchAfter: types.Values[int64](1700000000000, 42)})
	// Output:
	// ["books","music"]
	// {"search_after":[1700000000000,42]}
}

func ExampleTermsValues() {
	show(types.TermsValues("books", "music"))
	show(types.TermsOn("category", "books", "music")) // the same values on a field
	// Output:
	// ["books","music"]
	// {"terms":{"category":["books","music"]}}
}

func ExampleTermValue() {
	q := types.TermValue("Books")
	q.CaseInsensitive = new(true)
	show(types.TermWith("category", q))
	// Output:
	// {"term":{"category":{"value":"Books","case_insensitive":true}}}
}

func ExampleMatchValue() {
	q := types.MatchValue("quick fox")
	q.Operator = types.OperatorAnd
	show(types.MatchWith("title", q))
	// Output:
	// {"match":{"title":{"operator":"and","query":"quick fox"}}}
}

func ExampleRange() {
	show(types.RangeOn("price", types.Gte(10), types.Lt(20.5)))
	show(types.Range(types.Gte("now-1d/d")))
	show(types.Range(types.Lte(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))))
	// Output:
	// {"range":{"price":{"gte":10,"lt":20.5}}}
	// {"gte":"now-1d/d"}
	// {"lte":"2026-01-02T03:04:05Z"}
}

func ExampleGt() {
	show(types.Range(types.Gt(0)))
	// Output:
	// {"gt":0}
}

func ExampleGte() {
	show(types.Range(types.Gte("2026-01-01")))
	// Output:
	// {"gte":"2026-01-01"}
}

func ExampleLt() {
	show(types.Range(types.Lt(uint64(18446744073709551615))))
	// Output:
	// {"lt":18446744073709551615}
}

func ExampleLte() {
	show(types.Range(types.Lte(99.99)))
	// Output:
	// {"lte":99.99}
}

func ExampleSortByField() {
	show(types.Sort{types.SortByField("price", types.SortOrderAsc), types.SortByField("title.keyword", types.SortOrderDesc)})
	// Output:
	// [{"price":{"order":"asc"}},{"title.keyword":{"order":"desc"}}]
}

func ExampleSortByFieldWith() {
	show(types.SortByFieldWith("price", types.FieldSort{Order: types.SortOrderDesc, Mode: types.SortModeAvg}))
	// Output:
	// {"price":{"mode":"avg","order":"desc"}}
}

func ExampleSortByScore() {
	show(types.SortByScore(types.SortOrderDesc))
	// Output:
	// {"_score":{"order":"desc"}}
}

func ExampleSortByDoc() {
	show(types.SortByDoc(types.SortOrderAsc))
	// Output:
	// {"_doc":{"order":"asc"}}
}

func ExampleHighlightFieldsOf() {
	show(types.Highlight{Fields: types.HighlightFieldsOf("title", "body")})
	// Output:
	// {"fields":{"body":{},"title":{}}}
}

func ExampleTrackTotalHits() {
	show(types.TrackTotalHits(true))
	// Output:
	// true
}

func ExampleTrackTotalHitsUpTo() {
	show(types.TrackTotalHitsUpTo(100))
	// Output:
	// 100
}

func ExampleSourceIncludes() {
	show(types.SourceIncludes("title", "price"))
	// Output:
	// {"includes":["title","price"]}
}

func ExampleSourceExcludes() {
	show(types.SourceExcludes("body"))
	// Output:
	// {"excludes":["body"]}
}

func ExampleSourceEnabled() {
	show(types.SourceEnabled(false))
	// Output:
	// false
}
