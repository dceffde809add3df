package yamltest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/esgo/esgo/transport"
)

// Server is what a server says about itself, read once at the start of a
// run: the runner decides that "the server lacks this" from these facts and
// from the tables of modules in modules.go, never from error texts.
type Server struct {
	// Product is "elasticsearch" or "opensearch" (version.distribution).
	Product string
	// Version is the node's version, e.g. "9.5.3".
	Version string
	// BuildFlavor is the node's build flavour ("default", "oss" ...), if it
	// reports one.
	BuildFlavor string
	// Modules holds the names of the node's modules and plugins.
	Modules map[string]bool
	// Settings holds the node's settings, flat ("xpack.security.enabled").
	Settings map[string]string

	tr     transport.Interface
	mu     sync.Mutex
	routes map[string]string // "METHOD path" -> how Allows decided, ending ": yes" or ": no"
}

// Discover asks the server about itself with GET /_nodes/_local (version,
// build flavour, modules, plugins, settings), a route every version and
// product has.
func Discover(ctx context.Context, tr transport.Interface) (*Server, error) {
	resp, err := tr.Perform(ctx, &transport.Request{Method: http.MethodGet, Path: "/_nodes/_local",
		Query:  map[string][]string{"flat_settings": {"true"}, "filter_path": {"nodes.*.version,nodes.*.build_flavor,nodes.*.modules.name,nodes.*.plugins.name,nodes.*.settings"}},
		Header: http.Header{"Accept": {"application/json"}}})
	if err != nil {
		return nil, fmt.Errorf("GET /_nodes/_local: %w", err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET /_nodes/_local: status %d: %s", resp.StatusCode, cut(b))
	}
	var body struct {
		Nodes map[string]struct {
			Version     string                  `json:"version"`
			BuildFlavor string                  `json:"build_flavor"`
			Settings    map[string]any          `json:"settings"`
			Modules     []struct{ Name string } `json:"modules"`
			Plugins     []struct{ Name string } `json:"plugins"`
		} `json:"nodes"`
	}
	if err := json.Unmarshal(b, &body); err != nil {
		return nil, fmt.Errorf("GET /_nodes/_local: %w", err)
	}
	s := &Server{Product: "elasticsearch", Modules: map[string]bool{}, Settings: map[string]string{}, tr: tr, routes: map[string]string{}}
	for _, n := range body.Nodes {
		s.Version, s.BuildFlavor = n.Version, n.BuildFlavor
		for _, m := range append(n.Modules, n.Plugins...) {
			s.Modules[m.Name] = true
		}
		for k, v := range n.Settings {
			s.Settings[k] = text(v)
		}
		break
	}
	if s.Version == "" {
		return nil, fmt.Errorf("GET /_nodes/_local named no node: %s", cut(b))
	}
	if d := resp.Header.Get("X-OpenSearch-Version"); d != "" || s.Modules["opensearch-dashboards"] {
		s.Product = "opensearch"
	}
	return s, nil
}

// String describes the server in one line, for reports.
func (s *Server) String() string {
	return fmt.Sprintf("%s %s (flavour %q, modules: %s)", s.Product, s.Version, s.BuildFlavor, strings.Join(s.moduleList(), ", "))
}

func (s *Server) moduleList() []string {
	out := make([]string, 0, len(s.Modules))
	for m := range s.Modules {
		out = append(out, m)
	}
	sort.Strings(out)
	return out
}

// suiteMajor is the major version the YAML tests (and the specification of
// the dispatch table) are written for.
const suiteMajor = 9

// Major returns the major of the server's version (0 when unknown).
func (s *Server) Major() int {
	major, _, _ := strings.Cut(s.Version, ".")
	n, _ := strconv.Atoi(major)
	return n
}

// SecurityEnabled reports whether security is on: the x-pack-security
// module is there and xpack.security.enabled is not false.
func (s *Server) SecurityEnabled() bool {
	return s.Modules["x-pack-security"] && s.Settings["xpack.security.enabled"] != "false"
}

// missing returns the modules of needs the server does not have.
func (s *Server) missing(needs []string) []string {
	var out []string
	for _, m := range needs {
		if !s.Modules[m] && !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	return out
}

// Allows reports whether the server has a route for method on path, as
// the server itself says: GET /_capabilities?method=...&path=... (8.15 and
// later, which weighs only the routes of the current REST version), else
// its answer to OPTIONS path (the methods it routes in Allow). The answer
// is cached per method and path.
func (s *Server) Allows(ctx context.Context, method, path string) (allowed bool, how string, err error) {
	key := method + " " + path
	s.mu.Lock()
	how, ok := s.routes[key]
	s.mu.Unlock()
	if ok {
		return strings.HasSuffix(how, ": yes"), how, nil
	}
	allowed, how, err = s.probe(ctx, method, path)
	if err != nil {
		return false, "", err
	}
	if allowed {
		how += ": yes"
	} else {
		how += ": no"
	}
	s.mu.Lock()
	s.routes[key] = how
	s.mu.Unlock()
	return allowed, how, nil
}

func (s *Server) probe(ctx context.Context, method, path string) (bool, string, error) {
	resp, err := s.tr.Perform(ctx, &transport.Request{Method: http.MethodGet, Path: "/_capabilities",
		Query:  url.Values{"method": {method}, "path": {path}},
		Header: http.Header{"Accept": {"application/json"}}, Ignore: allErrorStatuses})
	if err != nil {
		return false, "", err
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var caps struct {
		Supported *bool `json:"supported"`
	}
	if resp.StatusCode == http.StatusOK && json.Unmarshal(b, &caps) == nil && caps.Supported != nil {
		return *caps.Supported, "_capabilities " + method + " " + path, nil
	}
	resp, err = s.tr.Perform(ctx, &transport.Request{Method: http.MethodOptions, Path: path, Ignore: allErrorStatuses})
	if err != nil {
		return false, "", err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode >= 500 {
		return false, "", fmt.Errorf("OPTIONS %s: status %d", path, resp.StatusCode)
	}
	var methods []string
	if resp.StatusCode == http.StatusOK {
		for _, m := range strings.Split(resp.Header.Get("Allow"), ",") {
			if m = strings.TrimSpace(m); m != "" {
				methods = append(methods, m)
			}
		}
	}
	return slices.Contains(methods, method), fmt.Sprintf("OPTIONS %s allows %v", path, methods), nil
}
