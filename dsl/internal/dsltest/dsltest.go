// Package dsltest holds the fixtures shared by the integration tests of
// the DSL packages: a plain net/http transport to the shared test servers
// of eslocaltest, index cleanup, and the blog test index.
package dsltest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/esgo/esgo/dsl/document"
	"github.com/esgo/esgo/dsl/index"
	"github.com/esgo/esgo/eslocal/eslocaltest"
	"github.com/esgo/esgo/transport"
)

// Conn is a minimal transport.Interface over net/http, so the tests
// exercise the DSL packages alone (without esgo.Client) against real servers. It returns error
// statuses as responses, as a plain transport does.
type Conn struct {
	base string
	hc   *http.Client
	// Requests records "METHOD path" of every request.
	Requests []string
}

// NewConn returns a Conn to the server at base.
func NewConn(base string, hc *http.Client) *Conn {
	if hc == nil {
		hc = http.DefaultClient
	}
	return &Conn{base: strings.TrimRight(base, "/"), hc: hc}
}

// Perform implements transport.Interface.
func (c *Conn) Perform(ctx context.Context, req *transport.Request) (*transport.Response, error) {
	var body io.Reader
	switch b := req.Body.(type) {
	case nil:
	case string:
		body = strings.NewReader(b)
	case []byte:
		body = bytes.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			return nil, err
		}
		body = bytes.NewReader(data)
	}
	u := c.base + req.Path
	if len(req.Query) > 0 {
		u += "?" + req.Query.Encode()
	}
	hr, err := http.NewRequestWithContext(ctx, req.Method, u, body)
	if err != nil {
		return nil, err
	}
	for k, v := range req.Header {
		hr.Header[k] = v
	}
	if body != nil && hr.Header.Get("Content-Type") == "" {
		hr.Header.Set("Content-Type", "application/json")
	}
	c.Requests = append(c.Requests, req.Method+" "+req.Path)
	resp, err := c.hc.Do(hr)
	if err != nil {
		return nil, err
	}
	return &transport.Response{StatusCode: resp.StatusCode, Header: resp.Header, Body: resp.Body, Node: c.base}, nil
}

// ES returns a Conn to the shared Elasticsearch test server.
func ES(t *testing.T) *Conn {
	t.Helper()
	c := eslocaltest.Elasticsearch(t)
	return NewConn(c.URL(), c.HTTPClient())
}

// OpenSearch returns a Conn to the shared OpenSearch test server.
func OpenSearch(t *testing.T) *Conn {
	t.Helper()
	c := eslocaltest.OpenSearch(t)
	return NewConn(c.URL(), c.HTTPClient())
}

// DeleteIndexAtCleanup removes test indices whatever happens.
func DeleteIndexAtCleanup(t *testing.T, conn transport.Interface, names ...string) {
	t.Helper()
	del := func() {
		for _, n := range names {
			resp, err := conn.Perform(context.Background(), &transport.Request{Method: http.MethodDelete, Path: "/" + n})
			if err == nil {
				resp.Body.Close()
			}
		}
	}
	del()
	t.Cleanup(del)
}

// BlogComment is a comment of a BlogPost.
type BlogComment struct {
	Author string `json:"author" es:"keyword"`
	Text   string `json:"text"`
	Stars  int32  `json:"stars"`
}

// BlogPost is the document type of the blog test index.
type BlogPost struct {
	Title     string        `json:"title" es:"text,analyzer=standard,fields=raw:keyword"`
	Body      string        `json:"body"`
	Tags      []string      `json:"tags" es:"keyword"`
	Lines     int64         `json:"lines"`
	Stars     float64       `json:"stars"`
	Published time.Time     `json:"published"`
	Comments  []BlogComment `json:"comments"`
	Author    string        `json:"author" es:"keyword,required"`
}

// Validate rejects negative line counts (the Validator hook).
func (p *BlogPost) Validate() error {
	if p.Lines < 0 {
		return fmt.Errorf("lines must not be negative, got %d", p.Lines)
	}
	return nil
}

// Day parses a date such as "2024-01-10".
func Day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// BlogPosts are the documents of the blog test index, by id.
var BlogPosts = map[string]BlogPost{
	"1": {Title: "Python web frameworks", Body: "django and flask", Tags: []string{"python", "web"}, Lines: 120, Stars: 4.5, Published: Day("2024-01-10"), Author: "ann",
		Comments: []BlogComment{{Author: "kim", Text: "great", Stars: 5}, {Author: "lee", Text: "meh", Stars: 2}}},
	"2": {Title: "Go concurrency", Body: "goroutines and channels", Tags: []string{"go"}, Lines: 300, Stars: 5, Published: Day("2024-01-20"), Author: "bob",
		Comments: []BlogComment{{Author: "kim", Text: "nice", Stars: 4}}},
	"3": {Title: "Go web servers", Body: "net/http in depth", Tags: []string{"go", "web"}, Lines: 80, Stars: 3.5, Published: Day("2024-02-05"), Author: "ann"},
	"4": {Title: "Rust ownership", Body: "borrowing explained", Tags: []string{"rust"}, Lines: 200, Stars: 2, Published: Day("2024-03-01"), Author: "cid",
		Comments: []BlogComment{{Author: "lee", Text: "hard", Stars: 3}}},
	"5": {Title: "Python typing", Body: "mypy and pydantic", Tags: []string{"python"}, Lines: 50, Stars: 4, Published: Day("2024-03-15"), Author: "bob"},
}

// SetupBlog creates the index name of BlogPosts (deleted at the end of the
// test) through document.Type and returns the document type.
func SetupBlog(t *testing.T, conn *Conn, name string) *document.Type[BlogPost] {
	t.Helper()
	ctx := context.Background()
	DeleteIndexAtCleanup(t, conn, name)
	ix := index.New(name).Using(conn).Settings(index.NumberOfShards(2), index.NumberOfReplicas(0))
	docs, err := document.New[BlogPost](ix)
	if err != nil {
		t.Fatal(err)
	}
	if err := docs.Init(ctx); err != nil {
		t.Fatalf("Init: %v", err)
	}
	for id, p := range BlogPosts {
		res, err := docs.Save(ctx, &document.Doc[BlogPost]{Meta: document.Meta{ID: id}, Source: p})
		if err != nil {
			t.Fatalf("Save %s: %v", id, err)
		}
		if res != "created" {
			t.Fatalf("Save %s: result %q, want created", id, res)
		}
	}
	if err := ix.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	return docs
}

// Address, Comment and Post are the document types of the differential
// cases of dsl/mapping and dsl/index (the Python side defines the same
// classes).
type Address struct {
	Street string `json:"street"`
	Zip    string `json:"zip" es:"keyword"`
}

// Comment is nested in Post.
type Comment struct {
	Author  string    `json:"author" es:"keyword"`
	Text    string    `json:"text"`
	Likes   int64     `json:"likes"`
	Created time.Time `json:"created"`
}

// Post holds an object and nested comments.
type Post struct {
	Title    string    `json:"title"`
	Address  Address   `json:"address"`
	Comments []Comment `json:"comments"`
	Tags     []string  `json:"tags" es:"keyword"`
}
