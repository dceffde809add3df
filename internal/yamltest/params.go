package yamltest

import (
	"encoding/json"

	"fmt"
	"github.com/esgo/esgo/api"
	"sort"
	"strconv"
	"strings"
)

// params feeds the parameters of a do step to the generated dispatch code,
// converting YAML values to the field types and remembering which ones were
// used, so that unknown parameters are reported.
type params struct {
	// Unknown lists the parameters the specification lacks, which were
	// sent as raw query parameters.
	Unknown []string

	api  string
	m    map[string]any
	used map[string]bool
	errs []string
}

func newParams(api string, m map[string]any) *params {
	return &params{api: api, m: m, used: map[string]bool{}}
}

func (p *params) get(k string) (any, bool) {
	v, ok := p.m[k]
	if ok {
		p.used[k] = true
	}
	return v, ok && v != nil
}

func (p *params) fail(k string, v any, want string) {
	p.errs = append(p.errs, fmt.Sprintf("parameter %q: %v is not %s", k, v, want))
}

func scalarText(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case bool:
		return strconv.FormatBool(x), true
	case int64:
		return strconv.FormatInt(x, 10), true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	case bigNumber:
		return string(x), true
	case json.Number:
		return x.String(), true
	}
	return "", false
}

func (p *params) str(k string) string {
	v, ok := p.get(k)
	if !ok {
		return ""
	}
	if s, ok := scalarText(v); ok {
		return s
	}
	if list, ok := v.([]any); ok {
		return strings.Join(p.strings(k, list), ",")
	}
	p.fail(k, v, "a string")
	return ""
}

func (p *params) strings(k string, list []any) []string {
	out := make([]string, 0, len(list))
	for _, e := range list {
		s, ok := scalarText(e)
		if !ok {
			p.fail(k, e, "a string")
		}
		out = append(out, s)
	}
	return out
}

func (p *params) list(k string) []string {
	v, ok := p.get(k)
	if !ok {
		return nil
	}
	if list, ok := v.([]any); ok {
		return p.strings(k, list)
	}
	if s, ok := scalarText(v); ok {
		return []string{s}
	}
	p.fail(k, v, "a list")
	return nil
}

func (p *params) boolp(k string) *bool {
	v, ok := p.get(k)
	if !ok {
		return nil
	}
	switch x := v.(type) {
	case bool:
		return &x
	case string:
		if b, err := strconv.ParseBool(x); err == nil {
			return &b
		}
	}
	p.fail(k, v, "a boolean")
	return nil
}

func (p *params) intp(k string) *int {
	v, ok := p.get(k)
	if !ok {
		return nil
	}
	switch x := v.(type) {
	case int64:
		i := int(x)
		return &i
	case float64:
		if x == float64(int(x)) {
			i := int(x)
			return &i
		}
	case string:
		if i, err := strconv.Atoi(x); err == nil {
			return &i
		}
	}
	p.fail(k, v, "an integer")
	return nil
}

func (p *params) int64p(k string) *int64 {
	v, ok := p.get(k)
	if !ok {
		return nil
	}
	switch x := v.(type) {
	case int64:
		return &x
	case float64:
		if x == float64(int64(x)) {
			i := int64(x)
			return &i
		}
	case string:
		if i, err := strconv.ParseInt(x, 10, 64); err == nil {
			return &i
		}
	}
	p.fail(k, v, "an integer")
	return nil
}

func (p *params) floatp(k string) *float64 {
	v, ok := p.get(k)
	if !ok {
		return nil
	}
	switch x := v.(type) {
	case int64:
		f := float64(x)
		return &f
	case float64:
		return &x
	case string:
		if f, err := strconv.ParseFloat(x, 64); err == nil {
			return &f
		}
	}
	p.fail(k, v, "a number")
	return nil
}

func (p *params) body() any {
	v, _ := p.get("body")
	return v
}

// done reports parameters whose values do not fit their fields.
func (p *params) done() error {
	if len(p.errs) > 0 {
		return &paramError{API: p.api, Problems: p.errs}
	}
	return nil
}

// options returns o plus a raw query parameter for each parameter the
// specification lacks (the server may still know it, as with format on
// nodes.hot_threads).
func (p *params) options(o []api.Option) []api.Option {
	var unknown []string
	for k := range p.m {
		if !p.used[k] {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		v := p.m[k]
		if list, ok := v.([]any); ok {
			o = append(o, api.WithQuery(k, strings.Join(p.strings(k, list), ",")))
		} else if s, ok := scalarText(v); ok {
			o = append(o, api.WithQuery(k, s))
		}
		p.Unknown = append(p.Unknown, k)
	}
	return o
}

// paramError is a do step whose parameters do not fit the endpoint.
type paramError struct {
	API      string
	Problems []string
}

func (e *paramError) Error() string {
	return e.API + ": " + strings.Join(e.Problems, "; ")
}

func enumList[T ~string](list []string) []T {
	if list == nil {
		return nil
	}
	out := make([]T, len(list))
	for i, s := range list {
		out[i] = T(s)
	}
	return out
}
