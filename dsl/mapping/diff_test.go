package mapping_test

import (
	"net"
	"testing"
	"time"

	"github.com/esgo/esgo/dsl/internal/dsltest"
	. "github.com/esgo/esgo/dsl/mapping"
	"github.com/esgo/esgo/internal/pydiff"
	"github.com/esgo/esgo/types"
)

type Scalars struct {
	Title string    `json:"title"`
	Count int64     `json:"count"`
	Small int32     `json:"small"`
	Tiny  int16     `json:"tiny"`
	B     int8      `json:"b"`
	Price float64   `json:"price"`
	Ratio float32   `json:"ratio"`
	OK    bool      `json:"ok"`
	When  time.Time `json:"when"`
	Blob  []byte    `json:"blob"`
	Addr  net.IP    `json:"addr"`
	// Skipped fields.
	Secret   string `json:"-"`
	internal string //lint:ignore U1000 unexported fields stay out of the mapping
	NoMap    string `json:"nomap" es:"-"`
}

type KT struct {
	Tags  []string `json:"tags" es:"keyword"`
	Body  string   `json:"body" es:"analyzer=english,search_analyzer=standard"`
	Name  string   `json:"name" es:"keyword,ignore_above=256,normalizer=lowercase"`
	Title string   `json:"title" es:"fields=raw:keyword"`
	Code  string   `json:"code" es:"text,fields=raw:keyword|en:text:english,copy_to=all|other"`
	Idx   string   `json:"idx" es:"keyword,index=false,doc_values=false"`
}

type CopyTo struct {
	A       string `json:"a" es:"text,copy_to=all_text"`
	B       string `json:"b" es:"text,copy_to='all_text'"`
	C       string `json:"c" es:"keyword,copy_to=[\"all_text\"]"`
	D       string `json:"d" es:"keyword,copy_to=all_text|other"`
	E       string `json:"e" es:"keyword,copy_to='it''s'"`
	AllText string `json:"all_text" es:"text"`
}

// The document types shared with the other packages' differential cases.
type (
	Address = dsltest.Address
	Comment = dsltest.Comment
	Post    = dsltest.Post
)

type Vec struct {
	Embedding []float32 `json:"embedding" es:"dense_vector,dims=3,similarity=cosine"`
	V2        []float32 `json:"v2" es:"dense_vector,dims=4,index=true,similarity=dot_product,element_type=float"`
	Name      *string   `json:"name"`
}

type NO struct {
	A  *Address       `json:"a"`
	N  []*Comment     `json:"n"`
	O  map[string]any `json:"o"`
	DT time.Time      `json:"dt" es:"format=yyyy-MM-dd"`
}

type Article struct {
	Title    string    `json:"title" es:"analyzer=my_an,fields=raw:keyword"`
	Tag      string    `json:"tag" es:"keyword,normalizer=my_norm"`
	Comments []Comment `json:"comments"`
}

func TestDifferentialAgainstPython(t *testing.T) {
	var c pydiff.Cases
	c.Add("m/scalars", mappingCase[Scalars]())
	c.Add("m/keyword_and_text", mappingCase[KT]())
	c.Add("m/copy_to", mappingCase[CopyTo]())
	c.Add("m/nested_object", mappingCase[Post]())
	c.Add("m/vectors", mappingCase[Vec]())
	c.Add("m/explicit_nested_object", mappingCase[NO]())
	c.Add("m/article_mapping", mappingCase[Article]())
	c.Add("mb/fields", func() (any, error) { return builtMapping(), nil })
	c.Add("mb/override_tags", func() (any, error) { return overriddenMapping() })
	c.Run(t, "testdata/diff/cases.py")
}

// builtMapping is a mapping built with typed properties only.
func builtMapping() *Mapping {
	return New().
		Set("title", types.PropertyFromText(types.TextProperty{Analyzer: "english", Fields: map[string]types.Property{
			"raw": types.PropertyFromKeyword(types.KeywordProperty{IgnoreAbove: new(256)}),
		}})).
		Set("code", types.PropertyFromKeyword(types.KeywordProperty{NullValue: "00000"})).
		Set("vec", types.PropertyFromDenseVector(types.DenseVectorProperty{Dims: new(3), Similarity: types.DenseVectorSimilarityCosine,
			Index: new(true), IndexOptions: &types.DenseVectorIndexOptions{Type: types.DenseVectorIndexOptionsTypeInt8Hnsw, M: new(16)}})).
		Set("price", types.PropertyFromScaledFloat(types.ScaledFloatNumberProperty{ScalingFactor: new(100.0)})).
		Apply(types.TypeMapping{Dynamic: types.DynamicMappingStrict, Source: &types.SourceField{Excludes: []string{"secret"}}})
}

// Over is mapped from its tags, then typed properties say what tags do not.
type Over struct {
	Title    string    `json:"title"`
	Comments []Comment `json:"comments"`
	Status   string    `json:"status" es:"keyword,null_value='00000'"`
	Score    float64   `json:"score"`
}

func overriddenMapping() (*Mapping, error) {
	m, err := For[Over]()
	if err != nil {
		return nil, err
	}
	m.Patch("title", types.PropertyFromText(types.TextProperty{Meta: map[string]string{"unit": "words"},
		Fields: map[string]types.Property{"keyword": types.PropertyFromKeyword(types.KeywordProperty{IgnoreAbove: new(100)})}})).
		SubField("title", "en", types.PropertyFromText(types.TextProperty{Analyzer: "english"})).
		Set("comments.author", types.PropertyFromKeyword(types.KeywordProperty{Normalizer: "lowercase"})).
		Patch("status", types.PropertyFromKeyword(types.KeywordProperty{Meta: map[string]string{"source": "crm"}})).
		Set("score", types.PropertyFromFloat(types.FloatNumberProperty{}))
	return m, m.Err()
}

func mappingCase[T any]() func() (any, error) {
	return func() (any, error) { return For[T]() }
}
