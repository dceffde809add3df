package faceted

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/esgo/esgo/dsl"
	"github.com/esgo/esgo/types"
)

// Value is one value of a facet in a faceted search response.
type Value struct {
	// Value is the bucket key: a string or number for terms, the range key
	// for ranges, a float64 for histograms, a time.Time (UTC) for date histograms.
	Value any
	// Count is the number of documents (or the facet metric, when set).
	Count float64
	// Selected reports whether the value is among the active filters.
	Selected bool
}

// Facet is one facet of a Search: an aggregation, a filter for
// selected values and a reading of the aggregation result.
type Facet interface {
	// Agg returns the aggregation computing the facet values.
	Agg() *dsl.Agg
	// Filter returns the query selecting documents having one of the
	// values, or nil when values is empty.
	Filter(values []any) dsl.Query
	// Values reads the facet values from the results holding the facet's
	// aggregation under name.
	Values(results dsl.AggResults, name string, selected []any) ([]Value, error)
}

// baseFacet holds the aggregation parameters and the optional metric.
type baseFacet struct {
	kind       string
	params     map[string]any
	metric     *dsl.Agg
	metricSort string
}

func (f *baseFacet) agg() *dsl.Agg {
	body, err := json.Marshal(map[string]any{f.kind: f.params})
	if err != nil {
		// Parameters come from typed options and cannot fail to
		// encode; should one, the search fails when it is encoded.
		return dsl.NewAgg(f.kind, dsl.P("params", unencodable{err}))
	}
	a, err := dsl.ParseAgg(body)
	if err != nil {
		return dsl.NewAgg(f.kind, dsl.P("params", unencodable{err}))
	}
	if f.metric != nil {
		a.Metric("metric", f.metric.Clone())
	}
	return a
}

// unencodable stands for facet parameters that could not be encoded: it
// fails with the same error when the search is encoded.
type unencodable struct{ err error }

// MarshalJSON fails with the encoding error.
func (u unencodable) MarshalJSON() ([]byte, error) { return nil, u.err }

func (f *baseFacet) field() string { s, _ := f.params["field"].(string); return s }

func (f *baseFacet) count(b dsl.Bucket[any]) float64 {
	if f.metric != nil {
		v, err := dsl.Value(b.Aggregations, "metric")
		if err == nil {
			return v
		}
	}
	return float64(b.DocCount)
}

func (f *baseFacet) values(r dsl.AggResults, name string, selected []any, key func(dsl.Bucket[any]) any) ([]Value, error) {
	bs, err := dsl.Buckets[any](r, name)
	if err != nil {
		return nil, err
	}
	out := make([]Value, len(bs))
	for i, b := range bs {
		k := key(b)
		out[i] = Value{Value: k, Count: f.count(b), Selected: slices.ContainsFunc(selected, func(s any) bool { return sameValue(k, s) })}
	}
	return out, nil
}

func sameValue(a, b any) bool {
	if ta, ok := a.(time.Time); ok {
		tb, ok := b.(time.Time)
		return ok && ta.Equal(tb)
	}
	fa, okA := toFloat(a)
	fb, okB := toFloat(b)
	if okA && okB {
		return fa == fb
	}
	return reflect.DeepEqual(a, b) || fmt.Sprint(a) == fmt.Sprint(b)
}

func toFloat(v any) (float64, bool) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(rv.Int()), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return float64(rv.Uint()), true
	case reflect.Float32, reflect.Float64:
		return rv.Float(), true
	}
	return 0, false
}

// Opt configures a facet.
type Opt func(*baseFacet)

// Size sets the number of facet values returned ("size" of a terms facet).
func Size(n int) Opt { return func(f *baseFacet) { f.params["size"] = n } }

// MinDocCount sets the document count below which a bucket is not
// returned ("min_doc_count"; a DateHistogram's default is 0).
func MinDocCount(n int) Opt { return func(f *baseFacet) { f.params["min_doc_count"] = n } }

// OrderBy orders the facet values by key ("_key"), by document count
// ("_count") or by a sub-aggregation's name: "order": {key: order}.
func OrderBy(key string, order types.SortOrder) Opt {
	return func(f *baseFacet) { f.params["order"] = map[string]any{key: order} }
}

// CalendarInterval sets a DateHistogram's calendar-aware interval
// ("calendar_interval"): types.CalendarIntervalMonth, ...
func CalendarInterval(i types.CalendarInterval) Opt {
	return func(f *baseFacet) { f.params["calendar_interval"] = i }
}

// FixedInterval sets a DateHistogram's fixed interval ("fixed_interval",
// a duration such as "12h" or "90m").
func FixedInterval(d string) Opt {
	return func(f *baseFacet) { f.params["fixed_interval"] = d }
}

