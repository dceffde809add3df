package main

import (
	"encoding/json"
	"errors"
	"testing"
)

// TestToItemReadsLines checks how one record becomes a bulk item: a line
// of esgo export (or of a rejected file) is sent as its _source with its
// _id and routing, anything else as itself, read in one pass.
func TestToItemReadsLines(t *testing.T) {
	for _, c := range []struct {
		line, idField          string
		body, id, routing, err string
		unfixed                bool
	}{
		{line: `{"a":1}`, body: `{"a":1}`},
		{line: `{"_id":"7","_source":{"a":1}}`, body: `{"a":1}`, id: "7"},
		{line: `{"_index":"x","_id":12345678901234567890,"_routing":"r","_source":{"a":{"_source":2}}}`, body: `{"a":{"_source":2}}`, id: "12345678901234567890", routing: "r"},
		{line: `{ "_source" : {"a":1} , "_id" : "a\"b\u00e9" , "_routing" : null }`, body: `{"a":1}`, id: "a\"bé"},
		{line: `{"_id":"1","_source":{"a":1},"_id":"2"}`, body: `{"a":1}`, id: "2"},
		// Not a hit line: the whole object is the document.
		{line: `{"_source":"text","b":1}`, body: `{"_source":"text","b":1}`},
		{line: `{"_routing":5,"_source":{"a":1}}`, body: `{"_routing":5,"_source":{"a":1}}`},
		{line: `{"x":{"_id":"1","_source":{"a":1}}}`, body: `{"x":{"_id":"1","_source":{"a":1}}}`},
		// Bad _id of a hit line.
		{line: `{"_id":null,"_source":{"a":1}}`, err: "_id: an _id must be a string or a number, not null"},
		{line: `{"_id":"","_source":{"a":1}}`, err: "_id: empty _id"},
		// --id-field, in the document or in the _source of a hit line.
		{line: `{"id":99999999999999999,"a":1}`, idField: "id", body: `{"id":99999999999999999,"a":1}`, id: "99999999999999999"},
		{line: `{"_id":"x","_source":{"id":"k\u0041"}}`, idField: "id", body: `{"id":"k\u0041"}`, id: "kA"},
		{line: `{"a":1}`, idField: "id", err: `no field "id" for the _id`},
		{line: `{"id":[1]}`, idField: "id", err: `field "id": an _id must be a string or a number, not [1]`},
		// A rejected file's line that holds no document.
		{line: `{"_record":3,"_error":"invalid JSON","_raw":"{oops"}`, unfixed: true},
		{line: `{"_record":3,"_error":"","_raw":"{oops"}`, body: `{"_record":3,"_error":"","_raw":"{oops"}`},
	} {
		rec, err := checkObject(1, []byte(c.line))
		if err != nil {
			t.Fatalf("checkObject(%s): %v", c.line, err)
		}
		item, err := toItem(rec, c.idField)
		switch {
		case c.unfixed:
			if !errors.Is(err, errUnfixed) {
				t.Errorf("%s: err = %v, want errUnfixed", c.line, err)
			}
		case c.err != "":
			if err == nil || err.Error() != c.err {
				t.Errorf("%s: err = %v, want %q", c.line, err, c.err)
			}
		case err != nil:
			t.Errorf("%s: %v", c.line, err)
		case string(item.Body.(json.RawMessage)) != c.body || item.ID != c.id || item.Routing != c.routing:
			t.Errorf("%s: body %s id %q routing %q, want %s %q %q", c.line, item.Body, item.ID, item.Routing, c.body, c.id, c.routing)
		}
	}
}

// TestCheckObjectRefusesWhatEncodingJSONRefuses checks that the one-pass
// reader lets no invalid line through and names the error as encoding/json.
func TestCheckObjectRefusesWhatEncodingJSONRefuses(t *testing.T) {
	for _, line := range []string{`{"a":1,}`, `{"a":1} x`, `{"a":"\x"}`, `{"a":01}`, `{"a" 1}`, "{\"a\":\"\x01\"}", `{"a":[1,2}`, `[1]`, `"s"`} {
		_, err := checkObject(4, []byte(line))
		var bad *errBadRecord
		if !errors.As(err, &bad) || bad.n != 4 {
			t.Errorf("checkObject(%q) = %v, want an *errBadRecord of record 4", line, err)
		}
	}
}
