package yamltest

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/transport"
)

// Outcome is how a test ended.
type Outcome string

// The outcomes of a test.
const (
	Passed  Outcome = "passed"
	Failed  Outcome = "failed"
	Skipped Outcome = "skipped"
)

// Result is the outcome of one test.
type Result struct {
	File, Test string
	Outcome    Outcome
	// Reason says why a test was skipped or how it failed.
	Reason   string
	Duration time.Duration
}

// Runner runs YAML tests against one server. It is not safe for concurrent
// use: tests share the server and run one at a time.
type Runner struct {
	api    *api.API
	tr     transport.Interface
	rec    *recorder
	logger *slog.Logger
	base   *baseline
	server *Server
}

// recorder remembers the method and path of the last request sent, so
// that the runner can ask the server whether it has that route.
type recorder struct {
	next         transport.Interface
	mu           sync.Mutex
	method, path string
	body         any
}

func (r *recorder) Perform(ctx context.Context, req *transport.Request) (*transport.Response, error) {
	body := req.Body
	if rd, ok := body.(io.Reader); ok {
		// Keep a copy of a streamed body, and send the copy.
		b, err := io.ReadAll(rd)
		if err != nil {
			return nil, err
		}
		req.Body, body = b, b
	}
	r.mu.Lock()
	r.method, r.path, r.body = req.Method, req.Path, body
	r.mu.Unlock()
	return r.next.Perform(ctx, req)
}

// lastBody returns the body of the last request sent, as the client gave
// it to the transport.
func (r *recorder) lastBody() any {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.body
}

func (r *recorder) last() (method, path string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.method, r.path
}

// New returns a Runner sending its requests through t. The transport must
// return error statuses as responses, or at least honour
// transport.Request.Ignore, which the runner fills with every 4xx and 5xx.
func New(t transport.Interface, logger *slog.Logger) *Runner {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	rec := &recorder{next: t}
	return &Runner{api: api.New(rec), tr: t, rec: rec, logger: logger}
}

// Server returns what the server said about itself when the runner first
// asked (at its first test), asking now if it has not yet.
func (r *Runner) Server(ctx context.Context) (*Server, error) {
	if r.server == nil {
		s, err := Discover(ctx, r.tr)
		if err != nil {
			return nil, err
		}
		r.server = s
	}
	return r.server, nil
}

// allErrorStatuses asks a transport that turns statuses into errors to
// return them as responses instead.
var allErrorStatuses = func() []int {
	s := make([]int, 0, 200)
	for c := 400; c < 600; c++ {
		s = append(s, c)
	}
	return s
}()

// skipError ends a test as skipped.
type skipError struct{ reason string }

func (e *skipError) Error() string { return "skipped: " + e.reason }

func skipf(format string, args ...any) error {
	return &skipError{reason: fmt.Sprintf(format, args...)}
}

// state is what the steps of one test share.
type state struct {
	// lastAPI and lastArgs are the API and arguments of the last do step.
	lastAPI  string
	lastArgs map[string]any
	stash    stash
	body     any // the last response, decoded
	status   int // the status of the last response
	// mentioned holds every name the test's do steps use (suiteNames).
	mentioned map[string]bool
	warnings  []string
	// endpoint answered the last response; typed is that response decoded
	// into its typed API response and encoded back (see typed.go), set
	// when hasTyped.
	endpoint string
	typed    any
	hasTyped bool
}

