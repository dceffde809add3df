package transport_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/esgo/esgo/transport"
)

// A Transport can be used on its own; it returns every response, whatever
// its status (esgo.Client turns error statuses into errors).
func ExampleNew() {
	tr, err := transport.New(
		transport.WithAddresses("http://localhost:9200", "http://localhost:9201"),
		transport.WithRetries(2),
		transport.WithDeadNodeBackoff(time.Second, 30*time.Second),
	)
	if err != nil {
		log.Fatal(err)
	}
	for _, n := range tr.NodeStats() {
		fmt.Println(n.URL, n.Alive)
	}
	// Output:
	// http://localhost:9200 true
	// http://localhost:9201 true
}

func ExampleTransport_Perform() {
	tr, err := transport.New(transport.WithAddresses("http://localhost:9200"))
	if err != nil {
		log.Fatal(err)
	}
	resp, err := tr.Perform(context.Background(), &transport.Request{Method: "GET", Path: "/_cluster/health"})
	if err != nil {
		log.Print(err) // *transport.ConnectionError naming the node, ...
		return
	}
	var health struct {
		Status string `json:"status"`
	}
	if err := resp.Decode(&health); err != nil {
		log.Print(err)
		return
	}
	fmt.Println(resp.StatusCode, health.Status)
}

func ExampleParseCloudID() {
	c, err := transport.ParseCloudID("prod:dXMtY2VudHJhbDEuZ2NwLmNsb3VkLmVzLmlvJGFiYzEyMyRraWI0NTY=")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.Name, c.URL())
	// Output: prod https://abc123.us-central1.gcp.cloud.es.io:443
}

func ExampleRetryBackoff() {
	for k := 1; k <= 4; k++ {
		d := transport.RetryBackoff(100*time.Millisecond, 10*time.Second, k)
		c := 100 * time.Millisecond << (k - 1)
		fmt.Println(k, d >= c/2 && d <= c)
	}
	// Output:
	// 1 true
	// 2 true
	// 3 true
	// 4 true
}
