// Package bulk sends documents to Elasticsearch through the _bulk API without
// losing any of them.
//
// An [Indexer] accepts [Item]s from any number of goroutines, encodes them
// straight into pooled NDJSON buffers, and sends them from a fixed number of
// workers when a batch reaches a number of actions or of bytes, when it has
// waited for the flush interval, or when [Indexer.Flush] is called.
//
// Guarantees, which go further than the official Go BulkIndexer and the
// Python helpers:
//
//   - Bounded memory. At most one batch per worker is being built, one is in
//     flight, and a small queue sits in front of the workers. When the server
//     is slow or down, [Indexer.Add] blocks until there is room or until its
//     context ends; nothing is buffered without bound.
//
//   - Per-item retries. Items rejected with a retryable status (429, and 502,
//     503, 504 by default) are re-sent alone, with exponential backoff and
//     jitter; items that succeeded are never re-sent. Whole requests refused
//     before they were sent, or answered with a retryable status, are retried
//     the same way; a lost answer is handled as described below.
//
//   - Exactly one outcome per item. Every item accepted by Add is reported
//     exactly once, to the OnSuccess or the OnFailure callback, with the
//     server's error for failures. [Indexer.Close] drains everything before it
//     returns; if its context ends first, what is left is reported as failed
//     with the context's error. After Close,
//     Stats().Added == Indexed+Created+Updated+Deleted+Failed.
//
//   - Exactly once when an answer is lost: see below.
//
//   - Bounded answers. A bulk answer is read into memory up to a bound
//     that follows its request (1 MiB + 8 KiB per item + twice the bytes
//     sent), capped by WithMaxResponseBytes (64 MiB): a one-item request
//     never reads more than about 1 MiB. Beyond it the items fail with an
//     error naming the limit (and an unknown outcome: the server did the
//     work). The _mget that settles conflicts after a lost answer is read
//     within the transport's response limit.
//
//   - Flush size. A batch is sent before an item would take it over
//     WithFlushBytes, so an item larger than the flush size goes alone.
//
// # After a lost answer
//
// When a bulk request was sent and its answer lost (the connection broke or
// timed out after sending, the body was cut), the server may have applied
// any of its items. The Indexer then repeats only what is harmless to
// repeat, and reports what it cannot settle as an unknown outcome (an error
// matching transport.ErrOutcomeUnknown, which is esgo.ErrOutcomeUnknown)
// rather than as a success or a plain failure. Per action:
//
//	index or create, no ID   the Indexer gives the item a unique ID (time-
//	                         ordered: 48-bit milliseconds, a sequence and 56
//	                         random bits per worker, 22 characters) and
//	                         sends it as create: a repeat cannot write a
//	                         second document, and a 409 on the repeat proves
//	                         the first write landed (reported as created).
//	                         With WithServerIDs, no ID is given and the item
//	                         is not repeated: unknown outcome.
//	index with an ID         repeated: the document ends as sent (the answer
//	                         may say "updated", one version higher).
//	index with if_seq_no     repeated; a 409 on the repeat is settled by
//	  or an external version reading the document (see below): ours when
//	                         it holds what was sent and its _seq_no is past
//	                         if_seq_no (its _primary_term not below
//	                         if_primary_term), or its _version is the one
//	                         sent; a conflict otherwise.
//	create with an ID        repeated: 201 settles it; a 409 is settled by
//	                         reading the document: ours (reported created)
//	                         when it holds what was sent, a conflict
//	                         (esgo.ErrConflict) when it holds another one.
//	update with Doc          repeated (merging a partial document twice gives
//	                         the same document); a 409 is an unknown outcome.
//	update with Script/Body  not repeated (a script could run twice): unknown
//	                         outcome.
//	delete                   repeated; a 404 on the repeat is an unknown
//	                         outcome (it may be our first delete).
//
// Settling a 409: the Indexer reads the documents of all such items of a
// request in one _mget (realtime, from the concrete index the 409 names,
// with their routing) and compares each stored _source with the document
// line it sent, as JSON values (object keys in any order). The same document means the repeat found the write
// of the lost request, and the item is reported as written by it (status
// 201 "created" for create, 200 "updated" for index, with the stored
// version, _seq_no and _primary_term); another document is a conflict, the
// 409 as an *ItemError and no unknown outcome. A document identical to the
// one sent but written by someone else cannot be told apart, and is
// reported as ours: the index holds what the item asked for either way.
// The outcome stays unknown when the _mget fails, when the document is gone
// again or its _source is not kept, and when an ingest pipeline runs (the item's Pipeline or a
// "pipeline" WithParam), since the stored document is then not the one
// sent. An index default pipeline or synthetic _source also changes what is
// stored: such items are reported as conflicts after a lost answer.
//
// Every item is still reported exactly once, and a repeat never writes a
// document twice. A request refused before it was sent (connection refused)
// is simply retried.
//
// Items that fail carry the server's error as an *ItemError, which unwraps
// to the one error type for server answers (*transport.Error): errors.Is(r.Err,
// esgo.ErrConflict) holds for a 409. Requests go through the api package
// (api.API.Bulk).
//
// Memory is bounded by about workers x (flush bytes + the items of one
// batch) + the queue (WithQueueSize items, each holding its unencoded body).
// Add hands items to the workers in chunks of a sixteenth of a batch (at
// most 64; one item when batches are small): an accepted item waits for
// its chunk to fill, or for Flush, Close or the next tick of the flush
// interval, whichever comes first.
//
// An item's status decides its outcome: 2xx is a success; a retryable status
// is retried; anything else is a failure, including a delete of a missing
// document (404, result "not_found"). A response that cannot be matched to
// the items sent (malformed) fails those items with ErrMalformedResponse;
// they are not re-sent, as some may have been applied.
//
// Encoding is done by the workers, straight into their NDJSON buffers: raw
// bodies ([]byte, json.RawMessage, string) are copied once, Go values are
// written by a json.Encoder into the batch buffer, action lines are written
// by hand, and a response that says "errors":false is not decoded item by
// item unless OnSuccess is set. The buffers live as long as their worker
// and go back to a sync.Pool when the Indexer closes.
//
// Requests carry the "h=bp" helper tag, which the library's transport adds
// to its x-elastic-client-meta header.
//
// [Stream] wraps an Indexer as an iterator of results for code that prefers
// pulling results to callbacks.
package bulk
