package types

import (
	"bytes"
	"encoding/json"
	"io"
	"slices"

	"github.com/esgo/esgo/internal/jsonscan"
)

// DecodeBody decodes a whole search response held in memory into r, and
// reports whether it could; it implements transport.BodyDecoder, through
// which the client's default serializer decodes every search answer.
//
// It reads the response and its hits in one pass without reflection: the
// members every answer has (took, timed_out, the hits with their _index,
// _id, _score and sort, the aggregation results kept raw) by hand, any
// other member with encoding/json, and the sources into TDocument with
// one encoding/json Decoder for the whole page. The result is the one
// encoding/json gives (same values, same rules: unknown members ignored,
// names matched without regard to case, numbers in interface values as
// json.Number), with one difference: json.RawMessage values in r (the
// sources of a SearchResponseBody[json.RawMessage], sort values and
// aggregation results) share data instead of copying it, so data must
// not change afterwards. On a body it does not read (invalid JSON, a
// member of another type, a repeated _source) it leaves r zero and
// reports false, and the caller decodes the body with encoding/json,
// whose answer (and error) stands.
func (r *SearchResponseBody[TDocument]) DecodeBody(data []byte) bool {
	return r.DecodeBodyWith(data, nil)
}

// DecodeBodyWith is DecodeBody with the hits' sources decoded one by one
// by source (when not nil) instead of one encoding/json Decoder for the
// page: for a caller that links a faster decoder of encoding/json's rules
// (the DSL and scan do). A source that source refuses makes it report
// false, like a body DecodeBody does not read.
func (r *SearchResponseBody[TDocument]) DecodeBodyWith(data []byte, source func(data []byte, v any) error) bool {
	*r = SearchResponseBody[TDocument]{}
	s := jsonscan.New(data)
	var sources [][]byte // each hit's _source, decoded after the pass
	if s.Peek() != '{' {
		return false
	}
	for more := s.Object(); more; more = s.More('}') {
		mark := s.Mark()
		switch k := s.Key(); string(k) {
		case "took":
			if !s.Null() {
				r.Took = s.Int()
			}
		case "timed_out":
			if !s.Null() {
				r.TimedOut = s.Bool()
			}
		case "hits":
			scanHitsMetadata(s, &r.Hits, &sources)
		case "aggregations":
			if s.Null() {
				r.Aggregations = nil
				break
			}
			if r.Aggregations == nil {
				r.Aggregations = Aggregates{}
			}
			for more := s.Object(); more; more = s.More('}') {
				name := string(s.Key())
				r.Aggregations[name] = Aggregate{Union{raw: s.Skip()}}
			}
		default:
			decodeMember(s, mark, k, "hits", r)
		}
	}
	if !s.End() || !decodeSources(r.Hits.Hits, sources, source) {
		*r = SearchResponseBody[TDocument]{}
		return false
	}
	return true
}

func scanHitsMetadata[T any](s *jsonscan.Scanner, h *HitsMetadata[T], sources *[][]byte) {
	if s.Null() || h.Hits != nil {
		s.Fail() // a repeated "hits" would merge into the first: encoding/json decides
		return
	}
	for more := s.Object(); more; more = s.More('}') {
		mark := s.Mark()
		switch k := s.Key(); string(k) {
		case "hits":
			if s.Null() || h.Hits != nil {
				s.Fail()
				return
			}
			h.Hits = make([]Hit[T], 0, 1)
			first := s.Mark()
			for more := s.Array(); more; more = s.More(']') {
				if len(h.Hits) == 1 {
					// Size the page from its first hit and what is left of
					// the body, instead of growing it step by step.
					n := 1 + s.Rest()/max(s.Mark()-first, 1)
					h.Hits = slices.Grow(h.Hits, n)
					*sources = slices.Grow(*sources, n)
				}
				h.Hits = append(h.Hits, Hit[T]{})
				*sources = append(*sources, scanHit(s, &h.Hits[len(h.Hits)-1]))
			}
			if n := len(h.Hits); cap(h.Hits)-n > n/4+16 {
				// Much more was reserved than used (what followed the hits
				// was large): keep only what is used.
				h.Hits = append(make([]Hit[T], 0, n), h.Hits...)
			}
		default:
			decodeMember(s, mark, k, "hits", h)
		}
	}
}

