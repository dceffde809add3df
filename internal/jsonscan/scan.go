// Package jsonscan reads a JSON document held in memory one value at a
// time, checking the grammar as it goes. It is the reader of the few
// hand-written decoders of the types the client decodes most (the search
// response and its hits, in package types), which would otherwise pay for
// encoding/json's reflection and its second pass over every byte.
//
// A Scanner never reports an error of its own: on the first byte it does
// not accept (bad JSON, or a shape its caller asked it not to take) it
// stops, and Failed reports true. The decoders built on it then let
// encoding/json decode the whole document again, so every value and every
// error the caller sees is encoding/json's.
//
// # Which JSON path to use
//
// The module reads JSON four ways; each exists because the others cost
// more where it is used:
//
//   - encoding/json, through transport.JSONSerializer: the default for
//     every answer. Use it unless a benchmark says otherwise.
//   - internal/fastjson: the same rules, three to four times faster, for
//     decoding whole documents into Go values where hits are decoded in
//     bulk: the sources of api.SearchAs (through which the DSL searches)
//     and scan's pages. It links a second decoder (+0.07 MiB in every
//     program that imports api, +0.43 MiB once SearchAs is called), so
//     transport and types never import it, and api only for SearchAs.
//   - this package: a validating pull scanner for hand-written decoders of
//     one hot type (types.SearchResponseBody.DecodeBody), and for the one
//     pass in which esgo bulk checks each input line and finds its _id,
//     _routing and _source (cmd/esgo). Write a new decoder on it, never a
//     new scanner.
//   - unvalidated index walks that only find where a value ends, used
//     where a full decode of the same bytes follows anyway and only a few
//     fields are needed first: scan/head.go reads the point-in-time id and
//     last sort values of a page so the next page is requested before this
//     one is decoded, and bulk's noErrors looks for "errors":false before
//     "items" to skip decoding the items of an all-success answer. They
//     skip the grammar checks this package does on every byte, which is
//     the point; malformed JSON still fails in the decode that follows.
package jsonscan

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"
)

// maxDepth is encoding/json's nesting limit; deeper documents are left to
// it.
const maxDepth = 10000

// A Scanner reads one JSON document from a byte slice. The zero Scanner
// reads an empty document; use New.
type Scanner struct {
	data   []byte
	pos    int
	failed bool
}

// New returns a Scanner at the start of data.
func New(data []byte) *Scanner { return &Scanner{data: data} }

// Failed reports whether the scanner stopped on something it does not
// accept, or was told to by Fail.
func (s *Scanner) Failed() bool { return s.failed }

// Fail stops the scanner: every later call reads nothing and Failed
// reports true. Decoders call it on a shape they leave to encoding/json.
func (s *Scanner) Fail() {
	s.failed = true
	s.pos = len(s.data)
}

// End reports whether the document was read to its end without failure:
// only white space may follow the value.
func (s *Scanner) End() bool {
	s.ws()
	return !s.failed && s.pos == len(s.data)
}

func (s *Scanner) ws() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

// Mark returns the offset of the next value or member (after white
// space), for From.
func (s *Scanner) Mark() int {
	s.ws()
	return s.pos
}

// From returns the bytes read since mark (a Mark result): a member read
// with Key and Skip is its name, colon and value.
func (s *Scanner) From(mark int) []byte { return s.data[mark:s.pos] }

// Rest returns the number of bytes not read yet.
func (s *Scanner) Rest() int { return len(s.data) - s.pos }

// Peek returns the first byte of the next value ('{', '[', '"', 't', 'f',
// 'n', '-' or a digit), or 0 at the end or after a failure.
func (s *Scanner) Peek() byte {
	s.ws()
	if s.pos < len(s.data) {
		return s.data[s.pos]
	}
	return 0
}

// Null consumes the next value and reports true when it is null; it
// consumes nothing otherwise.
func (s *Scanner) Null() bool {
	if s.Peek() != 'n' {
		return false
	}
	s.literal("null")
	return !s.failed
}

// Object consumes the '{' of the next value, which must be an object, and
// reports whether a member follows; an empty object is consumed whole.
// Read the members with Key, the value, and More:
//
//	for more := s.Object(); more; more = s.More('}') {
//		key := s.Key()
//		// read or Skip the value
//	}
func (s *Scanner) Object() bool { return s.open('{', '}') }

// Array consumes the '[' of the next value, which must be an array, and
// reports whether an element follows; an empty array is consumed whole.
// Read the elements with the value, then More(']').
func (s *Scanner) Array() bool { return s.open('[', ']') }

func (s *Scanner) open(c, end byte) bool {
	if s.Peek() != c {
		s.Fail()
		return false
	}
	s.pos++
	if s.Peek() == end {
		s.pos++
		return false
	}
	return !s.failed
}

// More consumes the ',' before the next member or element and reports
// true, or consumes end ('}' or ']') and reports false.
func (s *Scanner) More(end byte) bool {
	switch s.Peek() {
	case ',':
		s.pos++
		return true
	case end:
		s.pos++
		return false
	}
	s.Fail()
	return false
}

// Key reads a member name and the ':' after it. The name is unescaped; it
// shares the scanner's bytes unless it held escapes.
func (s *Scanner) Key() []byte {
	k, ok := s.str()
	if !ok {
		s.Fail()
		return nil
	}
	if s.Peek() != ':' {
		s.Fail()
		return nil
	}
	s.pos++
	return k
}

// String reads a string value. A string with escapes or bytes that are
// not UTF-8 is decoded as encoding/json does.
func (s *Scanner) String() string {
	if s.Peek() != '"' {
		s.Fail()
		return ""
	}
	b, ok := s.str()
	if !ok {
		s.Fail()
		return ""
	}
	return string(b)
}

