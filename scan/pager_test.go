package scan_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/esgo/esgo/eslocal/eslocaltest"
	"github.com/esgo/esgo/internal/rawtransport"
	"github.com/esgo/esgo/scan"
	"github.com/esgo/esgo/transport"
	"github.com/esgo/esgo/types"
)

// TestNextSearchAfterRefusals: each page NextSearchAfter cannot build is
// refused with ErrSearchAfter; a page it can build gets the last hit's sort
// values exactly.
func TestNextSearchAfterRefusals(t *testing.T) {
	long := types.FieldValueFromLong(1<<53 + 1)
	hit := func(id string, sort ...types.FieldValue) scan.Hit[doc] {
		return scan.Hit[doc]{ID: id, Sort: sort}
	}
	for name, c := range map[string]struct {
		hits  []scan.Hit[doc]
		width int
	}{
		"no hits":                  {nil, 0},
		"last hit without sort":    {[]scan.Hit[doc]{hit("1", long), hit("2")}, 0},
		"sort values count grew":   {[]scan.Hit[doc]{hit("1", long, long)}, 1},
		"sort values count shrank": {[]scan.Hit[doc]{hit("1", long)}, 2},
	} {
		if after, err := scan.NextSearchAfter(c.hits, c.width); !errors.Is(err, scan.ErrSearchAfter) {
			t.Errorf("%s: %v, %v; want ErrSearchAfter", name, after, err)
		}
	}
	after, err := scan.NextSearchAfter([]scan.Hit[doc]{hit("1", long), hit("2", long, types.FieldValueFromString("b"))}, 2)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := json.Marshal(after); string(b) != `[9007199254740993,"b"]` {
		t.Errorf("search_after %s", b)
	}
}

// TestSearchAfterRefusals: SearchAfter refuses a query without a sort
// before any request, and ends with ErrSearchAfter, after the hits read,
// when a page's last hit has no sort values or a count of sort values
// other than the previous page's. A sorted search on a real server always
// returns as many sort values per hit, so a fake server plays the wrong
// answers.
func TestSearchAfterRefusals(t *testing.T) {
	for name, pages := range map[string][]string{
		"no sort": nil,
		"hit without sort values": {
			`{"_shards":{"total":1,"successful":1},"hits":{"hits":[{"_id":"1","_source":{"n":1}}]}}`,
		},
		"sort values count changed": {
			`{"_shards":{"total":1,"successful":1},"hits":{"hits":[{"_id":"1","_source":{"n":1},"sort":[1,"a"]}]}}`,
			`{"_shards":{"total":1,"successful":1},"hits":{"hits":[{"_id":"2","_source":{"n":2},"sort":[2]}]}}`,
		},
	} {
		var requests atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			i := int(requests.Add(1)) - 1
			if i >= len(pages) {
				http.Error(w, `{"error":"unexpected request"}`, http.StatusInternalServerError)
				return
			}
			io.WriteString(w, pages[i])
		}))
		query := `{"size":1,"sort":[{"n":"asc"}]}`
		if pages == nil {
			query = `{"size":1}`
		}
		var ids []string
		var last error
		for h, err := range scan.SearchAfter[doc](context.Background(), rawtransport.New(srv.URL), "i", query) {
			if err != nil {
				last = err
				continue
			}
			ids = append(ids, h.ID)
		}
		srv.Close()
		if !errors.Is(last, scan.ErrSearchAfter) {
			t.Errorf("%s: error %v, want ErrSearchAfter", name, last)
		}
		if want := len(pages); int(requests.Load()) != want || len(ids) != want {
			t.Errorf("%s: %d requests, hits %v; want %d of each", name, requests.Load(), ids, want)
		}
	}
}

