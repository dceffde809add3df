package types_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/esgo/esgo/types"
)

func decode[T any](t *testing.T, s string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("decoding %T: %v", v, err)
	}
	return v
}

func encode(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestQueryContainerShortAndLongForms(t *testing.T) {
	// The short form of match ({"field": "text"}) and the long form decode
	// to the same value.
	short := decode[types.QueryContainer](t, `{"match":{"title":"quick fox"}}`)
	long := decode[types.QueryContainer](t, `{"match":{"title":{"query":"quick fox","operator":"and"}}}`)
	for _, q := range []types.QueryContainer{short, long} {
		m, ok := q.Match["title"]
		if !ok {
			t.Fatalf("no match on title: %+v", q)
		}
		if s, err := m.Query.AsString(); err != nil || s != "quick fox" {
			t.Errorf("query text %q %v", s, err)
		}
	}
	if long.Match["title"].Operator != types.OperatorAnd {
		t.Errorf("operator %q", long.Match["title"].Operator)
	}
	// A bool query with one clause as an object and one as an array.
	b := decode[types.QueryContainer](t, `{"bool":{"must":{"term":{"a":"x"}},"filter":[{"range":{"n":{"gte":3}}},{"exists":{"field":"f"}}]}}`)
	if len(b.Bool.Must) != 1 || len(b.Bool.Filter) != 2 || b.Bool.Filter[1].Exists.Field != "f" {
		t.Fatalf("bool: %+v", b.Bool)
	}
	// Built in Go, it encodes what the server expects.
	q := types.QueryContainer{Bool: &types.BoolQuery{
		Must:   types.OneOrMany[types.QueryContainer]{{Match: map[string]types.MatchQuery{"title": {Query: types.MatchQueryQueryFromString("go")}}}},
		Filter: types.OneOrMany[types.QueryContainer]{{Term: map[string]types.TermQuery{"year": {Value: types.FieldValueFromLong(2015)}}}},
	}}
	want := `{"bool":{"filter":[{"term":{"year":{"value":2015}}}],"must":[{"match":{"title":{"query":"go"}}}]}}`
	if got := encode(t, q); got != want {
		t.Errorf("encoded\n%s\nwant\n%s", got, want)
	}
}

const aggsResponse = `{"sterms#by_host":{"doc_count_error_upper_bound":0,"sum_other_doc_count":2,"buckets":[
  {"key":"a","doc_count":3,"avg#lat":{"value":12.5},"max#top":{"value":null}},
  {"key":"b","doc_count":1,"avg#lat":{"value":4}}]},
 "lterms#by_status":{"buckets":[{"key":200,"key_as_string":"200","doc_count":4}]},
 "date_histogram#per_minute":{"buckets":{"k1":{"key":1700000000000,"doc_count":1}}},
 "stats#latency":{"count":4,"min":1,"max":9,"avg":5,"sum":20},
 "future_kind#new":{"value":1}}`

func TestAggregatesByKindAndName(t *testing.T) {
	aggs := decode[types.Aggregates](t, aggsResponse)
	st, err := aggs.StringTerms("by_host")
	if err != nil {
		t.Fatal(err)
	}
	if st.SumOtherDocCount == nil || *st.SumOtherDocCount != 2 || len(st.Buckets.Array) != 2 {
		t.Fatalf("by_host: %+v", st)
	}
	b := st.Buckets.Array[0]
	if k, _ := b.Key.AsString(); k != "a" || b.DocCount != 3 {
		t.Errorf("bucket %+v", b)
	}
	avg, err := b.Aggregations.Avg("lat")
	if err != nil || avg.Value == nil || *avg.Value != 12.5 {
		t.Fatalf("sub-aggregation avg: %+v %v", avg, err)
	}
	if top, err := b.Aggregations.Max("top"); err != nil || top.Value != nil {
		t.Errorf("a null metric decodes as a nil value: %+v %v", top, err)
	}
	lt, err := aggs.LongTerms("by_status")
	if err != nil || len(lt.Buckets.Array) != 1 {
		t.Fatalf("by_status %+v %v", lt, err)
	}
	dh, err := aggs.DateHistogram("per_minute")
	if err != nil || dh.Buckets.Keyed["k1"].DocCount != 1 {
		t.Fatalf("keyed buckets %+v %v", dh, err)
	}
	stats, err := aggs.Stats("latency")
	if err != nil || stats.Count != 4 || stats.Sum != 20 {
		t.Fatalf("stats %+v %v", stats, err)
	}
	// Asking for the wrong kind names both kinds; a missing name is ErrNoAggregate.
	_, err = aggs.LongTerms("by_host")
	var ae *types.AggregateError
	if !errors.As(err, &ae) || ae.Found != "sterms" || !errors.Is(err, types.ErrNoAggregate) {
		t.Errorf("wrong kind: %v", err)
	}
	if _, err := aggs.Avg("nope"); !errors.Is(err, types.ErrNoAggregate) {
		t.Errorf("missing: %v", err)
	}
	// A kind this client does not know is kept, readable raw.
	if v, kind, ok := aggs.Lookup("new"); !ok || kind != "future_kind" || v.Shape() != "object" {
		t.Errorf("unknown kind: %v %q %v", ok, kind, v.Shape())
	}
	// Sub-aggregations survive a round trip inside the bucket object.
	if got := encode(t, b); !strings.Contains(got, `"avg#lat":{"value":12.5}`) || !strings.Contains(got, `"doc_count":3`) {
		t.Errorf("bucket re-encoded: %s", got)
	}
}

func TestMappingPropertiesByType(t *testing.T) {
	m := decode[types.TypeMapping](t, `{"dynamic":"strict","properties":{
	  "title":{"type":"text","fields":{"raw":{"type":"keyword","ignore_above":256}}},
	  "price":{"type":"scaled_float","scaling_factor":100},
	  "future":{"type":"brand_new_type","whatever":1}}}`)
	if m.Dynamic != types.DynamicMappingStrict {
		t.Errorf("dynamic %q", m.Dynamic)
	}
	title := m.Properties["title"]
	if title.Type() != "text" {
		t.Fatalf("type %q", title.Type())
	}
	text, err := title.AsText()
	if err != nil {
		t.Fatal(err)
	}
	kw, err := text.Fields["raw"].AsKeyword()
	if err != nil || kw.IgnoreAbove == nil || *kw.IgnoreAbove != 256 {
		t.Fatalf("sub-field %+v %v", kw, err)
	}
	if m.Properties["future"].Type() != "brand_new_type" {
		t.Errorf("unknown property type not kept: %q", m.Properties["future"].Type())
	}
	// Built with a constructor, the type member is set.
	p := types.PropertyFromKeyword(types.KeywordProperty{IgnoreAbove: new(10)})
	if got := encode(t, p); got != `{"ignore_above":10,"type":"keyword"}` {
		t.Errorf("encoded %s", got)
	}
	// dynamic may come as a JSON boolean; it goes back as one.
	m2 := decode[types.TypeMapping](t, `{"dynamic":false}`)
	if m2.Dynamic != types.DynamicMappingFalse || encode(t, m2) != `{"dynamic":false}` {
		t.Errorf("boolean dynamic: %q %s", m2.Dynamic, encode(t, m2))
	}
}

func TestEnumsKeepUnknownValues(t *testing.T) {
	h := decode[types.HealthStatus](t, `"purple"`)
	if h != "purple" {
		t.Errorf("unknown enum value %q", h)
	}
	if decode[types.HealthStatus](t, `"green"`) != types.HealthStatusGreen {
		t.Error("known value")
	}
}

func TestOneOrManyAndUnknownFields(t *testing.T) {
	var v struct {
		Index types.Indices `json:"index"`
	}
	if err := json.Unmarshal([]byte(`{"index":"a","unknown_member":{"x":[1,2]}}`), &v); err != nil || len(v.Index) != 1 || v.Index[0] != "a" {
		t.Fatalf("single: %v %v", v, err)
	}
	if err := json.Unmarshal([]byte(`{"index":["a","b"]}`), &v); err != nil || len(v.Index) != 2 {
		t.Fatalf("array: %v %v", v, err)
	}
}

func TestStringifiedAndBigIntegers(t *testing.T) {
	var v struct {
		A types.Stringified[int64] `json:"a"`
		B types.Stringified[int64] `json:"b"`
	}
	if err := json.Unmarshal([]byte(`{"a":"9007199254740993","b":9007199254740993}`), &v); err != nil {
		t.Fatal(err)
	}
	if v.A.Value != 9007199254740993 || !v.A.Quoted || v.B.Value != 9007199254740993 || v.B.Quoted {
		t.Errorf("%+v", v)
	}
	if got := encode(t, v); got != `{"a":"9007199254740993","b":9007199254740993}` {
		t.Errorf("re-encoded %s", got)
	}
}

func TestUnionAccessorErrors(t *testing.T) {
	d := decode[types.Duration](t, `"5m"`)
	if s, err := d.AsString(); err != nil || s != "5m" {
		t.Errorf("%q %v", s, err)
	}
	n := decode[types.Duration](t, `-1`)
	_, err := n.AsString()
	var ve *types.VariantError
	if !errors.As(err, &ve) || !errors.Is(err, types.ErrVariant) || ve.Union != "Duration" {
		t.Errorf("wrong variant: %v", err)
	}
	if encode(t, n) != `-1` {
		t.Errorf("raw kept: %s", encode(t, n))
	}
}

func TestZeroValuesThatMatterAreSent(t *testing.T) {
	// gte: 0 and size: 0 are meaningful; nil means "not sent".
	q := types.QueryContainer{Range: map[string]types.RangeQuery{
		"n": types.RangeQueryFromNumber(types.NumberRangeQuery{Gte: new(0.0)}),
	}}
	if got := encode(t, q); got != `{"range":{"n":{"gte":0}}}` {
		t.Errorf("encoded %s", got)
	}
}

func TestFieldValueString(t *testing.T) {
	for raw, want := range map[string]string{`"books"`: "books", `42`: "42", `1.5`: "1.5", `true`: "true", `"a\"b"`: `a"b`} {
		var v types.FieldValue
		if err := json.Unmarshal([]byte(raw), &v); err != nil {
			t.Fatal(err)
		}
		if got := v.String(); got != want {
			t.Errorf("FieldValue(%s).String() = %q, want %q", raw, got, want)
		}
	}
	if got := types.FieldValueFromString("x").String(); got != "x" {
		t.Errorf("constructed: %q", got)
	}
	if got := (types.FieldValue{}).String(); got != "" {
		t.Errorf("empty: %q", got)
	}
}
