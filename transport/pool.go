package transport

import (
	"math/rand/v2"
	"net/url"
	"sync"
	"sync/atomic"
	"time"
)

// Node is one Elasticsearch node known to the transport. Its methods are
// safe for concurrent use.
type Node struct {
	url      *url.URL
	str      string
	username string
	password string

	mu        sync.Mutex
	dead      bool
	deadUntil time.Time
	failures  int // consecutive failures; reset by a success

	requests  atomic.Int64
	errors    atomic.Int64
	latencyNS atomic.Int64

	// answered is set by the node's first HTTP response: from then on it
	// is known to speak plain HTTP and a failure is never probed for TLS.
	answered atomic.Bool
	// tlsProbe is the state of the one TLS probe of an http:// node that
	// failed before answering: probeNone, probeRunning, probePlain or
	// probeTLS.
	tlsProbe atomic.Int32
}

// States of Node.tlsProbe.
const (
	probeNone int32 = iota
	probeRunning
	probePlain
	probeTLS
)

func newNode(a Address) *Node {
	return &Node{url: a.URL, str: a.URL.String(), username: a.Username, password: a.Password}
}

// URL returns the node's base URL (without credentials).
func (n *Node) URL() string { return n.str }

// NodeStats is a snapshot of one node's state and counters.
type NodeStats struct {
	// URL is the node's base URL.
	URL string
	// Alive is false while the node is marked dead.
	Alive bool
	// DeadUntil is when a dead node may be tried again.
	DeadUntil time.Time
	// ConsecutiveFailures counts failures since the last success.
	ConsecutiveFailures int
	// Requests counts attempts sent to the node (retries count separately).
	Requests int64
	// Failures counts attempts that failed: connection errors, timeouts and
	// 429/502/503/504 responses.
	Failures int64
	// TotalLatency sums the time to response headers of all attempts.
	TotalLatency time.Duration
}

// AverageLatency is TotalLatency divided by Requests.
func (s NodeStats) AverageLatency() time.Duration {
	if s.Requests == 0 {
		return 0
	}
	return s.TotalLatency / time.Duration(s.Requests)
}

// Stats returns a snapshot of the node's state and counters.
func (n *Node) Stats() NodeStats {
	n.mu.Lock()
	s := NodeStats{URL: n.str, Alive: !n.dead, DeadUntil: n.deadUntil, ConsecutiveFailures: n.failures}
	n.mu.Unlock()
	s.Requests = n.requests.Load()
	s.Failures = n.errors.Load()
	s.TotalLatency = time.Duration(n.latencyNS.Load())
	return s
}

// Selector picks the node for the next attempt among the nodes that may be
// used now (never empty). Implementations must be safe for concurrent use.
type Selector interface {
	Select(nodes []*Node) *Node
}

// RoundRobin is the default Selector: it cycles through the nodes.
type RoundRobin struct{ next atomic.Uint64 }

// Select returns the next node in turn.
func (r *RoundRobin) Select(nodes []*Node) *Node {
	i := r.next.Add(1) - 1
	return nodes[i%uint64(len(nodes))]
}

// Random is a Selector that picks a node uniformly at random.
type Random struct{}

// Select returns a random node.
func (Random) Select(nodes []*Node) *Node { return nodes[rand.IntN(len(nodes))] }

// SelectorFunc adapts a function to the Selector interface.
type SelectorFunc func(nodes []*Node) *Node

// Select calls f.
func (f SelectorFunc) Select(nodes []*Node) *Node { return f(nodes) }

// pool holds the nodes and their dead/alive state.
type pool struct {
	mu       sync.RWMutex
	nodes    []*Node
	selector Selector
	dead     atomic.Int32 // number of nodes marked dead (fast path when 0)

	deadFactor time.Duration
	deadMax    time.Duration
	now        func() time.Time
	// onRevive is called when no node may be used and n is forced back;
	// first is true for the first time since a node last answered.
	onRevive func(n *Node, first bool)
	// forcing is set when a node is forced back and cleared when a node
	// answers (or joins alive), so that a dead period is reported once.
	forcing atomic.Bool
}

