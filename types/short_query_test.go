package types_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/esgo/esgo/types"
)

// sameJSON reports whether got and want are the same JSON value (object
// members in any order; numbers compared as written, so every digit
// counts).
func sameJSON(t *testing.T, got []byte, want string) bool {
	t.Helper()
	decode := func(b []byte) any {
		d := json.NewDecoder(bytes.NewReader(b))
		d.UseNumber()
		var v any
		if err := d.Decode(&v); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		return v
	}
	return reflect.DeepEqual(decode(got), decode([]byte(want)))
}

// Each query constructor sends the JSON of the server's documentation for
// that query (the Query DSL pages' examples, with their field names).
func TestShortQueriesJSON(t *testing.T) {
	matchAnd := types.MatchValue("this is a test")
	matchAnd.Operator = types.OperatorAnd
	termCI := types.TermValue("kimchy")
	termCI.CaseInsensitive = new(true)
	for _, c := range []struct {
		name string
		q    types.QueryContainer
		want string
	}{
		{"MatchOn", types.MatchOn("message", "this is a test"), `{"match":{"message":{"query":"this is a test"}}}`},
		{"MatchOn number", types.MatchOn("price", 12.5), `{"match":{"price":{"query":12.5}}}`},
		{"MatchWith", types.MatchWith("message", matchAnd), `{"match":{"message":{"query":"this is a test","operator":"and"}}}`},
		{"MatchPhraseOn", types.MatchPhraseOn("message", "this is a test"), `{"match_phrase":{"message":{"query":"this is a test"}}}`},
		{"MatchPhraseWith", types.MatchPhraseWith("message", types.MatchPhraseQuery{Query: "this is a test", Analyzer: "my_analyzer"}),
			`{"match_phrase":{"message":{"query":"this is a test","analyzer":"my_analyzer"}}}`},
		{"MatchPhrasePrefixOn", types.MatchPhrasePrefixOn("message", "quick brown f"), `{"match_phrase_prefix":{"message":{"query":"quick brown f"}}}`},
		{"MatchPhrasePrefixWith", types.MatchPhrasePrefixWith("message", types.MatchPhrasePrefixQuery{Query: "quick brown f", MaxExpansions: new(10)}),
			`{"match_phrase_prefix":{"message":{"query":"quick brown f","max_expansions":10}}}`},
		{"TermOn", types.TermOn("user.id", "kimchy"), `{"term":{"user.id":{"value":"kimchy"}}}`},
		{"TermOn bool", types.TermOn("in_stock", true), `{"term":{"in_stock":{"value":true}}}`},
		{"TermOn int64", types.TermOn("n", int64(9007199254740993)), `{"term":{"n":{"value":9007199254740993}}}`},
		{"TermWith", types.TermWith("user.id", termCI), `{"term":{"user.id":{"value":"kimchy","case_insensitive":true}}}`},
		{"TermsOn", types.TermsOn("user.id", "kimchy", "elkbee"), `{"terms":{"user.id":["kimchy","elkbee"]}}`},
		{"TermsOn numbers", types.TermsOn("year", 2024, 2025), `{"terms":{"year":[2024,2025]}}`},
		{"RangeOn", types.RangeOn("age", types.Gte(10), types.Lte(20)), `{"range":{"age":{"gte":10,"lte":20}}}`},
		{"RangeOn date math", types.RangeOn("timestamp", types.Gte("now-1d/d"), types.Lte("now/d")), `{"range":{"timestamp":{"gte":"now-1d/d","lte":"now/d"}}}`},
		{"RangeWith", types.RangeWith("timestamp", types.RangeQueryFromDate(types.DateRangeQuery{Gte: new("2020-01-01T00:00:00"), TimeZone: "+01:00"})),
			`{"range":{"timestamp":{"time_zone":"+01:00","gte":"2020-01-01T00:00:00"}}}`},
		{"PrefixOn", types.PrefixOn("user.id", "ki"), `{"prefix":{"user.id":{"value":"ki"}}}`},
		{"FuzzyOn", types.FuzzyOn("user.id", "ki"), `{"fuzzy":{"user.id":{"value":"ki"}}}`},
		{"FuzzyWith", types.FuzzyWith("user.id", types.FuzzyQuery{Value: types.FuzzyQueryValueFromString("ki"), Fuzziness: types.FuzzinessFromString("AUTO"), MaxExpansions: new(50)}),
			`{"fuzzy":{"user.id":{"max_expansions":50,"fuzziness":"AUTO","value":"ki"}}}`},
		{"MatchBoolPrefixOn", types.MatchBoolPrefixOn("message", "quick brown f"), `{"match_bool_prefix":{"message":{"query":"quick brown f"}}}`},
		{"MatchBoolPrefixWith", types.MatchBoolPrefixWith("message", types.MatchBoolPrefixQuery{Query: "quick brown f", Analyzer: "keyword"}),
			`{"match_bool_prefix":{"message":{"analyzer":"keyword","query":"quick brown f"}}}`},
		{"SpanTermOn", types.SpanTermOn("user.id", "kimchy"), `{"span_term":{"user.id":{"value":"kimchy"}}}`},
		{"TermsSetWith", types.TermsSetWith("programming_languages", types.TermsSetQuery{Terms: types.Values("c++", "java", "php"), MinimumShouldMatchField: "required_matches"}),
			`{"terms_set":{"programming_languages":{"minimum_should_match_field":"required_matches","terms":["c++","java","php"]}}}`},
		{"IntervalsWith", types.IntervalsWith("my_text", types.IntervalsQuery{Match: &types.IntervalsMatch{Query: "my favorite food", MaxGaps: new(0), Ordered: new(true)}}),
			`{"intervals":{"my_text":{"match":{"max_gaps":0,"ordered":true,"query":"my favorite food"}}}}`},
		{"PrefixWith", types.PrefixWith("user.id", types.PrefixQuery{Value: "ki", CaseInsensitive: new(true)}), `{"prefix":{"user.id":{"value":"ki","case_insensitive":true}}}`},
		{"WildcardOn", types.WildcardOn("user.id", "ki*y"), `{"wildcard":{"user.id":{"value":"ki*y"}}}`},
		{"WildcardWith", types.WildcardWith("user.id", types.WildcardQuery{Value: "ki*y", Boost: new(2.0)}), `{"wildcard":{"user.id":{"value":"ki*y","boost":2}}}`},
		{"RegexpOn", types.RegexpOn("user.id", "k.*y"), `{"regexp":{"user.id":{"value":"k.*y"}}}`},
		{"RegexpWith", types.RegexpWith("user.id", types.RegexpQuery{Value: "k.*y", Flags: "ALL"}), `{"regexp":{"user.id":{"value":"k.*y","flags":"ALL"}}}`},
		{"ExistsOn", types.ExistsOn("user"), `{"exists":{"field":"user"}}`},
		{"NestedOn", types.NestedOn("obj1", types.Bool(types.Must(types.MatchOn("obj1.name", "blue"), types.RangeOn("obj1.count", types.Gt(5))))),
			`{"nested":{"path":"obj1","query":{"bool":{"must":[{"match":{"obj1.name":{"query":"blue"}}},{"range":{"obj1.count":{"gt":5}}}]}}}}`},
		{"MatchAll", types.MatchAll(), `{"match_all":{}}`},
		{"Bool", types.Bool(
			types.Must(types.TermOn("user.id", "kimchy")),
			types.Filter(types.TermOn("tags", "production")),
			types.MustNot(types.RangeOn("age", types.Gte(10), types.Lte(20))),
			types.Should(types.TermOn("tags", "env1"), types.TermOn("tags", "deployed")),
		), `{"bool":{"must":[{"term":{"user.id":{"value":"kimchy"}}}],"filter":[{"term":{"tags":{"value":"production"}}}],` +
			`"must_not":[{"range":{"age":{"gte":10,"lte":20}}}],"should":[{"term":{"tags":{"value":"env1"}}},{"term":{"tags":{"value":"deployed"}}}]}}`},
		{"Bool clause twice", types.Bool(types.Filter(types.ExistsOn("a")), types.Filter(types.ExistsOn("b"))),
			`{"bool":{"filter":[{"exists":{"field":"a"}},{"exists":{"field":"b"}}]}}`},
		{"Bool empty", types.Bool(), `{"bool":{}}`},
	} {
		got, err := json.Marshal(c.q)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !sameJSON(t, got, c.want) {
			t.Errorf("%s = %s, want %s", c.name, got, c.want)
		}
	}
}

