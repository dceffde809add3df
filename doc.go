// Package esgo is a Go client for Elasticsearch (and OpenSearch).
//
// A Client embeds the whole REST API (package api) over a pooled, retrying
// transport (package transport):
//
//	client, err := esgo.New(
//		esgo.WithAddresses("https://es1:9200", "https://es2:9200"),
//		esgo.WithBasicAuth("elastic", password),
//		esgo.WithCACert(caPEM),
//	)
//	resp, err := client.Search(ctx, api.SearchRequest{Index: []string{"logs"}, Body: query})
//
// Every status of 300 or more (except those a request asks to ignore, and a
// 404 answer to HEAD, which the Exists methods turn into false) is returned
// as a *transport.Error carrying the status, type, reason, root causes and
// caused-by chain; match it with errors.As, or with errors.Is against
// ErrNotFound, ErrConflict, ErrBadRequest, ErrUnauthorized, ErrForbidden,
// ErrTooManyRequests and the other sentinels. Failures before a response
// are *transport.ConnectionError, *TimeoutError, *TLSError,
// *SerializationError or *ProductError, each naming the node. Every error
// type has one name, in package transport.
//
// Options are functional (Option); every transport.With... option is
// accepted too. Per-request options (timeout, headers, retries, ignored
// statuses) are api.WithTimeout, api.WithHeader, api.WithRetries and
// api.WithIgnore; they need no new client.
//
// Code that uses the API can be tested without a server: api.New accepts
// any transport.Interface, so a fake Perform is all a test needs.
//
// See the transport package for the defaults, the dead-node and retry
// backoff formulas, what is retried, sniffing and server detection.
package esgo
