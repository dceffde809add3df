package scan_test

import (
	"context"
	"errors"
	"testing"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/eslocal/eslocaltest"
	"github.com/esgo/esgo/scan"
)

// The iterators over *esgo.Client: its typed errors come through, and a
// whole read matches.
func TestWithEsgoClient(t *testing.T) {
	_, index := docsIndex(t)
	c, err := esgo.New(esgo.WithAddresses(eslocaltest.Elasticsearch(t).URL()))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()
	checkAll(t, "pit over esgo.Client", scan.PointInTime[doc](ctx, c, index, nil, scan.WithSlices(2)), numDocs, 2)
	checkAll(t, "scroll over esgo.Client", scan.Scroll[doc](ctx, c, index, nil), numDocs, 1)
	for _, seq := range []func(func(scan.Hit[doc], error) bool){
		scan.Scroll[doc](ctx, c, "no-such-index-y", nil),
		scan.PointInTime[doc](ctx, c, "no-such-index-y", nil),
	} {
		n := 0
		for _, err := range seq {
			n++
			if !errors.Is(err, esgo.ErrNotFound) {
				t.Errorf("err = %v, want esgo.ErrNotFound", err)
			}
		}
		if n != 1 {
			t.Errorf("%d yields for a missing index", n)
		}
	}
}