// Run runs one test of a suite with the suite's setup and teardown, then
// removes what the test left on the server.
func (r *Runner) Run(ctx context.Context, s *Suite, t *Test) Result {
	start := time.Now()
	res := Result{File: s.File, Test: t.Name}
	if _, err := r.Server(ctx); err != nil {
		res.Outcome, res.Reason = Failed, "asking the server about itself: "+err.Error()
		return res
	}
	if r.base == nil {
		b, err := r.snapshot(ctx)
		if err != nil {
			res.Outcome, res.Reason = Failed, "taking the server's baseline: "+err.Error()
			return res
		}
		r.base = b
	}
	err := requiresSkip(s.Requires)
	st := &state{stash: stash{}, mentioned: suiteNames(s, t)}
	if err == nil {
		if err = r.steps(ctx, st, s.Setup); err != nil {
			var skip *skipError
			if !errors.As(err, &skip) {
				err = fmt.Errorf("setup: %w", err)
			}
		}
	}
	if err == nil {
		err = r.steps(ctx, st, t.Steps)
	}
	if len(s.Teardown) > 0 {
		if terr := r.steps(ctx, &state{stash: st.stash}, s.Teardown); terr != nil {
			r.logger.Debug("teardown", "file", s.File, "test", t.Name, "err", terr)
		}
	}
	if werr := r.wipe(ctx, suiteNames(s, t)); werr != nil {
		r.logger.Warn("cleaning up after test", "file", s.File, "test", t.Name, "err", werr)
	}
	res.Duration = time.Since(start)
	var skip *skipError
	switch {
	case err == nil:
		res.Outcome = Passed
	case errors.As(err, &skip):
		res.Outcome, res.Reason = Skipped, skip.reason
	default:
		res.Outcome, res.Reason = Failed, err.Error()
	}
	return res
}

func requiresSkip(req map[string]any) error {
	if req == nil {
		return nil
	}
	if v, ok := req["stack"]; ok && v != true {
		return skipf("requires: not meant for a stack (self-managed) server")
	}
	// Feature flags are off in released builds (and the test servers are
	// released builds): such a test is for snapshot builds.
	if v, ok := req["feature_flag"]; ok && v != nil && v != false {
		return skipf("requires: feature flag %v, which released builds do not enable", v)
	}
	return nil
}

func (r *Runner) steps(ctx context.Context, st *state, steps []Step) error {
	for _, s := range steps {
		if err := r.step(ctx, st, s); err != nil {
			var skip *skipError
			if errors.As(err, &skip) {
				return err
			}
			// An assertion on the answer of an API whose module the server
			// lacks: that answer came from another route it fell through to
			// (GET /_nodes/{id}/_repositories_metering is read as nodes info).
			if s.Kind != "do" && st.lastAPI != "" {
				if reason := r.lacksModule(st.lastAPI, st.lastArgs); reason != "" {
					return &skipError{reason: reason + "; the answer asserted on is not that API's"}
				}
				if reason := r.answerLacks(ctx, st); reason != "" {
					return &skipError{reason: reason}
				}
			}
			return fmt.Errorf("line %d: %s: %w", s.Line, s.Kind, err)
		}
	}
	return nil
}

// lookup walks path in the last response; "$status" is its HTTP status.
func (st *state) lookup(path string) (any, bool, error) {
	if path == "$status" {
		return int64(st.status), st.status != 0, nil
	}
	return st.stash.lookup(st.body, path)
}

// pairs returns the key/value pairs of a map step in file order.
func pairs(s Step) ([][2]any, error) {
	m, ok := s.Args.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("expected a mapping, got %T", s.Args)
	}
	out := make([][2]any, 0, len(s.Keys))
	for _, k := range s.Keys {
		out = append(out, [2]any{k, m[k]})
	}
	return out, nil
}

func pathArg(v any) string {
	if v == nil {
		return ""
	}
	s, _ := scalarText(v)
	return s
}