// deadTimeout is the dead-node backoff: min(factor * 2^(failures-1), max).
func deadTimeout(factor, maxTimeout time.Duration, failures int) time.Duration {
	if failures < 1 {
		failures = 1
	}
	d := factor
	for i := 1; i < failures; i++ {
		d *= 2
		if d >= maxTimeout || d <= 0 {
			return maxTimeout
		}
	}
	return min(d, maxTimeout)
}

func (p *pool) snapshot() []*Node {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.nodes
}

// next returns the node for the next attempt. Alive nodes and dead nodes
// whose timeout has passed (they get one trial) are candidates; when there
// are none, the dead node that is due first is forced back.
func (p *pool) next() (*Node, error) {
	nodes := p.snapshot()
	if len(nodes) == 0 {
		return nil, ErrNoNodes
	}
	if p.dead.Load() == 0 {
		if len(nodes) == 1 {
			return nodes[0], nil
		}
		return p.selector.Select(nodes), nil
	}
	now := p.now()
	candidates := make([]*Node, 0, len(nodes))
	var soonest *Node
	var soonestAt time.Time
	for _, n := range nodes {
		n.mu.Lock()
		dead, until := n.dead, n.deadUntil
		n.mu.Unlock()
		if !dead || !now.Before(until) {
			candidates = append(candidates, n)
			continue
		}
		if soonest == nil || until.Before(soonestAt) {
			soonest, soonestAt = n, until
		}
	}
	if len(candidates) == 0 {
		first := p.forcing.CompareAndSwap(false, true)
		if p.onRevive != nil {
			p.onRevive(soonest, first)
		}
		return soonest, nil
	}
	if len(candidates) == 1 {
		return candidates[0], nil
	}
	return p.selector.Select(candidates), nil
}

// markDead records a failure of n and returns how long it stays dead.
func (p *pool) markDead(n *Node) time.Duration {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.failures++
	d := deadTimeout(p.deadFactor, p.deadMax, n.failures)
	if !n.dead {
		p.dead.Add(1)
	}
	n.dead = true
	n.deadUntil = p.now().Add(d)
	return d
}

// markAlive records a success of n; it reports whether n was dead.
func (p *pool) markAlive(n *Node) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	wasDead := n.dead
	if wasDead {
		p.dead.Add(-1)
		p.forcing.Store(false)
	}
	n.dead, n.failures, n.deadUntil = false, 0, time.Time{}
	return wasDead
}

// replace swaps in a new node list, keeping the Node (state and counters)
// of every URL that is still present.
func (p *pool) replace(addrs []Address) (added, removed []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	old := make(map[string]*Node, len(p.nodes))
	for _, n := range p.nodes {
		old[n.str] = n
	}
	next := make([]*Node, 0, len(addrs))
	seen := make(map[string]bool, len(addrs))
	for _, a := range addrs {
		key := a.URL.String()
		if seen[key] {
			continue
		}
		seen[key] = true
		if n, ok := old[key]; ok {
			next = append(next, n)
			delete(old, key)
			continue
		}
		n := newNode(a)
		// Sniffed nodes inherit the credentials of the seed nodes.
		for _, o := range p.nodes {
			if o.username != "" {
				n.username, n.password = o.username, o.password
				break
			}
		}
		next = append(next, n)
		added = append(added, key)
	}
	for k := range old {
		removed = append(removed, k)
	}
	p.nodes = next
	var dead int32
	for _, n := range next {
		n.mu.Lock()
		if n.dead {
			dead++
		}
		n.mu.Unlock()
	}
	p.dead.Store(dead)
	if int(dead) < len(next) {
		p.forcing.Store(false)
	}
	return added, removed
}