// The queries a constructor builds read back through the generated
// structs: the field is the map key, the value where the server reads it.
func TestShortQueriesReadBack(t *testing.T) {
	q := types.Bool(types.Filter(types.TermOn("in_stock", true), types.RangeOn("price", types.Lte(40))))
	if len(q.Bool.Filter) != 2 || len(q.Bool.Must) != 0 {
		t.Fatalf("Bool = %+v", q.Bool)
	}
	if v, err := q.Bool.Filter[0].Term["in_stock"].Value.AsBoolean(); err != nil || !v {
		t.Errorf("TermOn value = %v, %v", v, err)
	}
	if r, err := q.Bool.Filter[1].Range["price"].AsUntyped(); err != nil || string(r.Lte) != "40" {
		t.Errorf("RangeOn = %+v, %v", r, err)
	}
	if s, err := types.MatchOn("name", "coffee").Match["name"].Query.AsString(); err != nil || s != "coffee" {
		t.Errorf("MatchOn = %q, %v", s, err)
	}
	if vs, err := types.TermsOn("category", "a", "b").Terms.Extra["category"].AsValue(); err != nil || len(vs) != 2 {
		t.Errorf("TermsOn = %v, %v", vs, err)
	}
}

// Each aggregation constructor sends the JSON of the server's
// documentation for that aggregation (the Aggregations pages' examples).
func TestShortAggregationsJSON(t *testing.T) {
	for _, c := range []struct {
		name string
		a    types.AggregationContainer
		want string
	}{
		{"TermsAgg", types.TermsAgg("genre"), `{"terms":{"field":"genre"}}`},
		{"AvgAgg", types.AvgAgg("grade"), `{"avg":{"field":"grade"}}`},
		{"SumAgg", types.SumAgg("price"), `{"sum":{"field":"price"}}`},
		{"MinAgg", types.MinAgg("price"), `{"min":{"field":"price"}}`},
		{"MaxAgg", types.MaxAgg("price"), `{"max":{"field":"price"}}`},
		{"StatsAgg", types.StatsAgg("grade"), `{"stats":{"field":"grade"}}`},
		{"ValueCountAgg", types.ValueCountAgg("type"), `{"value_count":{"field":"type"}}`},
		{"CardinalityAgg", types.CardinalityAgg("type"), `{"cardinality":{"field":"type"}}`},
		{"NestedAgg", types.NestedAgg("resellers"), `{"nested":{"path":"resellers"}}`},
		{"FilterAgg", types.FilterAgg(types.TermOn("type", "t-shirt")), `{"filter":{"term":{"type":{"value":"t-shirt"}}}}`},
		{"DateHistogramAgg", types.DateHistogramAgg("date", types.CalendarIntervalMonth), `{"date_histogram":{"field":"date","calendar_interval":"month"}}`},
		{"HistogramAgg", types.HistogramAgg("price", 50), `{"histogram":{"field":"price","interval":50}}`},
		{"RangeAgg", types.RangeAgg("price",
			types.AggregationRange{To: new(100.0)},
			types.AggregationRange{From: new(100.0), To: new(200.0)},
			types.AggregationRange{From: new(200.0)}),
			`{"range":{"field":"price","ranges":[{"to":100},{"from":100,"to":200},{"from":200}]}}`},
	} {
		got, err := json.Marshal(c.a)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !sameJSON(t, got, c.want) {
			t.Errorf("%s = %s, want %s", c.name, got, c.want)
		}
	}
}

