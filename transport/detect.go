package transport

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Product identifies the server software.
type Product string

// Known products.
const (
	ProductUnknown       Product = ""
	ProductElasticsearch Product = "Elasticsearch"
	ProductOpenSearch    Product = "OpenSearch"
)

// ServerInfo describes the server, as detected from its first responses.
type ServerInfo struct {
	// Product is Elasticsearch, OpenSearch or unknown.
	Product Product
	// Version is the version number, e.g. "9.5.3" ("" when unknown).
	Version string
	// Major and Minor are parsed from Version (0 when unknown).
	Major, Minor int
	// Node is the URL of the node that answered.
	Node string
}

// ServerInfo returns the detected server product and version, detecting it
// now if that has not been done (or failed before).
func (t *Transport) ServerInfo(ctx context.Context) (ServerInfo, error) {
	if info := t.info.Load(); info != nil {
		return *info, nil
	}
	return t.detect(ctx)
}

// detect identifies the server. It asks GET / (version and distribution),
// and, when that is refused (the minimal Elasticsearch distribution answers
// 405, a restricted user 403), GET /_nodes/_local with filter_path, which
// every version and product answers. The product comes from the
// X-Elastic-Product header (Elasticsearch 7.14+), the X-OpenSearch-Version
// header or version.distribution (OpenSearch), or the tagline for
// Elasticsearch before 7.14.
func (t *Transport) detect(ctx context.Context) (ServerInfo, error) {
	// One detection at a time; a request waiting for another's detection
	// keeps its own deadline.
	select {
	case t.infoSem <- struct{}{}:
	case <-ctx.Done():
		return ServerInfo{}, ctx.Err()
	}
	defer func() { <-t.infoSem }()
	if info := t.info.Load(); info != nil {
		return *info, nil
	}
	info, err := t.detectOnce(ctx)
	if err != nil {
		// Try again on a later request, but not on every one.
		t.infoNext.Store(time.Now().Add(time.Second).UnixNano())
		t.logger.Debug("esgo: server detection failed", "error", err)
		return ServerInfo{}, err
	}
	t.info.Store(&info)
	t.logger.Debug("esgo: detected server", "product", info.Product, "version", info.Version, "node", info.Node)
	if info.Product != ProductElasticsearch && t.cfg.productCheck == ProductCheckWarn && t.warnedProduct.CompareAndSwap(false, true) {
		t.logger.Warn("esgo: the server is not Elasticsearch", "product", string(info.Product), "version", info.Version, "node", info.Node)
	}
	return info, nil
}

func (t *Transport) detectOnce(ctx context.Context) (ServerInfo, error) {
	zero := 0
	resp, err := t.perform(ctx, &Request{Method: http.MethodGet, Path: "/", MaxRetries: &zero}, true)
	if err != nil {
		return ServerInfo{}, err
	}
	info := ServerInfo{Node: resp.Node, Product: productFromHeader(resp.Header)}
	if resp.StatusCode == http.StatusOK {
		var root struct {
			Version struct {
				Number       string `json:"number"`
				Distribution string `json:"distribution"`
			} `json:"version"`
			Tagline string `json:"tagline"`
		}
		if err := resp.Decode(&root); err == nil && root.Version.Number != "" {
			info.Version = root.Version.Number
			switch {
			case root.Version.Distribution == "opensearch":
				info.Product = ProductOpenSearch
			case info.Product == ProductUnknown && root.Tagline == "You Know, for Search" && root.Version.Distribution == "":
				// Elasticsearch before 7.14 sends no product header.
				if major, minor := parseVersion(info.Version); major > 0 && (major < 7 || major == 7 && minor < 14) {
					info.Product = ProductElasticsearch
				}
			}
			info.Major, info.Minor = parseVersion(info.Version)
			return info, nil
		}
	} else {
		_ = resp.Close()
	}
	resp, err = t.perform(ctx, &Request{Method: http.MethodGet, Path: "/_nodes/_local",
		Query: map[string][]string{"filter_path": {"nodes.*.version"}}, MaxRetries: &zero}, true)
	if err != nil {
		return ServerInfo{}, err
	}
	if info.Product == ProductUnknown {
		info.Product = productFromHeader(resp.Header)
	}
	if resp.StatusCode != http.StatusOK {
		_ = resp.Close()
		if info.Product != ProductUnknown {
			return info, nil // product known, version not: good enough
		}
		return ServerInfo{}, errors.New("server detection: GET / and GET /_nodes/_local answered status " + strconv.Itoa(resp.StatusCode))
	}
	var nodes struct {
		Nodes map[string]struct {
			Version string `json:"version"`
		} `json:"nodes"`
	}
	if err := resp.Decode(&nodes); err != nil {
		return ServerInfo{}, err
	}
	for _, n := range nodes.Nodes {
		info.Version = n.Version
		break
	}
	info.Major, info.Minor = parseVersion(info.Version)
	return info, nil
}

func productFromHeader(h http.Header) Product {
	if h.Get("X-Elastic-Product") == "Elasticsearch" {
		return ProductElasticsearch
	}
	if h.Get("X-OpenSearch-Version") != "" {
		return ProductOpenSearch
	}
	return ProductUnknown
}

// parseVersion returns the major and minor of "9.5.3" or "8.0.0-SNAPSHOT".
func parseVersion(v string) (major, minor int) {
	parts := strings.SplitN(v, ".", 3)
	if len(parts) < 2 {
		return 0, 0
	}
	major, err1 := strconv.Atoi(parts[0])
	minor, err2 := strconv.Atoi(strings.TrimFunc(parts[1], func(r rune) bool { return r < '0' || r > '9' }))
	if err1 != nil || err2 != nil {
		return 0, 0
	}
	return major, minor
}

// checkProduct enforces ProductCheckStrict on a 2xx response.
func (t *Transport) checkProduct(resp *Response) error {
	if t.cfg.productCheck != ProductCheckStrict {
		return nil
	}
	if p := productFromHeader(resp.Header); p != ProductElasticsearch {
		if p == ProductUnknown {
			if info := t.info.Load(); info != nil && info.Product == ProductElasticsearch {
				return nil // Elasticsearch before 7.14, identified by GET /
			}
		}
		return &ProductError{Node: resp.Node, Product: p}
	}
	return nil
}