// Metric counts facet values with a metric aggregation instead of the
// document count, ordering buckets by it (sort "desc" or "asc"; "" keeps
// the default order).
func Metric(metric *dsl.Agg, sort string) Opt {
	return func(f *baseFacet) {
		f.metric, f.metricSort = metric, sort
		if sort != "" {
			f.params["order"] = map[string]any{"metric": sort}
		}
	}
}

func newBase(kind string, params map[string]any, opts []Opt) baseFacet {
	b := baseFacet{kind: kind, params: params}
	for _, o := range opts {
		o(&b)
	}
	return b
}

type termsFacet struct{ baseFacet }

// Terms is a facet over the distinct values of field.
func Terms(field string, opts ...Opt) Facet {
	return &termsFacet{newBase("terms", map[string]any{"field": field}, opts)}
}

func (f *termsFacet) Agg() *dsl.Agg { return f.agg() }

func (f *termsFacet) Filter(values []any) dsl.Query {
	if len(values) == 0 {
		return nil
	}
	fv := make([]types.FieldValue, len(values))
	for i, v := range values {
		fv[i] = types.FieldValue{Union: types.Of(v)}
	}
	return dsl.TermsValues(f.field(), fv)
}

func (f *termsFacet) Values(r dsl.AggResults, name string, selected []any) ([]Value, error) {
	return f.values(r, name, selected, func(b dsl.Bucket[any]) any { return b.Key })
}

// Range is one range of a Ranges; nil bounds are open:
//
//	faceted.Range{Key: "cheap", To: types.Ptr(10.0)}
type Range struct {
	Key      string
	From, To *float64
}

type rangeFacet struct {
	baseFacet
	ranges []Range
}

// Ranges is a facet over named ranges of field.
func Ranges(field string, ranges []Range, opts ...Opt) Facet {
	rs := make([]map[string]any, len(ranges))
	for i, r := range ranges {
		rs[i] = map[string]any{"key": r.Key}
		if r.From != nil {
			rs[i]["from"] = *r.From
		}
		if r.To != nil {
			rs[i]["to"] = *r.To
		}
	}
	f := &rangeFacet{baseFacet: newBase("range", map[string]any{"field": field}, opts), ranges: ranges}
	f.params["ranges"] = rs
	f.params["keyed"] = false
	return f
}

func (f *rangeFacet) Agg() *dsl.Agg { return f.agg() }

func (f *rangeFacet) Filter(values []any) dsl.Query {
	var q dsl.Query
	for _, v := range values {
		i := slices.IndexFunc(f.ranges, func(r Range) bool { return r.Key == fmt.Sprint(v) })
		if i < 0 {
			continue
		}
		var opts []dsl.RangeOption
		if f.ranges[i].From != nil {
			opts = append(opts, dsl.Gte(*f.ranges[i].From))
		}
		if f.ranges[i].To != nil {
			opts = append(opts, dsl.Lt(*f.ranges[i].To))
		}
		r := dsl.Range(f.field(), opts...)
		if q == nil {
			q = r
		} else {
			q = dsl.Or(q, r)
		}
	}
	return q
}

func (f *rangeFacet) Values(r dsl.AggResults, name string, selected []any) ([]Value, error) {
	return f.values(r, name, selected, func(b dsl.Bucket[any]) any { return b.Key })
}

type histogramFacet struct{ baseFacet }

// Histogram is a facet over fixed-width numeric buckets of field.
func Histogram(field string, interval float64, opts ...Opt) Facet {
	return &histogramFacet{newBase("histogram", map[string]any{"field": field, "interval": interval}, opts)}
}

func (f *histogramFacet) Agg() *dsl.Agg { return f.agg() }

func (f *histogramFacet) Filter(values []any) dsl.Query {
	var q dsl.Query
	interval, _ := toFloat(f.params["interval"])
	for _, v := range values {
		x, ok := toFloat(v)
		if !ok {
			continue
		}
		r := dsl.Range(f.field(), dsl.Gte(x), dsl.Lt(x+interval))
		if q == nil {
			q = r
		} else {
			q = dsl.Or(q, r)
		}
	}
	return q
}

func (f *histogramFacet) Values(r dsl.AggResults, name string, selected []any) ([]Value, error) {
	return f.values(r, name, selected, func(b dsl.Bucket[any]) any { return b.Key })
}

type dateHistogramFacet struct{ baseFacet }

// DateHistogram is a facet over date buckets of field; give the
// interval with CalendarInterval(types.CalendarIntervalMonth) or
// FixedInterval (year, month, week, day, hour and their 1Y/1M/1w/1d/1h
// forms can be filtered on). min_doc_count defaults to 0.
func DateHistogram(field string, opts ...Opt) Facet {
	f := &dateHistogramFacet{newBase("date_histogram", map[string]any{"field": field, "min_doc_count": 0}, nil)}
	for _, o := range opts {
		o(&f.baseFacet)
	}
	return f
}