// str reads a string at the current position (after white space) and
// returns its unescaped bytes. They share the scanner's bytes when the
// string holds no escape and is valid UTF-8.
func (s *Scanner) str() ([]byte, bool) {
	if s.Peek() != '"' {
		return nil, false
	}
	start := s.pos
	i := start + 1
	ascii := true
	for i < len(s.data) {
		c := s.data[i]
		switch {
		case c == '"':
			s.pos = i + 1
			b := s.data[start+1 : i]
			if !ascii && !utf8.Valid(b) {
				return s.unquote(start, i+1)
			}
			return b, true
		case c == '\\':
			end, ok := s.strEnd(i)
			if !ok {
				return nil, false
			}
			s.pos = end
			return s.unquote(start, end)
		case c < 0x20:
			return nil, false
		case c >= utf8.RuneSelf:
			ascii = false
		}
		i++
	}
	return nil, false
}

// strEnd checks the rest of a string with escapes, from i, and returns
// the offset after its closing quote.
func (s *Scanner) strEnd(i int) (int, bool) {
	for i < len(s.data) {
		c := s.data[i]
		switch {
		case c == '"':
			return i + 1, true
		case c == '\\':
			if i+1 >= len(s.data) {
				return 0, false
			}
			switch s.data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(s.data) {
					return 0, false
				}
				for _, h := range s.data[i+2 : i+6] {
					if !isHex(h) {
						return 0, false
					}
				}
				i += 6
			default:
				return 0, false
			}
		case c < 0x20:
			return 0, false
		default:
			i++
		}
	}
	return 0, false
}

// unquote decodes the checked string literal data[start:end] as
// encoding/json does (escapes, surrogate pairs, bad UTF-8 replaced).
func (s *Scanner) unquote(start, end int) ([]byte, bool) {
	var v string
	if json.Unmarshal(s.data[start:end], &v) != nil {
		return nil, false
	}
	return []byte(v), true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// Bool reads true or false.
func (s *Scanner) Bool() bool {
	switch s.Peek() {
	case 't':
		s.literal("true")
		return true
	case 'f':
		s.literal("false")
		return false
	}
	s.Fail()
	return false
}

func (s *Scanner) literal(lit string) {
	if len(s.data)-s.pos < len(lit) || string(s.data[s.pos:s.pos+len(lit)]) != lit {
		s.Fail()
		return
	}
	s.pos += len(lit)
}

// Float reads a number as a float64; a number out of range fails, as it
// does for encoding/json.
func (s *Scanner) Float() float64 {
	n := s.number()
	if n == nil {
		return 0
	}
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil {
		s.Fail()
	}
	return f
}

// Int reads an integer that fits in an int64: a number with a fraction or
// an exponent fails, as it does for encoding/json.
func (s *Scanner) Int() int64 {
	n := s.number()
	if n == nil {
		return 0
	}
	if len(n) > 18 { // may not fit: let strconv judge
		v, err := strconv.ParseInt(string(n), 10, 64)
		if err != nil {
			s.Fail()
		}
		return v
	}
	neg := n[0] == '-'
	if neg {
		n = n[1:]
	}
	var v int64
	for _, c := range n {
		if c < '0' || c > '9' {
			s.Fail()
			return 0
		}
		v = v*10 + int64(c-'0')
	}
	if neg {
		v = -v
	}
	return v
}

// number reads a number literal and returns it, or fails.
func (s *Scanner) number() []byte {
	s.ws()
	start := s.pos
	i := start
	d := s.data
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && '1' <= d[i] && d[i] <= '9':
		i = digits(d, i)
	default:
		s.Fail()
		return nil
	}
	if i < len(d) && d[i] == '.' {
		j := digits(d, i+1)
		if j == i+1 { // a fraction needs a digit
			s.Fail()
			return nil
		}
		i = j
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		j := digits(d, i)
		if j == i { // so does an exponent
			s.Fail()
			return nil
		}
		i = j
	}
	s.pos = i
	return d[start:i]
}

// Skip reads the next value, whatever it is, and returns its bytes (which
// share the scanner's).
func (s *Scanner) Skip() []byte {
	s.ws()
	start := s.pos
	s.skip(0)
	if s.failed {
		return nil
	}
	return s.data[start:s.pos]
}

func (s *Scanner) skip(depth int) {
	if depth > maxDepth {
		s.Fail()
		return
	}
	switch s.Peek() {
	case '{':
		for more := s.Object(); more; more = s.More('}') {
			if !s.skipStr() || s.Peek() != ':' {
				s.Fail()
				return
			}
			s.pos++
			s.skip(depth + 1)
		}
	case '[':
		for more := s.Array(); more; more = s.More(']') {
			s.skip(depth + 1)
		}
	case '"':
		if !s.skipStr() {
			s.Fail()
		}
	case 't':
		s.literal("true")
	case 'f':
		s.literal("false")
	case 'n':
		s.literal("null")
	default:
		s.number()
	}
}

// skipStr steps over the string at the current position (after white
// space) without decoding it.
func (s *Scanner) skipStr() bool {
	if s.Peek() != '"' {
		return false
	}
	end, ok := s.strEnd(s.pos + 1)
	if ok {
		s.pos = end
	}
	return ok
}

// digits returns the offset of the first byte from i that is not a digit.
func digits(d []byte, i int) int {
	for i < len(d) && '0' <= d[i] && d[i] <= '9' {
		i++
	}
	return i
}
