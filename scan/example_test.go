package scan_test

import (
	"context"
	"fmt"
	"log"

	"github.com/esgo/esgo/scan"
	"github.com/esgo/esgo/transport"
)

var client transport.Interface // an *esgo.Client in real code

func ExamplePointInTime() {
	type Product struct {
		Name  string  `json:"name"`
		Price float64 `json:"price"`
	}
	query := map[string]any{"query": map[string]any{"range": map[string]any{"price": map[string]any{"gte": 10}}}}
	for hit, err := range scan.PointInTime[Product](context.Background(), client, "products", query, scan.WithSlices(4)) {
		if err != nil {
			log.Fatal(err) // the point in time is closed already
		}
		fmt.Println(hit.ID, hit.Source.Name, hit.Source.Price)
	}
}

func ExampleScroll() {
	for hit, err := range scan.Scroll[map[string]any](context.Background(), client, "logs-*", nil, scan.WithSize(2000)) {
		if err != nil {
			log.Fatal(err)
		}
		if hit.ID == "the-one" {
			break // the scroll is cleared all the same
		}
	}
}
