package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/esgo/esgo/internal/jsonscan"
	"io"
	"iter"
	"os"
	"path/filepath"
	"strings"
)

// record is one document of the input, as written.
type record struct {
	// n is the record's number: the line of an NDJSON file or of a CSV
	// file, the element of a JSON array (all from 1).
	n int
	// raw is the document as JSON (a CSV row turned into an object).
	raw []byte
	// id and routing come from the _id and _routing columns of a CSV file
	// (written by esgo export -o csv); empty otherwise.
	id, routing string
	// top holds raw's top-level members that bulk reads, once scanned.
	top     members
	scanned bool
}

// members are the top-level members of a record that decide how esgo bulk
// sends it: those of a line written by esgo export or esgo search -o
// ndjson (_id, _routing, _source) or of a rejected file (_raw, _error).
// Each is the member's JSON value, nil when absent; a repeated member
// counts once, the last, as encoding/json reads it.
type members struct {
	id, routing, source, raw, error []byte
}

// scanMembers reads doc's top-level members in one pass, checking the
// whole document's grammar on the way; ok is false unless doc is exactly
// one JSON object.
func scanMembers(doc []byte) (m members, ok bool) {
	s := jsonscan.New(doc)
	if s.Peek() != '{' {
		return m, false
	}
	for more := s.Object(); more; more = s.More('}') {
		key := s.Key()
		var dst *[]byte
		switch string(key) {
		case "_id":
			dst = &m.id
		case "_routing":
			dst = &m.routing
		case "_source":
			dst = &m.source
		case "_raw":
			dst = &m.raw
		case "_error":
			dst = &m.error
		}
		v := s.Skip()
		if dst != nil {
			*dst = v
		}
	}
	return m, s.End()
}

// input is an opened input file.
type input struct {
	name string
	path string // as given on the command line
	// replayable says that reading the input again gives the same records
	// in the same order (a regular file), so that --skip resumes exactly.
	replayable bool
	format     string // ndjson, json or csv
	size       int64  // bytes of the file as stored, -1 when unknown
	counter    *countingReader
	r          *bufio.Reader // decompressed
	close      func() error
}

// openInput opens path ("-" is stdin) and decides its format (auto:
// from the extension, else from the first byte) and compression (from the
// gzip magic bytes).
func openInput(path, format string, stdin io.Reader) (*input, error) {
	in := &input{name: path, path: path, size: -1, close: func() error { return nil }}
	var r io.Reader = stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			in.size = st.Size()
			in.replayable = true
		}
		r, in.close = f, f.Close
	} else {
		in.name = "standard input"
	}
	in.counter = &countingReader{r: r}
	br := bufio.NewReaderSize(in.counter, 1<<20)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			in.close()
			return nil, fmt.Errorf("%s: %w", in.name, err)
		}
		br = bufio.NewReaderSize(zr, 1<<20)
	}
	in.r = br
	if format == "" || format == "auto" {
		ext := strings.ToLower(strings.TrimSuffix(strings.ToLower(path), ".gz"))
		switch filepath.Ext(ext) {
		case ".csv":
			format = "csv"
		default:
			format = "ndjson"
			// A JSON array starts with '[' (after any space).
			for i := 1; ; i++ {
				b, err := br.Peek(i)
				if err != nil || len(b) < i {
					break
				}
				c := b[i-1]
				if c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0xef || c == 0xbb || c == 0xbf {
					continue
				}
				if c == '[' {
					format = "json"
				}
				break
			}
		}
	}
	switch format {
	case "ndjson", "json", "csv":
	default:
		in.close()
		return nil, fmt.Errorf("unknown format %q (want auto, ndjson, json or csv)", format)
	}
	in.format = format
	return in, nil
}

// errBadRecord is a record that is not a JSON object; reading goes on.
type errBadRecord struct {
	n      int
	raw    []byte
	reason string
}

func (e *errBadRecord) Error() string { return fmt.Sprintf("record %d: %s", e.n, e.reason) }

// records yields the input's documents. A record that is not a JSON object
// is yielded with an *errBadRecord (reading goes on); any other error ends
// the sequence.
func (in *input) records() iter.Seq2[record, error] {
	switch in.format {
	case "json":
		return in.jsonArray
	case "csv":
		return in.csvRows
	}
	return in.ndjson
}

