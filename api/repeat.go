package api

import (
	"net/http"
	"net/url"

	"github.com/esgo/esgo/transport"
)

// repeatSafe lists the endpoints that are harmless to send again when an
// attempt's outcome is unknown (the request was sent, then the connection
// failed or timed out), whatever their method: reads sent as POST because
// they carry a body, and writes whose repetition leaves the same state and
// answers the same way. Everything else sent with POST, PUT or DELETE is not
// repeated by the transport; see repeatOf for the exceptions of both kinds.
var repeatSafe = map[string]bool{
	// Reads.
	"search": true, "count": true, "msearch": true, "search_template": true,
	"msearch_template": true, "mget": true, "field_caps": true, "explain": true,
	"indices.validate_query": true, "termvectors": true, "mtermvectors": true,
	"rank_eval": true, "knn_search": true, "terms_enum": true, "search_shards": true,
	"search_mvt": true, "indices.analyze": true, "render_search_template": true,
	"esql.query": true, "sql.translate": true, "indices.resolve_index": true,
	// Writes that repeat to the same state and the same answer.
	"indices.refresh": true, "indices.flush": true, "indices.put_mapping": true,
	"indices.put_settings": true, "cluster.put_settings": true,
	"ingest.put_pipeline": true, "indices.put_index_template": true,
	"indices.put_alias": true, "put_script": true,
	// Releasing a scroll or point in time twice answers 404 the second time,
	// which the helpers ignore.
	"clear_scroll": true, "close_point_in_time": true,
}

// repeatUnsafe lists endpoints that must not be repeated even when sent
// with GET: a scroll continuation moves the server's cursor, so a repeat
// skips a page.
var repeatUnsafe = map[string]bool{
	"scroll": true, "sql.query": true,
}

// repeatOf tells the transport whether req may be sent again after an
// attempt whose outcome is unknown.
//
//   - search with a scroll parameter opens a scroll context: a repeat
//     would leave the first one open until its keep-alive, unseen, so it is
//     not repeated (scan handles that case itself).
//   - index with an ID and PUT is repeated unless it is conditional
//     (op_type=create, if_seq_no, if_primary_term, version): the document
//     ends as sent; the answer may say "updated" and a version one higher.
//   - open_point_in_time is not repeated, for the same reason as a scroll.
func repeatOf(endpoint, method string, q url.Values) transport.Repeat {
	switch {
	case endpoint == "search" && q.Has("scroll"):
		return transport.RepeatUnsafe
	case endpoint == "index" && method == http.MethodPut:
		for _, k := range []string{"op_type", "if_seq_no", "if_primary_term", "version"} {
			if q.Has(k) {
				return transport.RepeatUnsafe
			}
		}
		return transport.RepeatSafe
	case repeatUnsafe[endpoint]:
		return transport.RepeatUnsafe
	case repeatSafe[endpoint]:
		return transport.RepeatSafe
	}
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return transport.RepeatSafe
	}
	return transport.RepeatUnsafe
}
