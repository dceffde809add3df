// Package transport sends requests to Elasticsearch (or OpenSearch) nodes:
// a node pool with selection and dead-node tracking, retries with backoff,
// sniffing, authentication, TLS, compression, server detection, logging,
// tracing and metrics. The esgo package builds its Client on it; helpers and
// the generated API depend only on Interface.
//
// # Defaults
//
//   - Address: WithAddresses, else ELASTICSEARCH_URL (comma separated), else
//     http://localhost:9200. "host" and "host:port" mean http and port 9200;
//     "https://host" means port 443 (as elasticsearch-py).
//   - Persistent connections: one tuned http.Transport keeps up to 10 idle
//     keep-alive connections per node (WithConnectionsPerNode); the dialer
//     times out after 10 s, TLS handshakes after 10 s.
//   - Request timeout: 30 s per call, retries and backoff included
//     (WithRequestTimeout, Request.Timeout, or an earlier context deadline);
//     WithAttemptTimeout also bounds each attempt, so that a hung node is
//     left for another one.
//   - Retries: 3 (WithRetries), on connection errors and on 429, 502, 503 and
//     504 (WithRetryOnStatus); timeouts only with WithRetryOnTimeout; a
//     request whose outcome is unknown only when repeating it is harmless
//     (see "What is retried").
//   - Response size: Decode and Bytes read at most 256 MiB
//     (WithMaxResponseBytes), and read a body to its end, so that a
//     compressed body's checksum is verified.
//   - Selection: round robin (RoundRobin); Random or any Selector instead.
//   - Sniffing: off. Compression: off (on with a Cloud ID). Product check:
//     off. Server detection: on. TLS: verification on, TLS 1.2 minimum.
//
// # Dead nodes
//
// A node is marked dead after a connection error, a timeout caused by the
// node (not by the caller's deadline) or a 502/503/504 answer. A 429 does not
// mark it dead: that is back-pressure of the whole cluster. A node that
// failed n times in a row is left out for
//
//	min(factor * 2^(n-1), max)    factor 1 s, max 30 s (WithDeadNodeBackoff)
//
// so 1 s, 2 s, 4 s, 8 s, 16 s, 30 s, 30 s ... After that time it gets one
// trial request; a success resets n to 0, a failure doubles the time. When
// every node is dead, the one due first is forced back (and a warning is
// logged), so the client never refuses to try.
//
// # Retries and backoff
//
// Before retry number k (k = 1 for the first retry) the transport waits a
// random duration in [c/2, c] with
//
//	c = min(max, base * 2^(k-1))    base 100 ms, max 10 s (WithRetryBackoff)
//
// unless the response carried Retry-After, which is honoured exactly. If the
// pause would end after the context deadline, the transport does not sleep:
// it returns the last response (or error) at once. A retry normally goes to
// another node, since a failed node is dead for a while. The request body is
// encoded (and gzipped) once, to bytes, and replayed on every attempt; an
// io.Reader body is read once for that purpose.
//
// The budget of one call against nodes that all fail is 1 + WithRetries
// attempts (4 by default), each followed by the backoff above and nothing
// longer, even when the only node is dead and is forced back. While the
// server is not identified, a call is preceded by one detection request
// (GET /, not retried; a failed detection is tried again on a later call,
// at most once a second, never once per attempt). A node reached with
// http:// that fails with EOF or a reset before it ever answered is probed
// once in its life for TLS (one connection, waiting 16 times as long as
// the failed exchange, between 250 ms and a second), so that the error can
// say "use https://"; the answer is kept.
//
// # What is retried
//
// A failed attempt is one of two kinds, and the transport tells them apart
// (it watches whether the request's headers were written to the
// connection):
//
//   - Not sent: the connection was refused, DNS or the TLS handshake
//     failed, the dial timed out. The server saw nothing; the request is
//     retried on another node, whatever it is.
//   - Sent, outcome unknown: the connection broke or timed out after the
//     request was written, before a complete answer (a node killed under
//     load, a proxy dropping the answer). The server may have applied it.
//     It is retried only when repeating it is harmless; otherwise Perform
//     returns an *OutcomeUnknownError, which matches ErrOutcomeUnknown and
//     unwraps to the *ConnectionError or *TimeoutError, and the caller
//     decides.
//
// Request.Repeat says whether a request is harmless to repeat. The api
// package sets it per endpoint: harmless are every GET, HEAD and OPTIONS
// except a scroll continuation; reads sent as POST (search, count, msearch,
// mget, field_caps, explain, validate, termvectors, terms_enum, esql.query,
// ...); writes that repeat to the same state and answer (refresh, flush,
// put mapping, put settings, put pipeline, put template, put alias, put
// script, clear scroll, close point in time); and an index with an ID sent
// with PUT when unconditional (no op_type=create, if_seq_no,
// if_primary_term or version): the document ends as sent, though the
// answer may say "updated" and a version one higher. Not harmless: a
// scroll continuation (GET or POST: the server's cursor moved, so a repeat
// returns the next page and one is skipped), a search opening a scroll and
// open_point_in_time (a repeat leaves the first context open, unseen, until
// its keep-alive), bulk, update, create, delete, index without an ID, the
// by-query APIs, reindex, and every other POST, PUT or DELETE. A Request
// built by hand with the zero Repeat is harmless to repeat only for GET,
// HEAD and OPTIONS. Error statuses (429, 502, 503, 504) are retried for all
// requests, as the server answered that it did not do the work.
//
// The helpers build on this: scan stops a scroll with an error rather than
// skip a page, repeats point-in-time pages (the same search_after gives the
// same page) and says in a warning when an opening was lost; bulk keeps
// every document exactly once (see its documentation).
//
// # Server detection and compatibility headers
//
// Before the first request the transport identifies the server: GET / and,
// when that is refused (the minimal Elasticsearch distribution answers 405,
// a restricted user 403), GET /_nodes/_local?filter_path=nodes.*.version.
// The product comes from the X-Elastic-Product header (Elasticsearch 7.14
// and later), the X-OpenSearch-Version header or version.distribution
// (OpenSearch), or the tagline of older Elasticsearch. Only Elasticsearch 8
// and later get the compatibility media types
// (application/vnd.elasticsearch+json; compatible-with=<its major>), so one
// client works with Elasticsearch 9.x, 8.x, 7.10 and OpenSearch. Detection
// failures are not fatal: requests go out with plain application/json and
// detection is tried again later. ServerInfo returns the result. One
// detection runs at a time; requests waiting for it keep their own deadline.
//
// # Sniffing
//
// WithSniffOnStart, WithSniffOnFailure and WithSniffInterval discover the
// nodes with GET /_nodes/_all/http. http.publish_address may be "ip:port"
// or "fqdn/ip:port" (then the fqdn is used, so TLS host names match);
// master-only nodes are skipped; the seed's scheme, path prefix and
// credentials carry over; nodes already known keep their state. One sniff
// runs at a time (a node failure while one runs makes it look once more, as
// its answer may predate the failure), and failure-triggered sniffs are at
// least 10 s apart (WithMinSniffInterval). When a sniff lists fewer nodes
// than before (a node restarting), the client looks again every
// WithMinSniffInterval, up to 30 times, so that the node is re-added when it
// is back even if no request fails meanwhile. Sniffing is refused with a Cloud
// ID.
//
// # Logging
//
// With WithLogger: node marked dead, forced back, server Warning headers
// and the TLS-verification-off notice at Warn; retries, revived nodes and
// sniff results at Info; every request at Debug. URLs are logged without
// passwords and the Authorization header never is.
//
// # Helper tags
//
// Helpers tag their requests by sending an X-Elastic-Client-Meta request
// header such as "h=bp"; the transport appends it to its own
// x-elastic-client-meta value.
package transport