func (f *dateHistogramFacet) Agg() *dsl.Agg { return f.agg() }

func (f *dateHistogramFacet) interval() string {
	for _, k := range []string{"calendar_interval", "fixed_interval", "interval"} {
		switch s := f.params[k].(type) {
		case string:
			return s
		case types.CalendarInterval:
			return string(s)
		}
	}
	return ""
}

func nextInterval(t time.Time, interval string) (time.Time, bool) {
	switch interval {
	case "year", "1Y", "1y":
		d := t.Day()
		if t.Month() == time.February && d == 29 {
			d = 28
		}
		return time.Date(t.Year()+1, t.Month(), d, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location()), true
	case "month", "1M":
		n := t.AddDate(0, 0, 32)
		return time.Date(n.Year(), n.Month(), 1, n.Hour(), n.Minute(), n.Second(), n.Nanosecond(), n.Location()), true
	case "week", "1w":
		return t.AddDate(0, 0, 7), true
	case "day", "1d":
		return t.AddDate(0, 0, 1), true
	case "hour", "1h":
		return t.Add(time.Hour), true
	}
	return t, false
}

// isoDate formats t like Python's datetime.isoformat for naive UTC times.
func isoDate(t time.Time) string {
	t = t.UTC()
	if t.Nanosecond() != 0 {
		return t.Format("2006-01-02T15:04:05.000000")
	}
	return t.Format("2006-01-02T15:04:05")
}

func (f *dateHistogramFacet) Filter(values []any) dsl.Query {
	var q dsl.Query
	for _, v := range values {
		t, ok := v.(time.Time)
		if !ok {
			continue
		}
		next, ok := nextInterval(t, f.interval())
		if !ok {
			continue
		}
		r := dsl.Range(f.field(), dsl.Gte(isoDate(t)), dsl.Lt(isoDate(next)))
		if q == nil {
			q = r
		} else {
			q = dsl.Or(q, r)
		}
	}
	return q
}

func (f *dateHistogramFacet) Values(r dsl.AggResults, name string, selected []any) ([]Value, error) {
	return f.values(r, name, selected, func(b dsl.Bucket[any]) any {
		ms, _ := toFloat(b.Key)
		return time.UnixMilli(int64(ms)).UTC()
	})
}

type nestedFacet struct {
	path  string
	inner Facet
}

// Nested is a facet over nested documents at path.
func Nested(path string, inner Facet) Facet { return &nestedFacet{path: path, inner: inner} }

func (f *nestedFacet) Agg() *dsl.Agg {
	a := dsl.NestedAgg(f.path)
	a.Agg("inner", f.inner.Agg())
	return a
}

func (f *nestedFacet) Filter(values []any) dsl.Query {
	q := f.inner.Filter(values)
	if q == nil {
		return nil
	}
	return dsl.Nested(f.path, q)
}

func (f *nestedFacet) Values(r dsl.AggResults, name string, selected []any) ([]Value, error) {
	sb, err := dsl.SingleBucketOf(r, name)
	if err != nil {
		return nil, err
	}
	return f.inner.Values(sb.Aggregations, "inner", selected)
}

type namedFacet struct {
	name  string
	facet Facet
}

type facetFilter struct {
	name   string
	values []any
	query  dsl.Query
}

// Search is a faceted navigation search: a text query over fields,
// facets computed as aggregations, and selected facet values applied as a
// post filter (each facet's aggregation is filtered by the other facets'
// selections). It is immutable: every method returns a copy.
type Search struct {
	base    dsl.Search
	fields  []string
	facets  []namedFacet
	text    string
	filters []facetFilter
	sort    []string
	slice   *[2]int
	err     error
}

// New returns a faceted search built on base (its indices,
// connection and filters), searching text in fields.
func New(base dsl.Search, fields ...string) Search {
	return Search{base: base, fields: fields}
}

// Facet returns a copy with one more facet.
func (f Search) Facet(name string, facet Facet) Search {
	f.facets = append(slices.Clone(f.facets), namedFacet{name, facet})
	return f
}

// Query returns a copy searching text (a multi_match over the fields).
func (f Search) Query(text string) Search {
	f.text = text
	return f
}

// Filter returns a copy where the facet called name is restricted to
// values: terms of a Terms facet (or of the facet a Nested one holds), or
// names of a Ranges facet's ranges. Numbers are FilterNumbers', dates
// FilterDates'. A new filter of a facet replaces its previous one;
// unknown facets are reported by Search and Execute.
func (f Search) Filter(name string, values ...string) Search {
	return f.filter(name, anys(values))
}

