package mapping_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/esgo/esgo/dsl"
	"github.com/esgo/esgo/dsl/document"
	"github.com/esgo/esgo/dsl/index"
	"github.com/esgo/esgo/dsl/internal/dsltest"
	"github.com/esgo/esgo/types"
)

type product struct {
	Name string    `json:"name"`
	Code *string   `json:"code" es:"keyword,null_value='00000'"`
	Vec  []float32 `json:"vec" es:"dense_vector,dims=3,similarity=cosine"`
	Tags []string  `json:"tags" es:"keyword"`
}

// A mapping from tags, completed with typed properties, is what the
// server stores, and behaves as written: the null_value "00000" stays a
// string, the keyword sub-field takes its ignore_above.
func TestIntegrationTypedProperties(t *testing.T) {
	conn := dsltest.ES(t)
	ctx := context.Background()
	dsltest.DeleteIndexAtCleanup(t, conn, "dsl-it-mapping")
	ix := index.New("dsl-it-mapping").Using(conn).Settings(index.NumberOfReplicas(0))
	docs, err := document.New[product](ix)
	if err != nil {
		t.Fatal(err)
	}
	// Typed properties complete the mapping the struct tags gave.
	own := docs.Mapping()
	own.Patch("name", types.PropertyFromText(types.TextProperty{Meta: map[string]string{"unit": "words"},
		Fields: map[string]types.Property{"keyword": types.PropertyFromKeyword(types.KeywordProperty{IgnoreAbove: new(8)})}})).
		Patch("vec", types.PropertyFromDenseVector(types.DenseVectorProperty{Index: new(true),
			IndexOptions: &types.DenseVectorIndexOptions{Type: types.DenseVectorIndexOptionsTypeHnsw, M: new(12), EfConstruction: new(50)}})).
		Apply(types.TypeMapping{Dynamic: types.DynamicMappingStrict})
	if err := own.Err(); err != nil {
		t.Fatal(err)
	}
	ix.Mapping(own)
	if err := docs.Init(ctx); err != nil {
		t.Fatalf("Init: %v", err)
	}
	stored, err := ix.GetMapping(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Dynamic    string `json:"dynamic"`
		Properties struct {
			Name struct {
				Type   string            `json:"type"`
				Meta   map[string]string `json:"meta"`
				Fields struct {
					Keyword struct {
						Type        string `json:"type"`
						IgnoreAbove int    `json:"ignore_above"`
					} `json:"keyword"`
				} `json:"fields"`
			} `json:"name"`
			Code struct {
				Type      string `json:"type"`
				NullValue any    `json:"null_value"`
			} `json:"code"`
			Vec struct {
				Dims         int `json:"dims"`
				IndexOptions struct {
					Type           string `json:"type"`
					M              int    `json:"m"`
					EfConstruction int    `json:"ef_construction"`
				} `json:"index_options"`
			} `json:"vec"`
		} `json:"properties"`
	}
	raw, _ := json.Marshal(stored)
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	p := got.Properties
	if got.Dynamic != "strict" || p.Name.Type != "text" || p.Name.Meta["unit"] != "words" ||
		p.Name.Fields.Keyword.Type != "keyword" || p.Name.Fields.Keyword.IgnoreAbove != 8 ||
		p.Code.NullValue != "00000" || p.Vec.Dims != 3 || p.Vec.IndexOptions.Type != "hnsw" ||
		p.Vec.IndexOptions.M != 12 || p.Vec.IndexOptions.EfConstruction != 50 {
		t.Errorf("stored mapping = %s", raw)
	}

	short, long := "widget", "a name far longer than eight characters"
	for id, pr := range map[string]product{"1": {Name: short, Vec: []float32{1, 0, 0}}, "2": {Name: long, Vec: []float32{0, 1, 0}}} {
		if _, err := docs.Save(ctx, &document.Doc[product]{Meta: document.Meta{ID: id}, Source: pr}, document.Refresh("true")); err != nil {
			t.Fatal(err)
		}
	}
	// Both documents have no code: both match the null_value "00000".
	if n, err := docs.Search().Filter(dsl.Term("code", "00000")).Count(ctx); err != nil || n != 2 {
		t.Errorf("code 00000 = %d, %v", n, err)
	}
	// Only the short name was indexed in the keyword sub-field.
	if n, err := docs.Search().Filter(dsl.Exists("name.keyword")).Count(ctx); err != nil || n != 1 {
		t.Errorf("name.keyword exists = %d, %v", n, err)
	}
	// dynamic: strict refuses an unmapped field.
	type extra struct {
		product
		Color string `json:"color"`
	}
	other, err := document.New[extra](index.New("dsl-it-mapping").Using(conn))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.Save(ctx, &document.Doc[extra]{Meta: document.Meta{ID: "3"}, Source: extra{Color: "red"}}); err == nil {
		t.Error("a document with an unmapped field was accepted under dynamic: strict")
	}
}

// copy_to given by a tag as one name, a quoted name or a list is accepted
// by the server and copies the values: a quoted name loses its quotes.
func TestIntegrationCopyTo(t *testing.T) {
	conn := dsltest.ES(t)
	ctx := context.Background()
	const name = "dsl-it-mapping-copy-to"
	dsltest.DeleteIndexAtCleanup(t, conn, name)
	docs, err := document.New[CopyTo](index.New(name).Using(conn).Settings(index.NumberOfReplicas(0)))
	if err != nil {
		t.Fatal(err)
	}
	if err := docs.Init(ctx); err != nil {
		t.Fatalf("Init: %v", err)
	}
	for id, d := range map[string]CopyTo{"1": {A: "alpha"}, "2": {B: "beta"}, "3": {C: "gamma"}, "4": {D: "delta"}} {
		if _, err := docs.Save(ctx, &document.Doc[CopyTo]{Meta: document.Meta{ID: id}, Source: d}, document.Refresh("true")); err != nil {
			t.Fatal(err)
		}
	}
	for _, word := range []string{"alpha", "beta", "gamma", "delta"} {
		if n, err := docs.Search().Filter(dsl.Match("all_text", word)).Count(ctx); err != nil || n != 1 {
			t.Errorf("all_text:%s = %d, %v", word, n, err)
		}
	}
}