func (r *Runner) step(ctx context.Context, st *state, s Step) error {
	switch s.Kind {
	case "do":
		return r.do(ctx, st, s)
	case "skip":
		return skipStep(s.Args, r.server.Version)
	case "set", "transform_and_set":
		ps, err := pairs(s)
		if err != nil {
			return err
		}
		for _, p := range ps {
			path, name := p[0].(string), pathArg(p[1])
			if s.Kind == "set" {
				v, ok, err := st.lookup(path)
				if err != nil {
					return err
				}
				if !ok {
					return fmt.Errorf("set: %q is not in the response %s", path, brief(st.body))
				}
				st.stash[name] = v
				continue
			}
			// transform_and_set: {name: "#function(path,...)"}
			v, err := r.transform(st, name)
			if err != nil {
				return err
			}
			st.stash[path] = v
		}
		return nil
	case "match", "length", "gt", "gte", "lt", "lte", "contains":
		ps, err := pairs(s)
		if err != nil {
			return err
		}
		for _, p := range ps {
			if err := assert(st, s.Kind, p[0].(string), p[1], r.server); err != nil {
				return err
			}
			if err := checkTyped(st, s.Kind, p[0].(string)); err != nil {
				return err
			}
		}
		return nil
	case "is_true", "is_false", "exists":
		path := pathArg(s.Args)
		v, ok, err := st.lookup(path)
		if err != nil {
			return err
		}
		switch s.Kind {
		case "is_true":
			if !truthy(v, ok) {
				return fmt.Errorf("%q is not true: %s (in %s)", path, brief(v), brief(st.body))
			}
		case "is_false":
			if truthy(v, ok) {
				return fmt.Errorf("%q is not false: %s", path, brief(v))
			}
		case "exists":
			if !ok || v == nil {
				return fmt.Errorf("%q does not exist in %s", path, brief(st.body))
			}
		}
		return checkTyped(st, s.Kind, path)
	}
	return fmt.Errorf("unknown step type %q", s.Kind)
}

var transformRE = regexp.MustCompile(`^#(\w+)\((.*)\)$`)

func (r *Runner) transform(st *state, expr string) (any, error) {
	m := transformRE.FindStringSubmatch(strings.TrimSpace(expr))
	if m == nil {
		return nil, fmt.Errorf("transform_and_set: cannot read %q", expr)
	}
	var args []string
	for _, a := range strings.Split(m[2], ",") {
		a = strings.TrimSpace(a)
		v, ok, err := st.lookup(a)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, fmt.Errorf("transform_and_set: %q is not in the response", a)
		}
		args = append(args, text(v))
	}
	switch m[1] {
	case "base64EncodeCredentials":
		return base64.StdEncoding.EncodeToString([]byte(strings.Join(args, ":"))), nil
	}
	return nil, fmt.Errorf("transform_and_set: unknown function %q", m[1])
}

// supportedFeatures are the runner features a skip step may ask for.
var supportedFeatures = map[string]bool{
	"headers": true, "catch_unauthorized": true, "contains": true, "allowed_warnings": true,
	"allowed_warnings_regex": true, "warnings": true, "warnings_regex": true, "stash_in_path": true,
	"stash_in_key": true, "transform_and_set": true, "arbitrary_key": true, "regex": true,
	"default_shards": true, "stash_path_replace": true, "node_selector": true, "exists": true,
}

func skipStep(args any, version string) error {
	m, _ := args.(map[string]any)
	reason, _ := m["reason"].(string)
	if f, ok := m["features"]; ok {
		var list []any
		switch x := f.(type) {
		case []any:
			list = x
		default:
			list = []any{x}
		}
		for _, feat := range list {
			if name, _ := feat.(string); !supportedFeatures[name] {
				return skipf("needs runner feature %q", name)
			}
		}
	}
	if _, ok := m["awaits_fix"]; ok {
		return skipf("awaits fix: %v", m["awaits_fix"])
	}
	if v, ok := m["version"].(string); ok && versionInRange(v, version) {
		return skipf("skipped for version %s: %s", v, reason)
	}
	return nil
}

// versionInRange reports whether version falls in a skip range such as
// "all", " - 8.0.0" or "9.0.0 - 9.9.99" (several ranges separated by ",").
func versionInRange(ranges, version string) bool {
	for _, rg := range strings.Split(ranges, ",") {
		rg = strings.TrimSpace(rg)
		if rg == "all" {
			return true
		}
		lo, hi, ok := strings.Cut(rg, "-")
		if !ok {
			continue
		}
		lo, hi = strings.TrimSpace(lo), strings.TrimSpace(hi)
		if (lo == "" || compareVersions(lo, version) <= 0) && (hi == "" || compareVersions(version, hi) <= 0) {
			return true
		}
	}
	return false
}

func compareVersions(a, b string) int {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) || i < len(bs); i++ {
		var x, y int
		if i < len(as) {
			x, _ = strconv.Atoi(as[i])
		}
		if i < len(bs) {
			y, _ = strconv.Atoi(bs[i])
		}
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	return 0
}

