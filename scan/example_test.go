package scan_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/esgo/esgo/dsl"
	"github.com/esgo/esgo/scan"
	"github.com/esgo/esgo/transport"
)

var client transport.Interface // an *esgo.Client in real code

func ExamplePointInTime() {
	type Product struct {
		Name  string  `json:"name"`
		Price float64 `json:"price"`
	}
	// Any JSON body works (a raw string, the typed api.SearchBody); the DSL
	// is the shortest.
	query := dsl.NewSearch().Filter(dsl.Range("price", dsl.Gte(10)))
	for hit, err := range scan.PointInTime[Product](context.Background(), client, "products", query, scan.WithSlices(4)) {
		if err != nil {
			log.Fatal(err) // the point in time is closed already
		}
		fmt.Println(hit.ID, hit.Source.Name, hit.Source.Price)
	}
}

func ExampleScroll() {
	type LogLine struct {
		Level   string `json:"level"`
		Message string `json:"message"`
	}
	for hit, err := range scan.Scroll[LogLine](context.Background(), client, "logs-*", nil, scan.WithSize(2000)) {
		if err != nil {
			log.Fatal(err)
		}
		if hit.ID == "the-one" {
			break // the scroll is cleared all the same
		}
	}
}

func ExampleSearchAfter() {
	type Event struct {
		Seq     int64  `json:"seq"`
		Message string `json:"message"`
	}
	// A sort with a unique tiebreaker; each next page starts after the
	// last hit's sort values as the server sent them (a long above 2^53
	// keeps every digit).
	query := `{"query":{"term":{"level":"error"}},"sort":[{"seq":"asc"}]}`
	for hit, err := range scan.SearchAfter[Event](context.Background(), client, "events", query, scan.WithSize(500)) {
		if errors.Is(err, scan.ErrSearchAfter) {
			log.Fatal("a page could not be built: ", err)
		}
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(hit.Source.Seq, hit.Source.Message)
	}
}