// scanHit reads one hit but its _source, whose bytes it returns (nil when
// the hit has none).
func scanHit[T any](s *jsonscan.Scanner, h *Hit[T]) (source []byte) {
	if s.Null() {
		return nil
	}
	for more := s.Object(); more; more = s.More('}') {
		mark := s.Mark()
		switch k := s.Key(); string(k) {
		case "_index":
			if !s.Null() {
				h.Index = s.String()
			}
		case "_id":
			if !s.Null() {
				h.ID = s.String()
			}
		case "_score":
			h.Score = nil
			if !s.Null() {
				f := s.Float()
				h.Score = &f
			}
		case "_source":
			if source != nil {
				s.Fail() // a repeated _source would merge into the first: encoding/json decides
			}
			source = s.Skip()
		case "sort":
			h.Sort = nil
			if s.Null() {
				break
			}
			h.Sort = SortResults{}
			for more := s.Array(); more; more = s.More(']') {
				h.Sort = append(h.Sort, FieldValue{Union{raw: s.Skip()}})
			}
		default:
			decodeMember(s, mark, k, "_source", h)
		}
	}
	return source
}

// decodeMember decodes the member whose name k was read at mark into v
// with encoding/json, the way a decoder of the whole document would at
// this point: the members read rarely, and names that match only without
// regard to case. A name that may match deferred, which this decoder
// reads after the pass, is left to encoding/json for the whole document.
func decodeMember(s *jsonscan.Scanner, mark int, k []byte, deferred string, v any) {
	if foldsTo(k, deferred) {
		s.Fail()
		return
	}
	s.Skip()
	if s.Failed() {
		return
	}
	m := s.From(mark)
	doc := make([]byte, 0, len(m)+2)
	doc = append(append(append(doc, '{'), m...), '}')
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	if dec.Decode(v) != nil {
		s.Fail()
	}
}

// decodeSources decodes each hit's _source into T, with source when not
// nil, else with one encoding/json Decoder for the whole page (numbers in interface values
// as json.Number, like the transport's default serializer); a
// json.RawMessage source takes the bytes as they are.
func decodeSources[T any](hits []Hit[T], sources [][]byte, source func([]byte, any) error) bool {
	if len(hits) == 0 {
		return true
	}
	if _, raw := any(&hits[0].Source).(*json.RawMessage); raw {
		for i := range hits {
			if sources[i] != nil {
				*any(&hits[i].Source).(*json.RawMessage) = sources[i]
			}
		}
		return true
	}
	if source != nil {
		// One call for the page: the sources as one array (null for a hit
		// without one), decoded into a []T.
		n := 2
		for _, src := range sources {
			n += len(src) + 5
		}
		arr := make([]byte, 0, n)
		arr = append(arr, '[')
		for i, src := range sources {
			if i > 0 {
				arr = append(arr, ',')
			}
			if src == nil {
				src = []byte("null")
			}
			arr = append(arr, src...)
		}
		arr = append(arr, ']')
		docs := make([]T, 0, len(hits))
		if source(arr, &docs) != nil || len(docs) != len(hits) {
			return false
		}
		for i := range hits {
			hits[i].Source = docs[i]
		}
		return true
	}
	dec := json.NewDecoder(&spans{list: sources})
	dec.UseNumber()
	for i := range hits {
		if sources[i] != nil && dec.Decode(&hits[i].Source) != nil {
			return false
		}
	}
	return true
}

// spans reads the non-nil byte slices of list one after the other, each
// followed by a space: a stream of JSON values for one json.Decoder.
type spans struct {
	list [][]byte
	off  int
}

func (r *spans) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) && len(r.list) > 0 {
		cur := r.list[0]
		if r.off == len(cur) {
			if cur != nil {
				p[n] = ' '
				n++
			}
			r.list, r.off = r.list[1:], 0
			continue
		}
		c := copy(p[n:], cur[r.off:])
		n += c
		r.off += c
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}