func assert(st *state, kind, path string, expected any, server *Server) error {
	exp, err := st.stash.resolve(expected)
	if err != nil {
		return err
	}
	actual, ok, err := st.lookup(path)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%q is not in the response %s", path, brief(st.body))
	}
	switch kind {
	case "match":
		if s, isStr := exp.(string); isStr && isRegex(s) {
			re, err := compileRegex(s)
			if err != nil {
				return fmt.Errorf("bad regex %q: %w", s, err)
			}
			if !re.MatchString(text(actual)) {
				return fmt.Errorf("%q = %s does not match %s", path, brief(actual), s)
			}
			return nil
		}
		if !equal(exp, actual) {
			return fmt.Errorf("%q = %s, want %s", path, brief(actual), brief(exp))
		}
	case "length":
		n := -1
		switch a := actual.(type) {
		case []any:
			n = len(a)
		case map[string]any:
			n = len(a)
		case string:
			n = len(a)
		}
		want, okNum := number(exp, false)
		if n < 0 || !okNum || want.Cmp(bigInt(n)) != 0 {
			return fmt.Errorf("length of %q is %d, want %s", path, n, text(exp))
		}
	case "gt", "gte", "lt", "lte":
		a, ok1 := number(actual, false)
		e, ok2 := number(exp, false)
		if !ok1 || !ok2 {
			return fmt.Errorf("%s: cannot compare %s with %s", kind, brief(actual), brief(exp))
		}
		c := a.Cmp(e)
		if (kind == "gt" && c <= 0) || (kind == "gte" && c < 0) || (kind == "lt" && c >= 0) || (kind == "lte" && c > 0) {
			return fmt.Errorf("%q = %s is not %s %s", path, text(actual), kind, text(exp))
		}
	case "contains":
		if !containsValue(actual, exp) {
			// A test checking that a module is loaded, on a server whose
			// _nodes did not list it at the start.
			if em, ok := exp.(map[string]any); ok && (strings.HasSuffix(path, ".modules") || strings.HasSuffix(path, ".plugins")) {
				if name, _ := em["name"].(string); name != "" && !server.Modules[name] {
					return skipf("module %s is not on the server (its _nodes does not list it)", name)
				}
			}
			return fmt.Errorf("%q = %s does not contain %s", path, brief(actual), brief(exp))
		}
	}
	return nil
}

// brief renders a value for an error message, cut at 300 characters.
func brief(v any) string {
	var s string
	switch x := v.(type) {
	case string:
		s = strconv.Quote(x)
	default:
		b, err := json.Marshal(v)
		if err != nil {
			s = fmt.Sprint(v)
		} else {
			s = string(b)
		}
	}
	if len(s) > 300 {
		s = s[:300] + "..."
	}
	return s
}

// commonParams are accepted by every endpoint; they travel as options.
var commonParams = []string{"pretty", "human", "error_trace", "filter_path", "source"}

