package scan

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"

	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/transport"
	"github.com/esgo/esgo/types"
)

// ErrSearchAfter is matched (errors.Is) by the error refusing a
// search_after page that cannot be built: a search without a sort, a last
// hit without sort values, or sort values whose count changed from one page
// to the next. [SearchAfter], [PointInTime] and [NextSearchAfter] refuse
// with it instead of sending a request the server would reject or that
// would skip or repeat hits.
var ErrSearchAfter = errors.New("scan: cannot build the next search_after page")

// NextSearchAfter returns the search_after values of the page after hits:
// the sort values of the last hit, exactly as the server sent them. width
// is the number of sort values of the previous pages' hits (0 for the
// first page). It refuses, with an error matching [ErrSearchAfter], a last
// hit without sort values and a count of sort values other than width.
// hits must not be empty.
func NextSearchAfter[T any](hits []Hit[T], width int) (types.SortResults, error) {
	if len(hits) == 0 {
		return nil, fmt.Errorf("%w: no hits to search after", ErrSearchAfter)
	}
	last := hits[len(hits)-1]
	if err := checkSortValues(len(last.Sort), width, last.ID); err != nil {
		return nil, err
	}
	return last.Sort, nil
}

// checkSortValues is the one check of a last hit's sort values: n of them,
// where the previous pages had width (0: no previous page); id names the
// hit when known.
func checkSortValues(n, width int, id string) error {
	hit := "the last hit"
	if id != "" {
		hit = fmt.Sprintf("hit %q", id)
	}
	if n == 0 {
		return fmt.Errorf("%w: %s has no sort values (is the search sorted?)", ErrSearchAfter, hit)
	}
	if width != 0 && n != width {
		return fmt.Errorf("%w: %s has %d sort values, the previous page's last hit had %d", ErrSearchAfter, hit, n, width)
	}
	return nil
}

// SearchAfter yields every hit of the search body query on index, page
// after page with search_after, without a point in time, decoding each
// _source into T. Each page is built from the sort values of the previous
// page's last hit as the server sent them (exact, also for longs above
// 2^53). Unlike [PointInTime], the pages do not see one snapshot of the
// index: changes between two pages show.
//
// query must have a sort (with a unique tiebreaker, such as a keyword copy
// of the id, for no hit to be skipped or repeated); without one, or when a
// page cannot be built (see [ErrSearchAfter]), the iteration ends with an
// error matching ErrSearchAfter. WithSlices is refused: slicing needs a
// scroll or a point in time.
func SearchAfter[T any](ctx context.Context, client transport.Interface, index string, query any, opts ...Option) iter.Seq2[Hit[T], error] {
	return func(yield func(Hit[T], error) bool) {
		cfg, err := newConfig(opts)
		if err == nil && cfg.slices > 1 {
			err = configError("WithSlices", cfg.slices, "SearchAfter reads without a point in time, which slicing needs")
		}
		if err != nil {
			yield(Hit[T]{}, err)
			return
		}
		body, size, err := pageBody(query, &cfg)
		if err != nil {
			yield(Hit[T]{}, err)
			return
		}
		if _, ok := body["sort"]; !ok {
			yield(Hit[T]{}, fmt.Errorf("%w: the query has no sort", ErrSearchAfter))
			return
		}
		a := api.New(client)
		pg := &pager{a: a, cfg: &cfg, index: indexList(index)}
		read := func(ctx context.Context, _ int, emit func([]Hit[T]) bool) error {
			return pages(ctx, pg, body, size, emit)
		}
		run(ctx, 1, read, yield)
	}
}

// pageBody is the search body of SearchAfter and PointInTime: query with
// the configured page size unless it has its own, and no total counted
// unless it asks for one; size is the page size.
func pageBody(query any, cfg *config) (body map[string]json.RawMessage, size int, err error) {
	body, err = searchBody(query)
	if err != nil {
		return nil, 0, err
	}
	if _, ok := body["size"]; !ok {
		body["size"] = mustJSON(cfg.size)
	}
	if _, ok := body["track_total_hits"]; !ok {
		body["track_total_hits"] = json.RawMessage("false")
	}
	if err := json.Unmarshal(body["size"], &size); err != nil || size < 1 {
		return nil, 0, errors.New("scan: the query's size must be a positive number")
	}
	return body, size, nil
}

// pager is where the search_after pages of SearchAfter and PointInTime are
// sent: the point in time p, or, without one, the indices index.
type pager struct {
	a     *api.API
	cfg   *config
	p     *pit
	index []string
}

// start requests the page after the sort values searchAfter (the first
// page when nil) and reads its answer whole.
func (pg *pager) start(ctx context.Context, body map[string]json.RawMessage, searchAfter json.RawMessage) *fetch {
	b := make(map[string]json.RawMessage, len(body)+2)
	for k, v := range body {
		b[k] = v
	}
	req := api.SearchRequest{RawBody: b}
	if pg.p != nil {
		b["pit"] = mustJSON(map[string]string{"id": pg.p.current(), "keep_alive": keepAlive(pg.cfg.keepAlive)})
	} else {
		req.Index = pg.index
	}
	if searchAfter != nil {
		b["search_after"] = searchAfter
	}
	q := pg.cfg.query
	if pg.p != nil {
		q = nil // a point-in-time search takes them when it opens
	}
	return startFetch(ctx, func(ctx context.Context) (*transport.Response, error) {
		return pg.a.Raw.Search(ctx, req, requestOption(pg.cfg), withQuery(q))
	})
}

// sortWidth is the number of values of the raw sort array last (0 when it
// is not an array).
func sortWidth(last json.RawMessage) int {
	var vs []json.RawMessage
	if err := json.Unmarshal(last, &vs); err != nil {
		return 0
	}
	return len(vs)
}
