package api

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// ErrInvalidPart is matched by errors.Is when a path part has a value that
// cannot be sent: empty (an empty element of a list included), or "." or
// ".." where an index, alias or data stream is named.
var ErrInvalidPart = errors.New("invalid path part")

// InvalidPartError reports a path part that cannot be sent. It matches
// [ErrInvalidPart] with errors.Is.
//
// Path parts are escaped so that the server reads them as given and no
// proxy in between can reinterpret them: an ID, a name or any other part
// "." or ".." is sent percent-encoded ("%2E", "%2E%2E"), which Elasticsearch
// decodes to the same value, so Delete of the document ".." deletes that
// document and never becomes DELETE of the index at a proxy that resolves
// dot segments. An index, alias or data stream name "." or ".." is refused,
// as Elasticsearch refuses such names; an empty part, or an empty element
// of a list part, is refused everywhere, as it would change the path
// (POST //_search).
type InvalidPartError struct {
	// Endpoint is the spec name of the endpoint, such as "delete".
	Endpoint string
	// Part is the spec name of the part, such as "index".
	Part string
	// Value is the refused value ("" for an empty one).
	Value string
}

// Error implements error.
func (e *InvalidPartError) Error() string {
	if e.Value == "" {
		return fmt.Sprintf("api: %s: path part %q is empty (or has an empty element)", e.Endpoint, e.Part)
	}
	return fmt.Sprintf("api: %s: path part %q cannot be %q: no index, alias or data stream has that name", e.Endpoint, e.Part, e.Value)
}

// Is reports whether target is [ErrInvalidPart].
func (e *InvalidPartError) Is(target error) bool { return target == ErrInvalidPart }

// partChecker escapes the path parts of one request and keeps the first
// invalid one in err.
type partChecker struct {
	endpoint string
	err      error
}

func (c *partChecker) fail(part, value string) {
	if c.err == nil {
		c.err = &InvalidPartError{Endpoint: c.endpoint, Part: part, Value: value}
	}
}

// id escapes a part that Elasticsearch reads as any string (an ID, a name):
// "." and ".." are percent-encoded, "" is refused.
func (c *partChecker) id(part, v string) string {
	switch v {
	case "":
		c.fail(part, v)
		return ""
	case ".":
		return "%2E"
	case "..":
		return "%2E%2E"
	}
	return esc(v)
}

// index escapes an index, alias or data stream name (or pattern): "", "."
// and ".." are refused.
func (c *partChecker) index(part, v string) string {
	if v == "" || v == "." || v == ".." {
		c.fail(part, v)
		return ""
	}
	return esc(v)
}

// ids escapes a list part of IDs or names and joins them with ",".
func (c *partChecker) ids(part string, list []string) string {
	if len(list) == 1 {
		return c.id(part, list[0])
	}
	var b strings.Builder
	for i, s := range list {
		if s == "" {
			c.fail(part, s)
		}
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(esc(s))
	}
	return b.String()
}

// indices escapes a list of index, alias or data stream names (or
// patterns) and joins them with ",".
func (c *partChecker) indices(part string, list []string) string {
	var b strings.Builder
	for i, s := range list {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(c.index(part, s))
	}
	return b.String()
}

// esc escapes one path element, keeping "*" and "," readable.
func esc(s string) string {
	s = url.PathEscape(s)
	if strings.Contains(s, "%2") {
		s = strings.NewReplacer("%2A", "*", "%2C", ",").Replace(s)
	}
	return s
}
