package bulk

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"

	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/transport"
)

// conflict is an item that met 409 when it was repeated after a lost answer,
// waiting to be checked against the document the server holds.
type conflict struct {
	e    *entry
	ir   *itemResponse
	err  *ItemError
	body []byte // the document sent (the item's second NDJSON line)
}

// verifiable reports whether a 409 on the repeat of e after a lost answer
// can be settled by reading the document: a create with an ID of the
// caller's, or an index conditional on if_seq_no or an external version.
// Not when an ingest pipeline runs: the stored document is not the one sent.
func (w *worker) verifiable(e *entry) bool {
	it := &e.item
	if it.Pipeline != "" || w.ix.cfg.query.Get("pipeline") != "" {
		return false
	}
	switch it.action() {
	case Create:
		return it.ID != ""
	case Index:
		return it.ID != "" && (it.IfSeqNo != nil || it.Version != nil && (it.VersionType == "external" || it.VersionType == "external_gte"))
	}
	return false
}

// sourceLine returns the document line of an index or create item in buf.
func sourceLine(buf []byte, e *entry) []byte {
	line := buf[e.start:e.end]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[i+1:]
	}
	return bytes.TrimSpace(line)
}

// storedDoc is one document of an _mget answer.
type storedDoc struct {
	Index       string          `json:"_index"`
	ID          string          `json:"_id"`
	Version     int64           `json:"_version"`
	SeqNo       int64           `json:"_seq_no"`
	PrimaryTerm int64           `json:"_primary_term"`
	Found       bool            `json:"found"`
	Source      json.RawMessage `json:"_source"`
	Error       json.RawMessage `json:"error"`
}

// resolve reads, in one _mget, the documents the server holds for the items
// in cs and reports each item: as written by this Indexer when the stored
// document is the one it sent (and, for a conditional index, is newer than
// the condition), as a conflict when another document is there, and as an
// unknown outcome when the document cannot be read.
func (w *worker) resolve(cs []conflict) {
	ix := w.ix
	type docRef struct {
		Index   string `json:"_index"`
		ID      string `json:"_id"`
		Routing string `json:"routing,omitempty"`
	}
	refs := make([]docRef, len(cs))
	for i, c := range cs {
		// The 409 names the concrete index that holds the document (the
		// backing index of a data stream, the index behind an alias).
		refs[i] = docRef{Index: c.ir.Index, ID: c.e.item.ID, Routing: c.e.item.Routing}
		if refs[i].Index == "" {
			refs[i].Index = c.e.item.Index
		}
		if refs[i].Index == "" {
			refs[i].Index = ix.cfg.index
		}
	}
	var out struct {
		Docs []storedDoc `json:"docs"`
	}
	ctx := ix.ctx
	if ix.cfg.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, ix.cfg.timeout)
		defer cancel()
	}
	var opts []api.Option
	for k, vs := range ix.cfg.header {
		for _, v := range vs {
			opts = append(opts, api.WithHeader(k, v))
		}
	}
	_, err := api.Do(ctx, ix.client, func(ctx context.Context, raw *api.RawAPI, o ...api.Option) (*transport.Response, error) {
		return raw.Mget(ctx, api.MgetRequest{Realtime: new(true), RawBody: map[string]any{"docs": refs}}, o...)
	}, &out, nil, opts...)
	if err == nil && len(out.Docs) != len(cs) {
		err = fmt.Errorf("%w: _mget answered %d documents for %d", ErrMalformedResponse, len(out.Docs), len(cs))
	}
	if err != nil {
		ix.log.Warn("bulk: reading the documents of conflicts after a lost answer failed", "items", len(cs), "error", err)
		for _, c := range cs {
			w.failItem(c.e, c.ir, unknownOutcome(c.err))
		}
		return
	}
	for i, c := range cs {
		d := &out.Docs[i]
		switch {
		case len(d.Error) > 0 || !d.Found || len(d.Source) == 0:
			// Gone again, unreadable, or its _source not kept: nothing
			// settles it.
			w.failItem(c.e, c.ir, unknownOutcome(c.err))
		case ours(c, d):
			ir := c.ir
			ir.Error = nil
			ir.Version, ir.SeqNo, ir.PrimaryTerm = d.Version, d.SeqNo, d.PrimaryTerm
			if c.e.item.action() == Create {
				ir.Status, ir.Result = http.StatusCreated, "created"
			} else {
				ir.Status, ir.Result = http.StatusOK, "updated"
			}
			w.succeed(c.e, ir)
		default:
			w.failItem(c.e, c.ir, c.err)
		}
	}
}

// ours reports whether d is the document c sent: the same JSON value and,
// for a conditional index, written after the sequence number or at the
// version the item named.
func ours(c conflict, d *storedDoc) bool {
	it := &c.e.item
	if it.action() == Index {
		if it.IfSeqNo != nil && (d.SeqNo <= *it.IfSeqNo || it.IfPrimaryTerm != nil && d.PrimaryTerm < *it.IfPrimaryTerm) {
			return false
		}
		if it.IfSeqNo == nil && it.Version != nil && d.Version != *it.Version {
			return false
		}
	}
	return sameJSON(c.body, d.Source)
}

// sameJSON reports whether a and b are the same JSON value (object keys in
// any order, numbers compared as written).
func sameJSON(a, b []byte) bool {
	if bytes.Equal(a, b) {
		return len(a) > 0
	}
	va, ok1 := decodeJSON(a)
	vb, ok2 := decodeJSON(b)
	return ok1 && ok2 && reflect.DeepEqual(va, vb)
}

func decodeJSON(b []byte) (any, bool) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, false
	}
	return v, true
}
