package yamltest

import (
	"encoding/json"
	"fmt"
	"math/big"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// stash holds the values saved by set and transform_and_set.
type stash map[string]any

var interpolation = regexp.MustCompile(`\$\{(\w+)\}|\$(\w+)`)

// resolve replaces stashed references in v: a whole string "$name" becomes
// the stashed value (of any type), and "${name}" (or "$name") inside a
// longer string is replaced by its text. Map keys are resolved too.
func (s stash) resolve(v any) (any, error) {
	switch x := v.(type) {
	case string:
		if strings.HasPrefix(x, "$") && !strings.ContainsAny(x[1:], "${}. /") {
			name := x[1:]
			if name == "body" {
				return x, nil
			}
			val, ok := s[name]
			if !ok {
				return nil, fmt.Errorf("stash has no %q", name)
			}
			return val, nil
		}
		if strings.HasPrefix(x, "${") && strings.HasSuffix(x, "}") && strings.Count(x, "$") == 1 {
			name := x[2 : len(x)-1]
			val, ok := s[name]
			if !ok {
				return nil, fmt.Errorf("stash has no %q", name)
			}
			return val, nil
		}
		if !strings.Contains(x, "$") {
			return x, nil
		}
		var missing string
		out := interpolation.ReplaceAllStringFunc(x, func(m string) string {
			sub := interpolation.FindStringSubmatch(m)
			name := sub[1] + sub[2]
			val, ok := s[name]
			if !ok {
				if sub[1] != "" {
					missing = name
				}
				return m
			}
			return text(val)
		})
		if missing != "" {
			return nil, fmt.Errorf("stash has no %q", missing)
		}
		return out, nil
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			r, err := s.resolve(e)
			if err != nil {
				return nil, err
			}
			out[i] = r
		}
		return out, nil
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			r, err := s.resolve(e)
			if err != nil {
				return nil, err
			}
			if strings.HasPrefix(k, "$") {
				if kv, ok := s[k[1:]]; ok {
					k = text(kv)
				}
			}
			out[k] = r
		}
		return out, nil
	}
	return v, nil
}

// text renders a scalar as the server would print it.
func text(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return x
	case json.Number:
		return x.String()
	case bigNumber:
		return string(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case map[string]any, []any:
		b, _ := json.Marshal(x)
		return string(b)
	}
	return fmt.Sprint(v)
}

// splitPath splits a dotted path; "\." is a literal dot.
func splitPath(p string) []string {
	if p == "" || p == "$body" {
		return nil
	}
	var parts []string
	var cur strings.Builder
	for i := 0; i < len(p); i++ {
		switch {
		case p[i] == '\\' && i+1 < len(p) && p[i+1] == '.':
			cur.WriteByte('.')
			i++
		case p[i] == '.':
			parts = append(parts, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(p[i])
		}
	}
	return append(parts, cur.String())
}

// lookup walks path in body. It reports whether the path exists.
func (s stash) lookup(body any, path string) (any, bool, error) {
	if strings.HasPrefix(path, "$") && !strings.Contains(path, ".") && path != "$body" {
		v, ok := s[path[1:]]
		return v, ok, nil
	}
	cur := body
	for _, seg := range splitPath(path) {
		if strings.HasPrefix(seg, "$") {
			v, ok := s[strings.Trim(seg[1:], "{}")]
			if !ok {
				return nil, false, fmt.Errorf("stash has no %q (in path %q)", seg, path)
			}
			seg = text(v)
		}
		switch x := cur.(type) {
		case map[string]any:
			if seg == "_arbitrary_key_" {
				keys := make([]string, 0, len(x))
				for k := range x {
					keys = append(keys, k)
				}
				if len(keys) == 0 {
					return nil, false, nil
				}
				sort.Strings(keys)
				cur = keys[0]
				continue
			}
			v, ok := x[seg]
			if !ok {
				return nil, false, nil
			}
			cur = v
		case []any:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(x) {
				return nil, false, nil
			}
			cur = x[i]
		default:
			return nil, false, nil
		}
	}
	return cur, true, nil
}

// number returns v as a big.Float when it is a number or a numeric string.
func number(v any, strict bool) (*big.Float, bool) {
	var s string
	switch x := v.(type) {
	case int64:
		return new(big.Float).SetInt64(x), true
	case int:
		return new(big.Float).SetInt64(int64(x)), true
	case float64:
		return big.NewFloat(x), true
	case json.Number:
		s = string(x)
	case bigNumber:
		s = string(x)
	case string:
		if strict {
			return nil, false
		}
		s = x
	default:
		return nil, false
	}
	f, _, err := big.ParseFloat(s, 10, 256, big.ToNearestEven)
	if err != nil {
		return nil, false
	}
	return f, true
}

// isRegex reports whether an expected string is a /regular expression/.
func isRegex(s string) bool {
	s = strings.TrimSpace(s)
	return len(s) >= 2 && strings.HasPrefix(s, "/") && strings.HasSuffix(s, "/")
}

// compileRegex compiles a /regex/ written with Java's COMMENTS flag:
// unescaped whitespace is ignored and # starts a comment, outside
// character classes.
func compileRegex(s string) (*regexp.Regexp, error) {
	s = strings.TrimSpace(s)
	s = s[1 : len(s)-1]
	var b strings.Builder
	inClass, comment := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case comment:
			if c == '\n' {
				comment = false
			}
		case c == '\\' && i+1 < len(s):
			next := s[i+1]
			if !inClass && (next == ' ' || next == '#') {
				b.WriteByte(next)
			} else {
				b.WriteByte(c)
				b.WriteByte(next)
			}
			i++
		case inClass:
			if c == ']' {
				inClass = false
			}
			b.WriteByte(c)
		case c == '[':
			inClass = true
			b.WriteByte(c)
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		case c == '#':
			comment = true
		default:
			b.WriteByte(c)
		}
	}
	return regexp.Compile("(?s)" + b.String())
}

