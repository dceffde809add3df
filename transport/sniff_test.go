package transport

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestSniffedAddresses(t *testing.T) {
	body := `{"nodes":{
		"a":{"roles":["master","data"],"http":{"publish_address":"10.0.0.1:9200"}},
		"b":{"roles":["master"],"http":{"publish_address":"10.0.0.2:9200"}},
		"c":{"roles":["data","ingest"],"http":{"publish_address":"es3.example.com/10.0.0.3:9201"}},
		"d":{"roles":["data"]},
		"e":{"roles":[],"http":{"publish_address":"[::1]:9202"}}}}`
	var info nodesInfo
	if err := json.Unmarshal([]byte(body), &info); err != nil {
		t.Fatal(err)
	}
	base, _ := url.Parse("https://seed:9200/prefix")
	addrs, err := sniffedAddresses(info, base)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range addrs {
		got = append(got, a.URL.String())
	}
	want := []string{"https://10.0.0.1:9200/prefix", "https://es3.example.com:9201/prefix", "https://[::1]:9202/prefix"}
	if !slices.Equal(got, want) {
		t.Fatalf("sniffed %v, want %v (master-only and HTTP-less nodes skipped)", got, want)
	}
	if _, err := sniffedAddresses(nodesInfo{}, base); err == nil {
		t.Fatal("an empty node list gave no error")
	}
}

// fakeCluster is a RoundTripper playing a cluster for sniffing tests: it
// answers the nodes info API with the given addresses and 200 {} otherwise.
type fakeCluster struct {
	mu        sync.Mutex
	publish   []string
	sniffs    int
	hosts     map[string]int
	block     chan struct{}
	downHosts map[string]bool
}

func (f *fakeCluster) RoundTrip(req *http.Request) (*http.Response, error) {
	f.mu.Lock()
	if f.hosts == nil {
		f.hosts = map[string]int{}
	}
	f.hosts[req.URL.Host]++
	down := f.downHosts[req.URL.Host]
	isSniff := req.URL.Path == "/_nodes/_all/http"
	if isSniff {
		f.sniffs++
	}
	block := f.block
	nodes := map[string]any{}
	for i, p := range f.publish {
		nodes[fmt.Sprint("n", i)] = map[string]any{"roles": []string{"data"}, "http": map[string]string{"publish_address": p}}
	}
	f.mu.Unlock()
	if down {
		return nil, errors.New("connection refused")
	}
	body := `{}`
	if isSniff {
		if block != nil {
			<-block
		}
		b, _ := json.Marshal(map[string]any{"nodes": nodes})
		body = string(b)
	}
	return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body)), Request: req}, nil
}

func (f *fakeCluster) count() (sniffs int, hosts map[string]int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.sniffs, maps.Clone(f.hosts)
}

func poolURLs(tr *Transport) []string {
	var out []string
	for _, n := range tr.NodeStats() {
		out = append(out, n.URL)
	}
	slices.Sort(out)
	return out
}

func TestSniffOnStartReplacesSeeds(t *testing.T) {
	fc := &fakeCluster{publish: []string{"10.0.0.1:9200", "es2.local/10.0.0.2:9200"}}
	tr := newT(t, WithAddresses("http://seed:9200"), WithRoundTripper(fc), WithSniffOnStart(true))
	for range 4 {
		resp, err := tr.Perform(context.Background(), &Request{Method: "GET", Path: "/"})
		if err != nil {
			t.Fatal(err)
		}
		resp.Close()
	}
	if got := poolURLs(tr); !slices.Equal(got, []string{"http://10.0.0.1:9200", "http://es2.local:9200"}) {
		t.Fatalf("pool after sniffing on start: %v", got)
	}
	sniffs, hosts := fc.count()
	if sniffs != 1 || hosts["10.0.0.1:9200"] != 2 || hosts["es2.local:9200"] != 2 {
		t.Fatalf("%d sniffs, requests per host %v", sniffs, hosts)
	}
}

