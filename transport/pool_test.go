package transport

import (
	"net/url"
	"sync"
	"testing"
	"time"
)

func TestDeadTimeoutFormula(t *testing.T) {
	tests := []struct {
		failures int
		want     time.Duration
	}{
		{0, time.Second}, {1, time.Second}, {2, 2 * time.Second}, {3, 4 * time.Second},
		{4, 8 * time.Second}, {5, 16 * time.Second}, {6, 30 * time.Second}, {60, 30 * time.Second}, {1000, 30 * time.Second},
	}
	for _, tt := range tests {
		if got := deadTimeout(time.Second, 30*time.Second, tt.failures); got != tt.want {
			t.Errorf("deadTimeout(1s, 30s, %d) = %v, want %v", tt.failures, got, tt.want)
		}
	}
}

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func testPool(t *testing.T, urls ...string) (*pool, *fakeClock) {
	t.Helper()
	clock := &fakeClock{t: time.Unix(1000, 0)}
	p := &pool{selector: &RoundRobin{}, deadFactor: time.Second, deadMax: 30 * time.Second, now: clock.now}
	var addrs []Address
	for _, u := range urls {
		a, err := ParseAddress(u)
		if err != nil {
			t.Fatal(err)
		}
		addrs = append(addrs, a)
	}
	p.replace(addrs)
	return p, clock
}

func TestPoolRoundRobin(t *testing.T) {
	p, _ := testPool(t, "a:1", "b:1", "c:1")
	counts := map[string]int{}
	for range 30 {
		n, err := p.next()
		if err != nil {
			t.Fatal(err)
		}
		counts[n.URL()]++
	}
	for _, u := range []string{"http://a:1", "http://b:1", "http://c:1"} {
		if counts[u] != 10 {
			t.Errorf("round robin sent %d of 30 requests to %s, want 10 (%v)", counts[u], u, counts)
		}
	}
}

func TestPoolDeadNodeSkippedAndResurrected(t *testing.T) {
	p, clock := testPool(t, "a:1", "b:1")
	a := p.snapshot()[0]
	if d := p.markDead(a); d != time.Second {
		t.Fatalf("first failure: dead for %v, want 1s", d)
	}
	for range 5 {
		if n, _ := p.next(); n == a {
			t.Fatal("dead node selected while another is alive")
		}
	}
	clock.advance(time.Second)
	seen := false
	for range 4 {
		if n, _ := p.next(); n == a {
			seen = true
		}
	}
	if !seen {
		t.Fatal("node not tried again after its dead timeout")
	}
	// A second failure doubles the timeout; a success resets it.
	if d := p.markDead(a); d != 2*time.Second {
		t.Fatalf("second failure: dead for %v, want 2s", d)
	}
	if !p.markAlive(a) {
		t.Fatal("markAlive did not report the node as previously dead")
	}
	if s := a.Stats(); !s.Alive || s.ConsecutiveFailures != 0 {
		t.Fatalf("after success: %+v", s)
	}
	if d := p.markDead(a); d != time.Second {
		t.Fatalf("failure after a success: dead for %v, want 1s", d)
	}
}

func TestPoolForcesOneDeadNodeBack(t *testing.T) {
	p, _ := testPool(t, "a:1", "b:1")
	nodes := p.snapshot()
	p.markDead(nodes[0])
	p.markDead(nodes[0]) // dead for 2s
	p.markDead(nodes[1]) // dead for 1s: due first
	var revived *Node
	p.onRevive = func(n *Node, _ bool) { revived = n }
	n, err := p.next()
	if err != nil {
		t.Fatal(err)
	}
	if n != nodes[1] || revived != nodes[1] {
		t.Fatalf("forced back %v (callback %v), want the node due first %v", n.URL(), revived, nodes[1].URL())
	}
}

func TestPoolReplaceKeepsState(t *testing.T) {
	p, _ := testPool(t, "http://u:pw@a:1", "b:1")
	a := p.snapshot()[0]
	a.requests.Add(7)
	c, _ := url.Parse("http://c:1")
	added, removed := p.replace([]Address{{URL: a.url}, {URL: c}})
	if len(added) != 1 || added[0] != "http://c:1" || len(removed) != 1 || removed[0] != "http://b:1" {
		t.Fatalf("added %v removed %v", added, removed)
	}
	nodes := p.snapshot()
	if nodes[0] != a || nodes[0].Stats().Requests != 7 {
		t.Fatal("existing node state lost")
	}
	if nodes[1].username != "u" || nodes[1].password != "pw" {
		t.Fatal("sniffed node did not inherit the seed credentials")
	}
}

func TestRandomSelector(t *testing.T) {
	p, _ := testPool(t, "a:1", "b:1", "c:1")
	p.selector = Random{}
	counts := map[string]int{}
	for range 3000 {
		n, _ := p.next()
		counts[n.URL()]++
	}
	for u, c := range counts {
		if c < 800 || c > 1200 {
			t.Errorf("random selector sent %d of 3000 to %s", c, u)
		}
	}
	if len(counts) != 3 {
		t.Errorf("random selector used %d nodes, want 3", len(counts))
	}
}