// equal compares an expected YAML value with an actual response value.
// Numbers compare by value whatever their representation.
func equal(expected, actual any) bool {
	if en, ok := number(expected, true); ok {
		an, ok := number(actual, false)
		return ok && en.Cmp(an) == 0
	}
	switch e := expected.(type) {
	case nil:
		return actual == nil
	case string:
		switch a := actual.(type) {
		case string:
			return a == e
		case json.Number:
			// "1" matches 1: the YAML author may quote numbers.
			an, ok1 := number(a, true)
			en, ok2 := number(e, false)
			return ok1 && ok2 && an.Cmp(en) == 0
		case bool:
			return strconv.FormatBool(a) == e
		}
		return false
	case bool:
		a, ok := actual.(bool)
		return ok && a == e
	case []any:
		a, ok := actual.([]any)
		if !ok || len(a) != len(e) {
			return false
		}
		for i := range e {
			if !equal(e[i], a[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		a, ok := actual.(map[string]any)
		if !ok || len(a) != len(e) {
			return false
		}
		for k, ev := range e {
			av, ok := a[k]
			if !ok || !equal(ev, av) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(expected, actual)
}

// containsValue reports whether actual (a list, or a map checked as a
// subset) contains expected.
func containsValue(actual, expected any) bool {
	switch a := actual.(type) {
	case []any:
		for _, el := range a {
			if equal(expected, el) || subset(expected, el) {
				return true
			}
		}
	case map[string]any:
		return subset(expected, a)
	case string:
		if s, ok := expected.(string); ok {
			return strings.Contains(a, s)
		}
	}
	return false
}

// subset reports whether every key of the expected map has an equal value
// in actual.
func subset(expected, actual any) bool {
	e, ok1 := expected.(map[string]any)
	a, ok2 := actual.(map[string]any)
	if !ok1 || !ok2 {
		return false
	}
	for k, ev := range e {
		av, ok := a[k]
		if !ok {
			return false
		}
		if !equal(ev, av) && !subset(ev, av) {
			return false
		}
	}
	return true
}

// truthy is the is_true test: present and not null, false, "", "false" or 0.
func truthy(v any, present bool) bool {
	if !present || v == nil {
		return false
	}
	switch x := v.(type) {
	case bool:
		return x
	case string:
		return x != "" && x != "false"
	case json.Number:
		f, err := x.Float64()
		return err != nil || f != 0
	case int64:
		return x != 0
	case float64:
		return x != 0
	}
	return true
}

func bigInt(n int) *big.Float { return new(big.Float).SetInt64(int64(n)) }
