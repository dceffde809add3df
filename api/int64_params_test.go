package api_test

import (
	"context"
	"errors"
	"testing"

	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/transport"
)

// The _seq_no, _primary_term and _version a response decodes (int64) go
// back into a conditional write as they are: the request parameters are
// *int64 too.
func TestOptimisticConcurrencyFromResponse(t *testing.T) {
	const index = "api-int64-params-it"
	client := freshIndex(t, index)
	ctx := context.Background()
	first, err := client.Index(ctx, api.IndexRequest{Index: index, ID: "1", RawBody: `{"n":1}`})
	if err != nil {
		t.Fatal(err)
	}
	got, err := client.Get(ctx, api.GetRequest{Index: index, ID: "1"})
	if err != nil {
		t.Fatal(err)
	}
	second, err := client.Index(ctx, api.IndexRequest{Index: index, ID: "1", RawBody: `{"n":2}`,
		IfSeqNo: got.SeqNo, IfPrimaryTerm: got.PrimaryTerm})
	if err != nil {
		t.Fatalf("write with the read's seq_no and primary_term: %v", err)
	}
	_, err = client.Index(ctx, api.IndexRequest{Index: index, ID: "1", RawBody: `{"n":3}`,
		IfSeqNo: first.SeqNo, IfPrimaryTerm: first.PrimaryTerm})
	if !errors.Is(err, transport.ErrConflict) {
		t.Fatalf("stale seq_no: err = %v, want a conflict", err)
	}
	// An external version above 2^31 is sent as it is.
	v := second.Version + 1<<40
	third, err := client.Index(ctx, api.IndexRequest{Index: index, ID: "1", RawBody: `{"n":4}`,
		Version: &v, VersionType: api.VersionTypeExternal})
	if err != nil || third.Version != v {
		t.Fatalf("external version %d: %+v, %v", v, third, err)
	}
	if _, err := client.Get(ctx, api.GetRequest{Index: index, ID: "1", Version: &v}); err != nil {
		t.Errorf("get at version %d: %v", v, err)
	}
}
