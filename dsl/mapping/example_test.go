package mapping_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/esgo/esgo/dsl/mapping"
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
