package yamltest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"strings"
)

// The typed check: every 2xx JSON response is also decoded into the typed
// response the generated API returns for its endpoint (api.XxxResponse),
// encoded back to JSON, and every assertion's path is looked up in that
// typed value too. A response the types cannot hold, or a value they lose or
// change, fails the test, unless it is a recorded deviation of the
// specification (typedDeviations), with its evidence.
//
// Two encodings are the same value and are not differences: an absent
// member and an empty string, object or array (the typed value omits empty
// optional members), and `x` and `[x]` (the specification's `X | X[]`, which
// the typed value holds as a list).

// typedDeviations are places where the specification (9.5) describes a
// response differently from what the server sends, by endpoint and
// assertion path prefix, with the evidence.
// Each is listed in TYPED.md; the raw assertion still runs.
var typedDeviations = map[string]map[string]string{
	"features.reset_features": {
		"features": "Elasticsearch 9.5.3 answers {\"features\":[{\"feature_name\":\"security\",\"status\":\"SUCCESS\"}, ...]}; " +
			"the specification declares the items as features._types.Feature {name, description} " +
			"(features/reset_features/ResetFeaturesResponse.ts), which is the shape of features.get_features",
	},
	"esql.async_query_stop": {
		// The specification gives esql.async_query_stop the response of
		// esql.query (EsqlResult, without id); Elasticsearch 8.19.21 answers
		// with the async result, id and is_running included
		// (esql/20_async.yml, TestYAMLESQL).
		"id":         "the server sends the query's id",
		"is_running": "the server sends is_running",
	},
}

// typedBody decodes raw as the typed response of endpoint and returns it
// encoded back to JSON and decoded like a raw body. ok is false when the
// endpoint's typed API returns the raw response (no typed response).
func typedBody(endpoint string, raw []byte) (body any, ok bool, err error) {
	decode, ok := responseTypes[endpoint]
	if !ok || len(bytes.TrimSpace(raw)) == 0 {
		return nil, false, nil
	}
	v, err := decode(raw)
	if err != nil {
		return nil, true, fmt.Errorf("the typed response of %s cannot hold the server's answer: %w", endpoint, err)
	}
	enc, err := json.Marshal(v)
	if err != nil {
		return nil, true, fmt.Errorf("encoding the typed response of %s: %w", endpoint, err)
	}
	return decodeBody("application/json", enc), true, nil
}

// checkTyped checks the value at path in the typed body against the raw
// one as the assertion kind reads it: match, contains and the comparisons
// read the value (it must be the same), length its length, is_true,
// is_false and exists its truth.
func checkTyped(st *state, kind, path string) error {
	if !st.hasTyped || path == "$status" {
		return nil
	}
	for prefix, why := range typedDeviations[st.endpoint] {
		if strings.HasPrefix(path, prefix) {
			_ = why
			return nil
		}
	}
	raw, rok, err := st.lookup(path)
	if err != nil || !rok {
		return nil // the raw assertion decides
	}
	typed, tok, err := st.stash.lookup(st.typed, path)
	if err != nil {
		tok = false
	}
	if !tok {
		typed = nil
	}
	if isEmpty(raw) && isEmpty(typed) {
		return nil // omitted when empty: the same value
	}
	switch kind {
	case "is_true", "exists":
		if truthy(typed, tok) == truthy(raw, rok) {
			return nil
		}
	case "is_false":
		if !truthy(typed, tok) {
			return nil
		}
	case "length":
		if length(raw) == length(typed) {
			return nil
		}
	default:
		if sameValue(raw, typed) {
			return nil
		}
	}
	{
		return fmt.Errorf("%s: typed response of %s: %q is %s, the server sent %s", kind, st.endpoint, path, brief(typed), brief(raw))
	}
}

func length(v any) int {
	switch x := v.(type) {
	case []any:
		return len(x)
	case map[string]any:
		return len(x)
	case string:
		return len(x)
	}
	return -1
}

// sameValue compares a raw and a typed value with the equivalences above.
func sameValue(raw, typed any) bool {
	if isEmpty(raw) && isEmpty(typed) {
		return true
	}
	if l, ok := typed.([]any); ok && len(l) == 1 {
		if _, rawIsList := raw.([]any); !rawIsList {
			return sameValue(raw, l[0])
		}
	}
	switch r := raw.(type) {
	case map[string]any:
		t, ok := typed.(map[string]any)
		if !ok {
			return false
		}
		for k, rv := range r {
			if !sameValue(rv, t[k]) {
				return false
			}
		}
		return true
	case []any:
		t, ok := typed.([]any)
		if !ok || len(t) != len(r) {
			return false
		}
		for i := range r {
			if !sameValue(r[i], t[i]) {
				return false
			}
		}
		return true
	case json.Number:
		switch t := typed.(type) {
		case json.Number:
			return sameNumber(string(r), string(t))
		case string:
			return sameNumber(string(r), t) // a stringified number kept as sent is fine
		}
		return false
	case string:
		if t, ok := typed.(json.Number); ok {
			return sameNumber(r, string(t))
		}
		return typed == r
	default:
		return raw == typed
	}
}

func isEmpty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	}
	return false
}

func sameNumber(a, b string) bool {
	if a == b {
		return true
	}
	x, ok1 := new(big.Float).SetPrec(200).SetString(a)
	y, ok2 := new(big.Float).SetPrec(200).SetString(b)
	if !ok1 || !ok2 {
		return false
	}
	if x.Cmp(y) == 0 {
		return true
	}
	// A float the server printed with more digits than a float64 holds.
	fx, _ := x.Float64()
	fy, _ := y.Float64()
	return fx == fy
}
