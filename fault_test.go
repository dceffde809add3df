package esgo_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/dsl/document"
	dslindex "github.com/esgo/esgo/dsl/index"
	"github.com/esgo/esgo/eslocal/eslocaltest"
	"github.com/esgo/esgo/internal/faultproxy"
	"github.com/esgo/esgo/internal/rawtransport"
	"github.com/esgo/esgo/transport"
)

// TestDeadlineWhileDetectionStalls: the real server behind a proxy that
// stalls the detection request (GET /). A request with a 500 ms deadline
// returns in time although another request's detection hangs.
func TestDeadlineWhileDetectionStalls(t *testing.T) {
	es := eslocaltest.Elasticsearch(t)
	p, err := faultproxy.New(strings.TrimPrefix(es.URL(), "http://"), func(x *faultproxy.Exchange) faultproxy.Action {
		if x.Method == http.MethodGet && x.Path == "/" {
			return faultproxy.Stall
		}
		return faultproxy.Pass
	})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	c, err := esgo.New(esgo.WithAddresses(p.URL()), esgo.WithRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		ctx, cancel := context.WithTimeout(context.Background(), 6*time.Second)
		defer cancel()
		_, _ = c.Cluster.Health(ctx, api.ClusterHealthRequest{})
	}()
	time.Sleep(300 * time.Millisecond) // the first request is detecting
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = c.Cluster.Health(ctx, api.ClusterHealthRequest{})
	if el := time.Since(start); el > 1500*time.Millisecond {
		t.Errorf("a 500 ms request returned after %v", el)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want the deadline", err)
	}
	<-done
}

// TestOneErrorType: a server's error answer is a *transport.Error, matched by the same sentinels, whichever package made
// the call and whichever transport.Interface carried it.
func TestOneErrorType(t *testing.T) {
	es := eslocaltest.Elasticsearch(t)
	client, err := esgo.New(esgo.WithAddresses(es.URL()))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	index := rawtransport.UniqueIndex(t, "errtype")
	for name, tr := range map[string]transport.Interface{"client": client, "bare": rawtransport.New(es.URL())} {
		check := func(what string, err error, sentinel error, status int) {
			t.Helper()
			var ee *transport.Error
			if !errors.As(err, &ee) || ee.Status != status || !errors.Is(err, sentinel) || !errors.Is(err, esgo.ErrUnexpectedStatus) {
				t.Errorf("%s, %s: %v (%T), want a *transport.Error %d", name, what, err, err, status)
			}
		}
		// The generated API.
		_, err := api.New(tr).Get(ctx, api.GetRequest{Index: "no-such-index-errtype", ID: "1"})
		check("api Get", err, esgo.ErrNotFound, 404)
		_, err = api.Decode[map[string]any](api.New(tr).Raw.Search(ctx, api.SearchRequest{Index: []string{"no-such-index-errtype"}}))
		check("api Decode", err, esgo.ErrNotFound, 404)
		// The DSL: a missing document.
		type article struct {
			Title string `json:"title"`
		}
		docs, err := document.New[article](dslindex.New(index).Using(tr))
		if err != nil {
			t.Fatal(err)
		}
		_, err = docs.Get(ctx, "missing")
		check("document.Type.Get", err, esgo.ErrNotFound, 404)
		// A conflict.
		_, _ = api.New(tr).Create(ctx, api.CreateRequest{Index: index, ID: "1", Body: map[string]int{"n": 1}})
		_, err = api.New(tr).Create(ctx, api.CreateRequest{Index: index, ID: "1", Body: map[string]int{"n": 1}})
		check("api Create twice", err, esgo.ErrConflict, 409)
	}
	_, _ = client.Indices.Delete(ctx, api.IndicesDeleteRequest{Index: []string{index}})
}