// TestSearchAfterPages pages through 3+ pages with search_after, without
// and with a point in time, sorted on a long above 2^53 where a float64
// would merge neighbours: every hit comes once, in order, and its sort
// value is the exact long.
func TestSearchAfterPages(t *testing.T) {
	tr := rawtransport.New(eslocaltest.Elasticsearch(t).URL())
	index := uniqueIndex(t)
	const n, base = 25, int64(1)<<53 + 1
	do(t, tr, "PUT", "/"+index, map[string]any{
		"settings": map[string]any{"number_of_shards": 2, "number_of_replicas": 0},
		"mappings": map[string]any{"properties": map[string]any{"big": map[string]any{"type": "long"}}},
	}, nil)
	t.Cleanup(func() { do(t, tr, "DELETE", "/"+index, nil, nil) })
	for i := range n {
		do(t, tr, "PUT", "/"+index+"/_doc/"+strconv.Itoa(i), json.RawMessage(`{"big":`+strconv.FormatInt(base+int64(i), 10)+`}`), nil)
	}
	do(t, tr, "POST", "/"+index+"/_refresh", nil, nil)
	type bigDoc struct {
		Big int64 `json:"big"`
	}
	query := `{"sort":[{"big":"asc"}]}`
	for name, seq := range map[string]func(func(scan.Hit[bigDoc], error) bool){
		"without a point in time": scan.SearchAfter[bigDoc](context.Background(), tr, index, query, scan.WithSize(7)),
		"with a point in time":    scan.PointInTime[bigDoc](context.Background(), tr, index, query, scan.WithSize(7)),
	} {
		i := 0
		for h, err := range seq {
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			want := base + int64(i)
			if h.ID != strconv.Itoa(i) || h.Source.Big != want {
				t.Fatalf("%s: hit %d is %s with big=%d, want %d with %d", name, i, h.ID, h.Source.Big, i, want)
			}
			if len(h.Sort) == 0 {
				t.Fatalf("%s: hit %s has no sort values", name, h.ID)
			}
			if got, err := h.Sort[0].AsLong(); err != nil || got != want {
				t.Fatalf("%s: hit %s sorts on %v (%v), want %d", name, h.ID, got, err, want)
			}
			i++
		}
		if i != n {
			t.Errorf("%s: %d hits, want %d", name, i, n)
		}
	}
}

// TestOpenAndClosePointInTime: the point in time PointInTime uses, opened
// and closed by the caller; closing it twice says the second time that it
// is gone.
func TestOpenAndClosePointInTime(t *testing.T) {
	openAndClosePointInTime(t, rawtransport.New(eslocaltest.Elasticsearch(t).URL()), true)
}

// TestOpenAndClosePointInTimeOpenSearch: the same on OpenSearch, whose
// API differs (its answer to Elasticsearch's close is a 400 naming an
// invalid index "_pit"). OpenSearch 3.8 answers a second close with 200,
// so that one is not checked.
func TestOpenAndClosePointInTimeOpenSearch(t *testing.T) {
	openAndClosePointInTime(t, rawtransport.New(eslocaltest.OpenSearch(t).URL()), false)
}

func openAndClosePointInTime(t *testing.T, tr *rawtransport.Transport, closedTwice bool) {
	index := uniqueIndex(t)
	do(t, tr, "PUT", "/"+index, nil, nil)
	t.Cleanup(func() { do(t, tr, "DELETE", "/"+index, nil, nil) })
	ctx := context.Background()
	id, err := scan.OpenPointInTime(ctx, tr, index, "1m")
	if err != nil || id == "" {
		t.Fatalf("open: %q, %v", id, err)
	}
	if err := scan.ClosePointInTime(ctx, tr, id); err != nil {
		t.Fatalf("close: %v", err)
	}
	var te *transport.Error
	if err := scan.ClosePointInTime(ctx, tr, id); closedTwice && (!errors.As(err, &te) || te.Status != http.StatusNotFound) {
		t.Errorf("second close: %v, want a 404", err)
	}
	if _, err := scan.OpenPointInTime(ctx, tr, "", "1m"); err == nil {
		t.Error("open without an index: no error")
	}
}
