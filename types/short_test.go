package types_test

import (
	"testing"

	"github.com/esgo/esgo/types"
)

// The short constructors read back through the generated accessors of
// their union, and a type defined over a scalar is sent as the scalar.
func TestShortConstructorsReadBack(t *testing.T) {
	type category string
	if s, err := types.Value(category("books")).AsString(); err != nil || s != "books" {
		t.Errorf("Value(category) = %q, %v", s, err)
	}
	if n, err := types.Value(int64(9007199254740993)).AsLong(); err != nil || n != 9007199254740993 {
		t.Errorf("Value(int64) = %d, %v", n, err)
	}
	if s, err := types.MatchValue("go").Query.AsString(); err != nil || s != "go" {
		t.Errorf("MatchValue = %q, %v", s, err)
	}
	r, err := types.Range(types.Gte(10), types.Lt(20), types.Gte(11)).AsUntyped()
	if err != nil || string(r.Gte) != "11" || string(r.Lt) != "20" || r.Gt != nil || r.Lte != nil {
		t.Errorf("Range = %+v, %v", r, err)
	}
	o, err := types.SortByField("price", types.SortOrderDesc).AsOptions()
	if err != nil || o.Extra["price"].Order != types.SortOrderDesc {
		t.Errorf("SortByField = %+v, %v", o, err)
	}
	f, err := types.SourceIncludes("a", "b").AsFilter()
	if err != nil || len(f.Includes) != 2 || f.Includes[1] != "b" {
		t.Errorf("SourceIncludes = %+v, %v", f, err)
	}
	h, err := types.HighlightFieldsOf("title").AsHighlightFieldMap()
	if _, ok := h["title"]; err != nil || !ok || len(h) != 1 {
		t.Errorf("HighlightFieldsOf = %+v, %v", h, err)
	}
	if n, err := types.TrackTotalHitsUpTo(5).AsCount(); err != nil || n != 5 {
		t.Errorf("TrackTotalHitsUpTo = %d, %v", n, err)
	}
}
