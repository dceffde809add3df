package document_test

import (
	"context"
	"fmt"

	"github.com/esgo/esgo/dsl/document"
	"github.com/esgo/esgo/dsl/index"
	"github.com/esgo/esgo/transport"
)

// Documents are stored and fetched through a Type bound to an index.
func ExampleType() {
	type Article struct {
		Title  string `json:"title"`
		Author string `json:"author" es:"keyword,required"`
	}
	var conn transport.Interface // for example an *esgo.Client
	ctx := context.Background()
	docs, err := document.New[Article](index.New("articles").Using(conn))
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := docs.Init(ctx); err != nil { // create the index with the mapping
		fmt.Println(err)
		return
	}
	a := &document.Doc[Article]{Meta: document.Meta{ID: "1"}, Source: Article{Title: "Hello", Author: "ann"}}
	if _, err := docs.Save(ctx, a); err != nil {
		fmt.Println(err)
		return
	}
	got, err := docs.Get(ctx, "1") // errors.Is(err, esgo.ErrNotFound) when missing
	if err != nil {
		fmt.Println(err)
		return
	}
	got.Source.Title = "Hello again"
	// Saved only if nobody changed it since Get (if_seq_no/if_primary_term).
	_, err = docs.Save(ctx, got)
	fmt.Println(err)
}
