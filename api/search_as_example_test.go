package api_test

import (
	"context"
	"fmt"

	"github.com/esgo/esgo/api"
)

// A typed search whose sources decode into the caller's type in the same
// pass over the answer.
func ExampleSearchAs() {
	type Book struct {
		Title string `json:"title"`
		Year  int    `json:"year"`
	}
	a := api.New(printer{body: searchAnswer}) // usually api.New(client) or client.API
	res, err := api.SearchAs[Book](context.Background(), a, api.SearchRequest{Index: []string{"books"}})
	if err != nil {
		panic(err)
	}
	for _, hit := range res.Hits.Hits {
		fmt.Println(hit.ID, hit.Source.Title, hit.Source.Year)
	}
	// Output:
	// GET /books/_search typed_keys=true
	// 1 Go in Action 2015
}
