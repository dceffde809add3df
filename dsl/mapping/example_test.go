package mapping_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/esgo/esgo/dsl/mapping"
	"github.com/esgo/esgo/types"
)

func printJSON(v any) {
	b, err := json.Marshal(v)
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(string(b))
}

// Mappings come from Go structs and `es` tags.
func ExampleFor() {
	type Comment struct {
		Author string `json:"author" es:"keyword"`
		Text   string `json:"text"` // text with a keyword sub-field, as dynamic mapping
		Code   string `json:"code" es:"keyword,null_value='00000'"`
	}
	type Post struct {
		Title     string    `json:"title" es:"analyzer=english,fields=raw:keyword:ignore_above=100"`
		Tags      []string  `json:"tags" es:"keyword"`
		Published time.Time `json:"published"`
		Likes     int32     `json:"likes"`
		Comments  []Comment `json:"comments"`
		Embedding []float32 `json:"embedding" es:"dense_vector,dims=3,similarity=cosine"`
	}
	m, _ := mapping.For[Post]()
	printJSON(m)
	// Output:
	// {"properties":{"comments":{"properties":{"author":{"type":"keyword"},"code":{"null_value":"00000","type":"keyword"},"text":{"fields":{"keyword":{"ignore_above":256,"type":"keyword"}},"type":"text"}},"type":"nested"},"embedding":{"dims":3,"similarity":"cosine","type":"dense_vector"},"likes":{"type":"integer"},"published":{"type":"date"},"tags":{"type":"keyword"},"title":{"analyzer":"english","fields":{"raw":{"ignore_above":100,"type":"keyword"}},"type":"text"}}}
}

// Typed properties say what tags cannot: options of a sub-field, an
// object-valued parameter, a string that looks like a number.
func ExampleMapping_Patch() {
	type Product struct {
		Name string    `json:"name"` // text with a keyword sub-field
		Code string    `json:"code" es:"keyword"`
		Vec  []float32 `json:"vec" es:"dense_vector,dims=3"`
	}
	m, _ := mapping.For[Product]()
	m.Patch("name", types.PropertyFromText(types.TextProperty{Fields: map[string]types.Property{
		"keyword": types.PropertyFromKeyword(types.KeywordProperty{IgnoreAbove: new(64)}),
	}})).
		SubField("name", "en", types.PropertyFromText(types.TextProperty{Analyzer: "english"})).
		Patch("code", types.PropertyFromKeyword(types.KeywordProperty{NullValue: "00000"})).
		Patch("vec", types.PropertyFromDenseVector(types.DenseVectorProperty{
			IndexOptions: &types.DenseVectorIndexOptions{Type: types.DenseVectorIndexOptionsTypeInt8Hnsw, M: new(16)},
		}))
	if err := m.Err(); err != nil {
		fmt.Println(err)
		return
	}
	printJSON(m)
	// Output:
	// {"properties":{"code":{"null_value":"00000","type":"keyword"},"name":{"fields":{"en":{"analyzer":"english","type":"text"},"keyword":{"ignore_above":64,"type":"keyword"}},"type":"text"},"vec":{"dims":3,"index_options":{"m":16,"type":"int8_hnsw"},"type":"dense_vector"}}}
}

// A mapping can be built from typed properties alone.
func ExampleMapping_Set() {
	m := mapping.New().
		Set("title", types.PropertyFromText(types.TextProperty{Analyzer: "english"})).
		Set("author", types.PropertyFromObject(types.ObjectProperty{})).
		Set("author.name", types.PropertyFromKeyword(types.KeywordProperty{})).
		Apply(types.TypeMapping{Dynamic: types.DynamicMappingStrict})
	printJSON(m)
	// Output:
	// {"dynamic":"strict","properties":{"author":{"properties":{"name":{"type":"keyword"}},"type":"object"},"title":{"analyzer":"english","type":"text"}}}
}
