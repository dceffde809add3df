package transport

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ParsePublishAddress splits an http.publish_address from the nodes info
// API. It is either "host:port" or "fqdn/ip:port"; in the second form the
// host is the fqdn (as the other clients do, so that TLS host names match).
// IPv6 addresses come in brackets: "[::1]:9200".
func ParsePublishAddress(s string) (host, port string, err error) {
	s = strings.TrimSpace(s)
	addr := s
	fqdn := ""
	if before, after, ok := strings.Cut(s, "/"); ok {
		fqdn, addr = before, after
	}
	h, p, err := net.SplitHostPort(addr)
	if err != nil {
		return "", "", fmt.Errorf("invalid publish_address %q: %w", s, err)
	}
	if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 || strings.Trim(p, "0123456789") != "" {
		return "", "", fmt.Errorf("invalid port in publish_address %q", s)
	}
	if !validHostName(h) || (fqdn != "" && !validHostName(fqdn)) {
		return "", "", fmt.Errorf("invalid host in publish_address %q", s)
	}
	if fqdn != "" {
		h = fqdn
	}
	return h, p, nil
}

// nodesInfo is the part of GET /_nodes/_all/http the transport reads.
type nodesInfo struct {
	Nodes map[string]struct {
		Roles []string `json:"roles"`
		HTTP  *struct {
			PublishAddress string `json:"publish_address"`
		} `json:"http"`
	} `json:"nodes"`
}

// sniffedAddresses returns the HTTP addresses of the nodes in info, with
// scheme and path prefix taken from base. Master-only nodes are skipped
// (they should not serve requests), as are nodes without HTTP.
func sniffedAddresses(info nodesInfo, base *url.URL) ([]Address, error) {
	var out []Address
	var errs []error
	ids := make([]string, 0, len(info.Nodes))
	for id := range info.Nodes {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		n := info.Nodes[id]
		if n.HTTP == nil || n.HTTP.PublishAddress == "" {
			continue
		}
		if len(n.Roles) == 1 && n.Roles[0] == "master" {
			continue
		}
		host, port, err := ParsePublishAddress(n.HTTP.PublishAddress)
		if err != nil {
			errs = append(errs, fmt.Errorf("node %s: %w", id, err))
			continue
		}
		u := &url.URL{Scheme: base.Scheme, Host: net.JoinHostPort(host, port), Path: base.Path}
		out = append(out, Address{URL: u})
	}
	if len(out) == 0 {
		if len(errs) > 0 {
			return nil, errors.Join(errs...)
		}
		return nil, errors.New("the cluster listed no node with HTTP enabled")
	}
	return out, nil
}

// Sniff discovers the cluster's nodes now (GET /_nodes/_all/http) and
// replaces the pool with them, keeping the state of nodes already known.
// Only one discovery runs at a time: a call made while another runs returns
// nil at once. The error is a *SniffError naming the node asked last.
func (t *Transport) Sniff(ctx context.Context) error {
	if !t.sniffing.CompareAndSwap(false, true) {
		return nil
	}
	defer t.sniffing.Store(false)
	for {
		err := t.sniffOnce(ctx)
		// A node failed while this sniff ran: its answer may predate the
		// failure, so look again.
		if !t.sniffAgain.Swap(false) || ctx.Err() != nil {
			return err
		}
	}
}

func (t *Transport) sniffOnce(ctx context.Context) error {
	t.lastSniff.Store(time.Now().UnixNano())
	nodes := slices.Clone(t.pool.snapshot())
	// Ask the alive nodes first.
	slices.SortStableFunc(nodes, func(a, b *Node) int {
		sa, sb := a.Stats().Alive, b.Stats().Alive
		switch {
		case sa == sb:
			return 0
		case sa:
			return -1
		}
		return 1
	})
	var lastErr error
	for _, n := range nodes {
		addrs, err := t.sniffFrom(ctx, n)
		if err != nil {
			lastErr = &SniffError{Node: n.URL(), Err: err}
			if ctx.Err() != nil {
				break
			}
			continue
		}
		added, removed := t.pool.replace(addrs)
		t.logger.Info("esgo: sniffed nodes", "nodes", len(addrs), "added", added, "removed", removed)
		t.followUp(len(addrs))
		return nil
	}
	if lastErr == nil {
		lastErr = &SniffError{Err: ErrNoNodes}
	}
	return lastErr
}

func (t *Transport) sniffFrom(ctx context.Context, n *Node) ([]Address, error) {
	ctx, cancel := context.WithTimeout(ctx, t.cfg.sniffTimeout)
	defer cancel()
	hdr := t.headers(&Request{}, false, false, true)
	resp, _, err := t.attempt(ctx, n, &Request{Method: http.MethodGet, Path: "/_nodes/_all/http"}, hdr, nil, nil, true)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		_ = resp.Close()
		return nil, fmt.Errorf("status %d", resp.StatusCode)
	}
	var info nodesInfo
	if err := resp.Decode(&info); err != nil {
		return nil, err
	}
	return sniffedAddresses(info, n.url)
}

// sniffAsync starts a discovery in the background unless one is running.
// followUp schedules another sniff when the cluster listed fewer nodes than
// it did before: a restarting node comes back without any request failing,
// so nothing else would look for it. It looks again every
// WithMinSniffInterval, up to 30 times, then takes the smaller cluster as
// the new normal.
func (t *Transport) followUp(n int) {
	cfg := t.cfg
	if !cfg.sniffOnStart && !cfg.sniffOnFailure && cfg.sniffInterval <= 0 {
		return
	}
	for {
		m := t.sniffMax.Load()
		if int64(n) <= m || t.sniffMax.CompareAndSwap(m, int64(n)) {
			break
		}
	}
	if int64(n) >= t.sniffMax.Load() {
		t.sniffMisses.Store(0)
		return
	}
	if t.sniffMisses.Add(1) > 30 {
		t.sniffMax.Store(int64(n))
		t.sniffMisses.Store(0)
		return
	}
	if !t.sniffFollow.CompareAndSwap(false, true) {
		return
	}
	time.AfterFunc(max(cfg.minSniffInterval, 10*time.Millisecond), func() {
		t.sniffFollow.Store(false)
		t.sniffAsync(false)
	})
}

func (t *Transport) sniffAsync(afterFailure bool) {
	if t.sniffing.Load() {
		if afterFailure {
			t.sniffAgain.Store(true)
		}
		return
	}
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*t.cfg.sniffTimeout)
		defer cancel()
		if err := t.Sniff(ctx); err != nil {
			t.logger.Warn("esgo: sniffing failed", "error", err)
		}
	}()
}