func TestOneSniffAtATime(t *testing.T) {
	fc := &fakeCluster{publish: []string{"10.0.0.1:9200"}, block: make(chan struct{})}
	tr := newT(t, WithAddresses("http://seed:9200"), WithRoundTripper(fc))
	done := make(chan error)
	go func() { done <- tr.Sniff(context.Background()) }()
	for {
		if s, _ := fc.count(); s == 1 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	// A second sniff while the first runs returns at once without a request.
	if err := tr.Sniff(context.Background()); err != nil {
		t.Fatal(err)
	}
	close(fc.block)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if s, _ := fc.count(); s != 1 {
		t.Fatalf("%d sniff requests, want 1", s)
	}
}

func TestSniffIntervalAndOnFailure(t *testing.T) {
	fc := &fakeCluster{publish: []string{"a:9200", "b:9200"}}
	tr := newT(t, WithAddresses("http://a:9200", "http://b:9200"), WithRoundTripper(fc),
		WithSniffInterval(50*time.Millisecond), WithSniffOnFailure(true), WithMinSniffInterval(0))
	get := func() {
		t.Helper()
		resp, err := tr.Perform(context.Background(), &Request{Method: "GET", Path: "/"})
		if err != nil {
			t.Fatal(err)
		}
		resp.Close()
	}
	waitSniffs := func(n int) {
		t.Helper()
		deadline := time.Now().Add(2 * time.Second)
		for {
			if s, _ := fc.count(); s >= n {
				return
			}
			if time.Now().After(deadline) {
				s, _ := fc.count()
				t.Fatalf("%d sniffs, want %d", s, n)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	get() // the first request starts an interval sniff (none happened yet)
	waitSniffs(1)
	time.Sleep(60 * time.Millisecond)
	get()
	waitSniffs(2)

	// Node b fails: it is marked dead and a sniff follows; the cluster now
	// lists only a, and the pool follows.
	fc.mu.Lock()
	fc.downHosts = map[string]bool{"b:9200": true}
	fc.publish = []string{"a:9200"}
	fc.mu.Unlock()
	s0, _ := fc.count()
	for range 4 {
		get() // retried on a when b fails
	}
	waitSniffs(s0 + 1)
	deadline := time.Now().Add(2 * time.Second)
	for !slices.Equal(poolURLs(tr), []string{"http://a:9200"}) {
		if time.Now().After(deadline) {
			t.Fatalf("pool %v after b failed and left the cluster", poolURLs(tr))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestSniffReaddsRestartedNode: a sniff while a node restarts drops it from
// the pool; the node comes back without any request failing, so another
// sniff must look for it.
func TestSniffReaddsRestartedNode(t *testing.T) {
	fc := &fakeCluster{publish: []string{"a:9200", "b:9200"}}
	tr := newT(t, WithAddresses("http://a:9200"), WithRoundTripper(fc), WithSniffOnFailure(true), WithMinSniffInterval(20*time.Millisecond))
	if err := tr.Sniff(context.Background()); err != nil {
		t.Fatal(err)
	}
	fc.mu.Lock()
	fc.publish = []string{"a:9200"} // b restarts
	fc.mu.Unlock()
	if err := tr.Sniff(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := poolURLs(tr); len(got) != 1 {
		t.Fatalf("pool while b restarts: %v", got)
	}
	fc.mu.Lock()
	fc.publish = []string{"a:9200", "b:9200"} // b is back
	fc.mu.Unlock()
	deadline := time.Now().Add(3 * time.Second)
	for len(poolURLs(tr)) != 2 {
		if time.Now().After(deadline) {
			t.Fatalf("b was not re-added: pool %v", poolURLs(tr))
		}
		time.Sleep(10 * time.Millisecond)
	}
	// Once the cluster is whole again, no more follow-up sniffs.
	s1, _ := fc.count()
	time.Sleep(200 * time.Millisecond)
	if s2, _ := fc.count(); s2 != s1 {
		t.Errorf("%d more sniffs after the cluster was whole again", s2-s1)
	}
}