func (r *Runner) do(ctx context.Context, st *state, s Step) error {
	var ps [][2]any
	if name, ok := s.Args.(string); ok {
		// "do: cat.aliases": an API without arguments.
		ps = [][2]any{{name, nil}}
	} else {
		var err error
		if ps, err = pairs(s); err != nil {
			return err
		}
	}
	var (
		catch                 string
		apiName               string
		apiArgs               any
		opts                  = []api.Option{api.WithIgnore(allErrorStatuses...)}
		warnings, allowedWarn []string
	)
	for _, p := range ps {
		k := p[0].(string)
		switch k {
		case "catch":
			catch = pathArg(p[1])
		case "headers":
			hm, _ := p[1].(map[string]any)
			for hk, hv := range hm {
				v, err := st.stash.resolve(hv)
				if err != nil {
					return err
				}
				opts = append(opts, api.WithHeader(hk, text(v)))
			}
		case "warnings", "allowed_warnings":
			for _, w := range asList(p[1]) {
				pat := regexp.QuoteMeta(text(w))
				if k == "warnings" {
					warnings = append(warnings, pat)
				} else {
					allowedWarn = append(allowedWarn, pat)
				}
			}
		case "warnings_regex", "allowed_warnings_regex":
			for _, w := range asList(p[1]) {
				if k == "warnings_regex" {
					warnings = append(warnings, text(w))
				} else {
					allowedWarn = append(allowedWarn, text(w))
				}
			}
		case "node_selector":
		default:
			if apiName != "" {
				return fmt.Errorf("two APIs in one do step: %s and %s", apiName, k)
			}
			apiName, apiArgs = k, p[1]
		}
	}
	call, ok := endpoints[apiName]
	if !ok {
		// An API newer than the specification the client is generated
		// from: the client cannot send it, whatever the server has.
		return skipf("API %s is not in the client's specification (rest-api-spec 9.5.3)", apiName)
	}
	resolved, err := st.stash.resolve(apiArgs)
	if err != nil {
		return err
	}
	args, _ := resolved.(map[string]any)
	if args == nil {
		args = map[string]any{}
	}
	st.lastAPI, st.lastArgs = apiName, args
	// Common parameters (source, filter_path ...) stay among the
	// arguments: an endpoint with a path part or parameter of that name
	// (indices.create_from's source) takes it, and the others are sent as
	// raw query parameters.
	if mod, what := dangerous(apiName, args); mod != "" && r.server.Modules["x-pack-esql"] && !r.server.Modules[mod] {
		return skipf("%s: %s needs module %s, which the server lacks (its _nodes does not list it); without it the node dies, so the query is not sent", apiName, what, mod)
	}
	var ignore []int
	for _, v := range asList(args["ignore"]) {
		if n, ok := number(v, false); ok {
			i, _ := n.Int64()
			ignore = append(ignore, int(i))
		}
	}
	delete(args, "ignore")
	if list, ok := args["body"].([]any); ok && ndjsonEndpoints[apiName] {
		args["body"] = ndjsonText(list)
	}

	st.body, st.warnings, st.status = nil, nil, 0
	st.endpoint, st.typed, st.hasTyped = apiName, nil, false
	prm := newParams(apiName, args)
	out, err := call(ctx, r.api, prm, opts)
	if unknown := slices.DeleteFunc(slices.Clone(prm.Unknown), func(k string) bool { return slices.Contains(commonParams, k) }); len(unknown) > 0 {
		r.logger.Info("parameters missing from the specification sent as raw query parameters", "api", apiName, "params", unknown)
	}
	var pe *paramError
	if errors.As(err, &pe) {
		if catch == "param" {
			return nil
		}
		return err
	}
	status, raw := 0, []byte(nil)
	var use *transport.Error
	switch {
	case errors.As(err, &use):
		status, raw = use.Status, use.Body
	case err != nil:
		return fmt.Errorf("%s: %w", apiName, err)
	}
	switch v := out.(type) {
	case bool:
		// A HEAD endpoint: false (404) is an answer, not an error.
		st.body, st.status = v, http.StatusOK
		if !v {
			st.status = http.StatusNotFound
		}
		switch {
		case catch == "":
			return nil
		case catch == "missing" && !v:
			return nil
		}
		return fmt.Errorf("%s: expected catch %s, got %v", apiName, catch, v)
	case *transport.Response:
		if v == nil {
			break
		}
		status = v.StatusCode
		st.warnings = warningTexts(v.Warnings)
		raw, err = io.ReadAll(v.Body)
		v.Body.Close()
		if err != nil {
			return fmt.Errorf("%s: reading the response: %w", apiName, err)
		}
		st.body = decodeBody(v.Header.Get("Content-Type"), raw)
	}

	st.status = status
	if status >= 400 && slices.Contains(ignore, status) {
		st.body = decodeBody("application/json", raw)
		return nil
	}
	if status >= 400 {
		if st.body == nil {
			st.body = decodeBody("application/json", raw)
		}
		if catch != "" && catchMatches(catch, status, raw) {
			return nil
		}
		if reason := r.lacks(ctx, apiName, args, status, raw); reason != "" {
			return &skipError{reason: reason}
		}
		if catch != "" {
			return fmt.Errorf("%s: expected catch %s, got status %d: %s", apiName, catch, status, cut(raw))
		}
		return fmt.Errorf("%s: status %d: %s", apiName, status, cut(raw))
	}
	if catch != "" {
		return fmt.Errorf("%s: expected catch %s, got status %d", apiName, catch, status)
	}
	if _, isJSON := st.body.(map[string]any); isJSON || isList(st.body) {
		typed, ok, err := typedBody(apiName, raw)
		if err != nil {
			return err
		}
		st.typed, st.hasTyped = typed, ok
	}
	for _, w := range warnings {
		if !hasWarning(st.warnings, w) {
			return fmt.Errorf("%s: expected a warning matching %q, got %q", apiName, w, st.warnings)
		}
	}
	for _, h := range st.warnings {
		if !matchesAny(h, warnings) && !matchesAny(h, allowedWarn) {
			r.logger.Debug("unexpected warning", "api", apiName, "warning", h)
		}
	}
	return nil
}