// FilterNumbers returns a copy where the facet called name is restricted
// to numbers: bucket keys of a Histogram facet, or terms of a Terms facet
// on a numeric field.
func (f Search) FilterNumbers(name string, values ...float64) Search {
	return f.filter(name, anys(values))
}

// FilterDates returns a copy where the DateHistogram facet called name is
// restricted to the buckets starting at values.
func (f Search) FilterDates(name string, values ...time.Time) Search {
	return f.filter(name, anys(values))
}

func anys[T any](vs []T) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out
}

func (f Search) filter(name string, values []any) Search {
	if len(values) == 0 {
		return f
	}
	i := slices.IndexFunc(f.facets, func(n namedFacet) bool { return n.name == name })
	if i < 0 {
		if f.err == nil {
			f.err = fmt.Errorf("%w: no facet called %q", dsl.ErrIllegalOperation, name)
		}
		return f
	}
	f.filters = slices.DeleteFunc(slices.Clone(f.filters), func(x facetFilter) bool { return x.name == name })
	f.filters = append(f.filters, facetFilter{name: name, values: values, query: f.facets[i].facet.Filter(values)})
	return f
}

// Sort returns a copy sorted by keys (as dsl.Search.Sort).
func (f Search) Sort(keys ...string) Search {
	f.sort = keys
	return f
}

// Slice returns a copy paginated to hits [start, stop).
func (f Search) Slice(start, stop int) Search {
	f.slice = &[2]int{start, stop}
	return f
}

// Page returns a copy showing page n (from 1) of size hits.
func (f Search) Page(n, size int) Search {
	if n < 1 {
		n = 1
	}
	return f.Slice((n-1)*size, n*size)
}

// Search returns the search request the faceted search sends.
func (f Search) Search() (dsl.Search, error) {
	if f.err != nil {
		return dsl.Search{}, f.err
	}
	s := f.base
	if f.text != "" {
		if len(f.fields) > 0 {
			s = s.Query(dsl.MultiMatch(f.text, f.fields))
		} else {
			s = s.Query(dsl.Q("multi_match", map[string]any{"query": f.text}))
		}
	}
	if len(f.filters) > 0 {
		var post dsl.Query = dsl.MatchAll()
		for _, fl := range f.filters {
			if fl.query != nil {
				post = dsl.And(post, fl.query)
			}
		}
		s = s.PostFilter(post)
	}
	if len(f.fields) > 0 {
		hl := make([]string, len(f.fields))
		for i, fl := range f.fields {
			hl[i], _, _ = strings.Cut(fl, "^")
		}
		s = s.Highlight(hl)
	}
	if len(f.sort) > 0 {
		s = s.Sort(f.sort...)
	}
	s = s.Aggs(func(a *dsl.Aggs) {
		for _, nf := range f.facets {
			var filter dsl.Query = dsl.MatchAll()
			for _, fl := range f.filters {
				if fl.name != nf.name && fl.query != nil {
					filter = dsl.And(filter, fl.query)
				}
			}
			a.Agg("_filter_"+nf.name, dsl.FilterAgg(filter).Agg(nf.name, nf.facet.Agg()))
		}
	})
	if f.slice != nil {
		s = s.Slice(f.slice[0], f.slice[1])
	}
	return s, s.Err()
}

// MarshalJSON implements json.Marshaler (the search body).
func (f Search) MarshalJSON() ([]byte, error) {
	s, err := f.Search()
	if err != nil {
		return nil, err
	}
	return s.ToJSON()
}

// Response is a search response with the facet values.
type Response[T any] struct {
	*dsl.Response[T]
	// Facets holds, per facet name, its values in bucket order.
	Facets map[string][]Value
}

// Execute runs the faceted search and reads the facet values.
func Execute[T any](ctx context.Context, f Search) (*Response[T], error) {
	s, err := f.Search()
	if err != nil {
		return nil, err
	}
	resp, err := dsl.Execute[T](ctx, s)
	if err != nil {
		return nil, err
	}
	out := &Response[T]{Response: resp, Facets: map[string][]Value{}}
	for _, nf := range f.facets {
		sb, err := dsl.SingleBucketOf(resp.Aggregations, "_filter_"+nf.name)
		if err != nil {
			return nil, err
		}
		var selected []any
		for _, fl := range f.filters {
			if fl.name == nf.name {
				selected = fl.values
			}
		}
		vals, err := nf.facet.Values(sb.Aggregations, nf.name, selected)
		if err != nil {
			return nil, fmt.Errorf("faceted: facet %q: %w", nf.name, err)
		}
		out.Facets[nf.name] = vals
	}
	return out, nil
}
