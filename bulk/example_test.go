package bulk_test

import (
	"context"
	"fmt"
	"log"
	"strconv"
	"time"

	"github.com/esgo/esgo/bulk"
	"github.com/esgo/esgo/transport"
)

var client transport.Interface // an *esgo.Client in real code

// Product is the document type of the examples.
type Product struct {
	Name  string  `json:"name"`
	Price float64 `json:"price"`
}

func ExampleNew() {
	ctx := context.Background()
	ix, err := bulk.New(client,
		bulk.WithIndex("products"),
		bulk.WithFlushActions(1000),
		bulk.WithRetries(10, 100*time.Millisecond, 10*time.Second),
		bulk.OnFailure(func(r bulk.Result) { log.Printf("%s: %v", r.ID, r.Err) }),
	)
	if err != nil {
		log.Fatal(err)
	}
	for i := range 10_000 {
		// Add blocks while the server is busy; the context bounds the wait.
		err := ix.Add(ctx, bulk.Item{ID: strconv.Itoa(i), Body: Product{Name: "product " + strconv.Itoa(i), Price: float64(i)}})
		if err != nil {
			log.Fatal(err)
		}
	}
	if err := ix.Close(ctx); err != nil {
		log.Print(err) // wraps bulk.ErrFailed when some items failed
	}
	s := ix.Stats()
	fmt.Println(s.Indexed, s.Failed, s.Retried)
}

func ExampleStream() {
	ctx := context.Background()
	items := func(yield func(bulk.Item) bool) {
		for i := range 100 {
			if !yield(bulk.Item{Action: bulk.Update, Index: "counters", ID: strconv.Itoa(i),
				Doc: map[string]int{"n": i}, DocAsUpsert: true}) {
				return
			}
		}
	}
	for r, err := range bulk.Stream(ctx, client, items, bulk.WithWorkers(2)) {
		if err != nil {
			log.Printf("%s failed after %d attempts: %v", r.ID, r.Attempts, err)
		}
	}
}