func matchesAny(warning string, patterns []string) bool {
	return hasWarning([]string{warning}, patterns...)
}

func asList(v any) []any {
	if l, ok := v.([]any); ok {
		return l
	}
	if v == nil {
		return nil
	}
	return []any{v}
}

// ndjsonText turns a YAML list into NDJSON: strings are lines as they are,
// other values are JSON-encoded.
func ndjsonText(list []any) string {
	var b strings.Builder
	for _, e := range list {
		if s, ok := e.(string); ok {
			b.WriteString(strings.TrimSpace(s))
		} else {
			data, _ := json.Marshal(e)
			b.Write(data)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func decodeBody(contentType string, raw []byte) any {
	if len(bytes.TrimSpace(raw)) == 0 {
		return ""
	}
	if strings.Contains(contentType, "json") {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err == nil {
			return v
		}
	}
	return string(raw)
}

func cut(raw []byte) string {
	s := string(raw)
	if len(s) > 500 {
		s = s[:500] + "..."
	}
	return s
}

// warningTexts extracts the quoted messages of Warning headers.
func warningTexts(headers []string) []string {
	var out []string
	for _, h := range headers {
		if i, j := strings.Index(h, `"`), strings.LastIndex(h, `"`); i >= 0 && j > i {
			h = h[i+1 : j]
		}
		out = append(out, strings.ReplaceAll(h, `\"`, `"`))
	}
	return out
}

// hasWarning reports whether one of the warnings matches one of the
// regular expressions.
func hasWarning(have []string, patterns ...string) bool {
	for _, p := range patterns {
		re, err := regexp.Compile(p)
		if err != nil {
			continue
		}
		for _, h := range have {
			if re.MatchString(h) {
				return true
			}
		}
	}
	return false
}

var catchStatuses = map[string]int{
	"bad_request": 400, "unauthorized": 401, "forbidden": 403, "missing": 404,
	"request_timeout": 408, "conflict": 409, "unavailable": 503,
}

func catchMatches(catch string, status int, raw []byte) bool {
	if code, ok := catchStatuses[catch]; ok {
		return status == code
	}
	switch {
	case catch == "request":
		return status >= 400
	case isRegex(catch):
		re, err := compileRegex(catch)
		return err == nil && re.Match(raw)
	}
	// A bare exception name, such as resource_not_found_exception.
	return bytes.Contains(raw, []byte(catch))
}

// lacksModule names the modules a step needs (modules.go) that the server
// did not list, or returns "".
func (r *Runner) lacksModule(apiName string, args map[string]any) string {
	why := needs(apiName, args)
	mods := make([]string, 0, len(why))
	for m := range why {
		mods = append(mods, m)
	}
	if missing := r.server.missing(mods); len(missing) > 0 {
		return apiName + ": needs module " + describeMissing(missing, why) + ", which the server lacks (its _nodes does not list it)"
	}
	return ""
}

// lacks explains a failed step by what the server lacks: from the facts it
// gave at the start and the module tables, from a refusal that names what
// it lacks (refusal.go), or by a route it does not have (its answer to
// _capabilities or OPTIONS on the path); "" when it has everything.
func (r *Runner) lacks(ctx context.Context, apiName string, args map[string]any, status int, raw []byte) string {
	srv := r.server
	isSecurity := strings.HasPrefix(apiName, "security.") || apiName == "ssl.certificates"
	if isSecurity && srv.Modules["x-pack-security"] && !srv.SecurityEnabled() {
		return apiName + ": security is disabled on the server (xpack.security.enabled: false in its _nodes settings)"
	}
	if reason := r.lacksModule(apiName, args); reason != "" {
		return reason
	}
	if isSecurity && !srv.Modules["analysis-common"] {
		return apiName + ": needs the .security index, whose mappings need module analysis-common, which the server lacks (its _nodes does not list it)"
	}
	if apiName == "snapshot.create_repository" && srv.Settings["path.repo"] == "" && srv.Settings["path.repo.0"] == "" {
		return apiName + ": path.repo is not set on the server (not in its _nodes settings)"
	}
	if reason := refusal(srv, apiName, args, status, raw); reason != "" {
		return reason
	}
	method, path := r.rec.last()
	// The tests are written for the 9.x stack; an older server (8.19 runs
	// the ES|QL tests) may refuse a query in ES|QL of a later version.
	if major := srv.Major(); strings.HasPrefix(apiName, "esql.") && status == 400 && major > 0 && major < suiteMajor {
		return fmt.Sprintf("%s: the server (%s) refused a query written for %d.x ES|QL (400)", apiName, srv.Version, suiteMajor)
	}
	if path != "" {
		ok, how, err := srv.Allows(ctx, method, path)
		if err == nil && !ok {
			return fmt.Sprintf("%s: the server has no %s route for %s (%s)", apiName, method, path, how)
		}
	}
	return ""
}

// baseline is what existed on the server before the first test; wipe
// deletes everything else.
type baseline struct {
	indices, indexTemplates, componentTemplates, legacyTemplates, pipelines map[string]bool
}

func (r *Runner) snapshot(ctx context.Context) (*baseline, error) {
	b := &baseline{}
	var err error
	if b.indices, err = r.indexNames(ctx); err != nil {
		return nil, err
	}
	b.indexTemplates = r.names(ctx, "index_templates", func() (*transport.Response, error) {
		return r.api.Raw.Indices.GetIndexTemplate(ctx, api.IndicesGetIndexTemplateRequest{}, api.WithIgnore(404))
	})
	b.componentTemplates = r.names(ctx, "component_templates", func() (*transport.Response, error) {
		return r.api.Raw.Cluster.GetComponentTemplate(ctx, api.ClusterGetComponentTemplateRequest{}, api.WithIgnore(404))
	})
	b.legacyTemplates = r.names(ctx, "", func() (*transport.Response, error) {
		//lint:ignore SA1019 tests may still create legacy templates, which must be cleaned up
		return r.api.Raw.Indices.GetTemplate(ctx, api.IndicesGetTemplateRequest{}, api.WithIgnore(404))
	})
	b.pipelines = r.names(ctx, "", func() (*transport.Response, error) {
		return r.api.Raw.Ingest.GetPipeline(ctx, api.IngestGetPipelineRequest{}, api.WithIgnore(404))
	})
	return b, nil
}

func (r *Runner) indexNames(ctx context.Context) (map[string]bool, error) {
	rows, err := api.Decode[[]struct {
		Index string `json:"index"`
	}](r.api.Raw.Cat.Indices(ctx, api.CatIndicesRequest{
		Format: "json", H: []string{"index"},
		ExpandWildcards: []api.ExpandWildcards{api.ExpandWildcardsAll},
	}, api.WithHeader("Accept", "application/json")))
	if err != nil {
		return nil, err
	}
	names := map[string]bool{}
	for _, row := range rows {
		names[row.Index] = true
	}
	return names, nil
}

// names reads the names of templates or pipelines: the keys of the
// response, or the "name" of the elements of its list field.
func (r *Runner) names(ctx context.Context, listField string, get func() (*transport.Response, error)) map[string]bool {
	out := map[string]bool{}
	m, err := api.Decode[map[string]json.RawMessage](get())
	if err != nil {
		return out
	}
	if listField == "" {
		for k := range m {
			out[k] = true
		}
		return out
	}
	var list []struct {
		Name string `json:"name"`
	}
	_ = json.Unmarshal(m[listField], &list)
	for _, e := range list {
		out[e.Name] = true
	}
	return out
}

// newNames returns the names in now that were not there before and that
// the test mentions: other tests may share the server, and their indices
// are not ours to delete.
func newNames(now, before, mentioned map[string]bool) []string {
	var out []string
	for k := range now {
		if !before[k] && !strings.HasPrefix(k, ".") && mentioned[k] {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// suiteNames collects every string of the do steps of a test, its setup
// and its teardown (parameters and bodies, split at commas): the names of
// whatever the test may create.
func suiteNames(s *Suite, t *Test) map[string]bool {
	names := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			for _, part := range strings.Split(x, ",") {
				names[strings.TrimSpace(part)] = true
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			for k, e := range x {
				names[k] = true
				walk(e)
			}
		}
	}
	for _, steps := range [][]Step{s.Setup, t.Steps, s.Teardown} {
		for _, st := range steps {
			if st.Kind == "do" {
				walk(st.Args)
			}
		}
	}
	return names
}

// wipe deletes the indices, templates and pipelines the test created.
func (r *Runner) wipe(ctx context.Context, mentioned map[string]bool) error {
	ignore := api.WithIgnore(allErrorStatuses...)
	var errs []error
	drain := func(resp *transport.Response, err error) {
		if err != nil {
			errs = append(errs, err)
			return
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	if now, err := r.indexNames(ctx); err != nil {
		errs = append(errs, err)
	} else if del := newNames(now, r.base.indices, mentioned); len(del) > 0 {
		drain(r.api.Raw.Indices.Delete(ctx, api.IndicesDeleteRequest{Index: del,
			ExpandWildcards: []api.ExpandWildcards{api.ExpandWildcardsAll}}, ignore))
	}
	for _, n := range newNames(r.names(ctx, "index_templates", func() (*transport.Response, error) {
		return r.api.Raw.Indices.GetIndexTemplate(ctx, api.IndicesGetIndexTemplateRequest{}, ignore)
	}), r.base.indexTemplates, mentioned) {
		drain(r.api.Raw.Indices.DeleteIndexTemplate(ctx, api.IndicesDeleteIndexTemplateRequest{Name: []string{n}}, ignore))
	}
	for _, n := range newNames(r.names(ctx, "component_templates", func() (*transport.Response, error) {
		return r.api.Raw.Cluster.GetComponentTemplate(ctx, api.ClusterGetComponentTemplateRequest{}, ignore)
	}), r.base.componentTemplates, mentioned) {
		drain(r.api.Raw.Cluster.DeleteComponentTemplate(ctx, api.ClusterDeleteComponentTemplateRequest{Name: []string{n}}, ignore))
	}
	for _, n := range newNames(r.names(ctx, "", func() (*transport.Response, error) {
		//lint:ignore SA1019 tests may still create legacy templates, which must be cleaned up
		return r.api.Raw.Indices.GetTemplate(ctx, api.IndicesGetTemplateRequest{}, ignore)
	}), r.base.legacyTemplates, mentioned) {
		//lint:ignore SA1019 tests may still create legacy templates, which must be cleaned up
		drain(r.api.Raw.Indices.DeleteTemplate(ctx, api.IndicesDeleteTemplateRequest{Name: n}, ignore))
	}
	for _, n := range newNames(r.names(ctx, "", func() (*transport.Response, error) {
		return r.api.Raw.Ingest.GetPipeline(ctx, api.IngestGetPipelineRequest{}, ignore)
	}), r.base.pipelines, mentioned) {
		drain(r.api.Raw.Ingest.DeletePipeline(ctx, api.IngestDeletePipelineRequest{ID: n}, ignore))
	}
	return errors.Join(errs...)
}

func isList(v any) bool {
	_, ok := v.([]any)
	return ok
}
