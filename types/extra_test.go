package types

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

// checkExtra decodes data with decodeExtra and with decodeExtraStd (the
// reference, encoding/json alone) into fresh values of two types with
// additional properties, and fails when they differ.
func checkExtra(t *testing.T, data []byte) {
	t.Helper()
	var fb, sb plainStringTermsBucket
	var fa, sa Aggregates
	names := []string{"doc_count", "doc_count_error_upper_bound", "key"}
	ferr := decodeExtra(append([]byte(nil), data...), &fb, &fa, names)
	serr := decodeExtraStd(data, &sb, &sa, names)
	if (ferr == nil) != (serr == nil) || ferr != nil && ferr.Error() != serr.Error() {
		t.Fatalf("bucket %q: error %v, want %v", data, ferr, serr)
	}
	if ferr == nil && (!reflect.DeepEqual(fb, sb) || !reflect.DeepEqual(fa, sa)) {
		t.Fatalf("bucket %q:\n got  %#v %#v\n want %#v %#v", data, fb, fa, sb, sa)
	}
	var fc, sc plainErrorCause
	var fm, sm map[string]json.RawMessage
	names = []string{"type", "reason", "stack_trace", "caused_by", "root_cause", "suppressed"}
	ferr = decodeExtra(append([]byte(nil), data...), &fc, &fm, names)
	serr = decodeExtraStd(data, &sc, &sm, names)
	if (ferr == nil) != (serr == nil) || ferr != nil && ferr.Error() != serr.Error() {
		t.Fatalf("error cause %q: error %v, want %v", data, ferr, serr)
	}
	if ferr == nil && (!reflect.DeepEqual(fc, sc) || !reflect.DeepEqual(fm, sm)) {
		t.Fatalf("error cause %q:\n got  %#v %#v\n want %#v %#v", data, fc, fm, sc, sm)
	}
}

var extraCases = []string{
	`{"key":"a","doc_count":3,"avg#avg_price":{"value":1.5},"max#m":{"value":null}}`,
	`{"key":1,"doc_count":3}`, `{}`, `{"doc_count":1,"doc_count":2,"x":{"a":1},"x":{"b":2}}`,
	`{"Doc_Count":4,"key":"k"}`, `{"KEY":"k"}`, `{"ſey":"k"}`, `{"doc_count":"x"}`, `{"doc_count":1.5}`,
	`{"type":"illegal_argument_exception","reason":"bad","index":"books","shard":"0","caused_by":{"type":"x","reason":"y"}}`,
	`{"type":1}`, `{"reason":null,"extra":null}`, `{"doc_count":1,"sub":[1,2]}`, `[]`, `null`, `"s"`, `{"a":}`, `{"a":1`,
	`{"key\u0041":1,"doc\u005fcount":7}`,
}

func TestDecodeExtraLikeEncodingJSON(t *testing.T) {
	for _, c := range extraCases {
		checkExtra(t, []byte(c))
	}
	// Through the generated UnmarshalJSON: the sub-aggregation of a bucket.
	var b StringTermsBucket
	if err := json.Unmarshal([]byte(extraCases[0]), &b); err != nil {
		t.Fatal(err)
	}
	avg, err := b.Aggregations.Avg("avg_price")
	if err != nil || *avg.Value != 1.5 || b.DocCount != 3 || b.Key.String() != "a" {
		t.Fatalf("bucket = %+v, avg %v, %v", b, avg, err)
	}
	if _, err := b.Aggregations.Avg("missing"); !errors.Is(err, ErrNoAggregate) {
		t.Fatalf("missing sub-aggregation: %v", err)
	}
}

func FuzzDecodeExtra(f *testing.F) {
	for _, c := range extraCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if json.Valid(data) { // decodeExtra is only ever given valid JSON
			checkExtra(t, data)
		}
	})
}