func (in *input) ndjson(yield func(record, error) bool) {
	n := 0
	for {
		line, err := in.r.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			// A line longer than the buffer: gather it.
			long := bytes.Clone(line)
			for errors.Is(err, bufio.ErrBufferFull) {
				line, err = in.r.ReadSlice('\n')
				long = append(long, line...)
			}
			line = long
		}
		if len(line) > 0 {
			n++
			doc := bytes.TrimSpace(line)
			if n == 1 {
				doc = bytes.TrimPrefix(doc, []byte("\xef\xbb\xbf"))
			}
			if len(doc) > 0 {
				doc = bytes.Clone(doc)
				if !yield(checkObject(n, doc)) {
					return
				}
			}
		}
		if err == io.EOF {
			return
		}
		if err != nil {
			yield(record{n: n}, fmt.Errorf("%s: after line %d: %w", in.name, n, err))
			return
		}
	}
}

// checkObject returns the record, with an *errBadRecord unless doc is one
// valid JSON object.
func checkObject(n int, doc []byte) (record, error) {
	rec := record{n: n, raw: doc}
	if len(doc) == 0 || doc[0] != '{' {
		return rec, &errBadRecord{n, doc, "not a JSON object"}
	}
	var ok bool
	rec.top, ok = scanMembers(doc)
	rec.scanned = ok
	// The scanner takes what encoding/json takes (bar nesting deeper than
	// it reads); encoding/json has the last word and writes the error.
	if !ok && !json.Valid(doc) {
		var v any
		err := json.Unmarshal(doc, &v)
		return rec, &errBadRecord{n, doc, "invalid JSON: " + err.Error()}
	}
	return rec, nil
}

func (in *input) jsonArray(yield func(record, error) bool) {
	dec := json.NewDecoder(in.r)
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		yield(record{}, fmt.Errorf("%s: not a JSON array (%v)", in.name, err))
		return
	}
	n := 0
	for dec.More() {
		n++
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			yield(record{n: n}, fmt.Errorf("%s: element %d: %w", in.name, n, err))
			return
		}
		if !yield(checkObject(n, compact(raw))) {
			return
		}
	}
	if _, err := dec.Token(); err != nil {
		yield(record{n: n}, fmt.Errorf("%s: after element %d: %w", in.name, n, err))
	}
}

// compact removes the insignificant spaces of a valid JSON document, so it
// fits on one line; numbers and strings stay exactly as written.
func compact(raw []byte) []byte {
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return raw
	}
	return b.Bytes()
}

func (in *input) csvRows(yield func(record, error) bool) {
	cr := csv.NewReader(in.r)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		yield(record{}, fmt.Errorf("%s: reading the header: %w", in.name, err))
		return
	}
	header = append([]string(nil), header...)
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	quote := func(b []byte, s string) []byte {
		buf.Reset()
		enc.Encode(s) // a string always encodes
		return append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
	}
	// The _id and _routing columns (esgo export -o csv writes _id) are the
	// document's metadata, not fields.
	idCol, routingCol := -1, -1
	keys := make([][]byte, len(header))
	for i, h := range header {
		switch h {
		case "_id":
			idCol = i
		case "_routing":
			routingCol = i
		}
		keys[i] = quote(nil, h)
	}
	cr.FieldsPerRecord = len(header)
	for {
		row, err := cr.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount) {
				// The row as CSV text, so the rejected file shows it whole.
				var text bytes.Buffer
				cw := csv.NewWriter(&text)
				cw.Write(row)
				cw.Flush()
				reason := fmt.Sprintf("%d fields, the header has %d", len(row), len(header))
				if !yield(record{n: pe.StartLine}, &errBadRecord{pe.StartLine, bytes.TrimSuffix(text.Bytes(), []byte("\n")), reason}) {
					return
				}
				continue
			}
			// Anything else (an unterminated quote, a bare quote) leaves
			// the reader unable to find the next row: reading stops.
			line := 0
			if pe != nil {
				line = pe.StartLine
			}
			yield(record{n: line}, fmt.Errorf("%s: %w", in.name, err))
			return
		}
		line, _ := cr.FieldPos(0)
		rec := record{n: line}
		b := []byte{'{'}
		first := true
		for i, v := range row {
			switch i {
			case idCol:
				rec.id = v
				continue
			case routingCol:
				rec.routing = v
				continue
			}
			if !first {
				b = append(b, ',')
			}
			first = false
			b = append(b, keys[i]...)
			b = append(b, ':')
			b = quote(b, v)
		}
		rec.raw = append(b, '}')
		if !yield(rec, nil) {
			return
		}
	}
}