// Aggs and Agg build the aggregations by name with sub-aggregations nested
// as given (the nested aggregation's example of the documentation, with a
// terms aggregation around it), and Agg leaves the aggregation it is given
// unchanged.
func TestAggsNesting(t *testing.T) {
	got, err := json.Marshal(types.Aggs(
		types.Agg("by_category", types.TermsAgg("category"),
			types.Agg("resellers", types.NestedAgg("resellers"),
				types.Agg("min_price", types.MinAgg("resellers.price")))),
		types.Agg("avg_price", types.AvgAgg("price")),
	))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"by_category":{"terms":{"field":"category"},"aggregations":{"resellers":{"nested":{"path":"resellers"},` +
		`"aggregations":{"min_price":{"min":{"field":"resellers.price"}}}}}},"avg_price":{"avg":{"field":"price"}}}`
	if !sameJSON(t, got, want) {
		t.Errorf("Aggs = %s, want %s", got, want)
	}

	base := types.Agg("t", types.TermsAgg("category"), types.Agg("a", types.AvgAgg("price")))
	more := types.Agg("t2", types.Aggs(base)["t"], types.Agg("b", types.MaxAgg("price")), types.Agg("a", types.SumAgg("price")))
	m := types.Aggs(base, more)
	if len(m["t"].Aggregations) != 1 || m["t"].Aggregations["a"].Avg == nil {
		t.Errorf("Agg modified the aggregation it was given: %+v", m["t"].Aggregations)
	}
	if sub := m["t2"].Aggregations; len(sub) != 2 || sub["a"].Sum == nil || sub["b"].Max == nil {
		t.Errorf("Agg's sub-aggregations over those already there: %+v", sub)
	}
	if got, _ := json.Marshal(types.Aggs()); string(got) != "{}" {
		t.Errorf("Aggs() = %s", got)
	}
	last := types.Aggs(types.Agg("x", types.MinAgg("a")), types.Agg("x", types.MaxAgg("a")))
	if len(last) != 1 || last["x"].Max == nil {
		t.Errorf("a later aggregation of the same name does not replace: %+v", last)
	}
}
