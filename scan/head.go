package scan

import "encoding/json"

// readPITHead reads, from the raw answer of a point-in-time search, what the
// next request needs: the point in time id, the shards, the number of hits
// and the sort values of the last one. It skips over the sources without
// decoding them, in one pass, so that the next page can be requested before
// this one is decoded, for a small part of a decode's cost. ok is false
// when the answer is not shaped as expected (a member name with an escape,
// malformed JSON): the caller then decodes the head with the transport's
// decoder, which also reports what is wrong.
func readPITHead(raw []byte) (h pitHead, n int, last json.RawMessage, ok bool) {
	sc := jsonScanner(raw)
	end := sc.object(0, func(key []byte, i int) int {
		switch string(key) {
		case "pit_id", "_shards":
			e := sc.skip(i)
			if e < 0 {
				return -1
			}
			var err error
			if string(key) == "pit_id" {
				err = json.Unmarshal(raw[i:e], &h.PitID)
			} else {
				err = json.Unmarshal(raw[i:e], &h.Shards)
			}
			if err != nil {
				return -1
			}
			return e
		case "hits":
			return sc.object(i, func(key []byte, i int) int {
				if string(key) != "hits" {
					return sc.skip(i)
				}
				n, last = 0, nil
				return sc.array(i, func(i int) int {
					n++
					last = nil
					return sc.object(i, func(key []byte, i int) int {
						e := sc.skip(i)
						if e >= 0 && string(key) == "sort" {
							last = raw[i:e]
						}
						return e
					})
				})
			})
		}
		return sc.skip(i)
	})
	return h, n, last, end >= 0 && sc.space(end) == len(raw)
}

// jsonScanner walks raw JSON by indexes; every method returns the index
// after what it read, or -1 when the JSON is not what it expects. Unlike
// internal/jsonscan it does not validate what it skips (the page's full
// decode does, right after), which is what makes reading the head cheap;
// see internal/jsonscan for which JSON path to use when.
type jsonScanner []byte

func (b jsonScanner) space(i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t') {
		i++
	}
	return i
}

// object reads the object at i, calling member with each name (which must
// have no escape) and the index of its value; member returns the index
// after the value.
func (b jsonScanner) object(i int, member func(key []byte, i int) int) int {
	i = b.space(i)
	if i >= len(b) || b[i] != '{' {
		return -1
	}
	if i = b.space(i + 1); i < len(b) && b[i] == '}' {
		return i + 1
	}
	for i < len(b) && b[i] == '"' {
		end := b.str(i)
		if end < 0 {
			return -1
		}
		key := b[i+1 : end-1]
		for _, c := range key {
			if c == '\\' {
				return -1
			}
		}
		if i = b.space(end); i >= len(b) || b[i] != ':' {
			return -1
		}
		if i = member(key, b.space(i+1)); i < 0 {
			return -1
		}
		if i = b.space(i); i >= len(b) {
			return -1
		}
		switch b[i] {
		case ',':
			i = b.space(i + 1)
		case '}':
			return i + 1
		default:
			return -1
		}
	}
	return -1
}

// array reads the array at i, calling elem with the index of each element;
// elem returns the index after it.
func (b jsonScanner) array(i int, elem func(i int) int) int {
	i = b.space(i)
	if i >= len(b) || b[i] != '[' {
		return -1
	}
	if i = b.space(i + 1); i < len(b) && b[i] == ']' {
		return i + 1
	}
	for i < len(b) {
		if i = elem(i); i < 0 {
			return -1
		}
		if i = b.space(i); i >= len(b) {
			return -1
		}
		switch b[i] {
		case ',':
			i = b.space(i + 1)
		case ']':
			return i + 1
		default:
			return -1
		}
	}
	return -1
}

// str returns the index after the string starting at i.
func (b jsonScanner) str(i int) int {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return -1
}

// skip returns the index after the value at i. Objects and arrays are
// skipped by counting brackets outside strings; a value is checked only as
// far as finding its end needs (the full decode that follows checks it).
func (b jsonScanner) skip(i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		return b.str(i)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				if j = b.str(j); j < 0 {
					return -1
				}
				j--
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	}
	j := i // a number, true, false or null
	for j < len(b) && b[j] != ',' && b[j] != '}' && b[j] != ']' && b[j] != ' ' && b[j] != '\n' && b[j] != '\r' && b[j] != '\t' {
		j++
	}
	if j == i {
		return -1
	}
	return j
}
