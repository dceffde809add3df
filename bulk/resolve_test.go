package bulk_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/esgo/esgo/bulk"
	"github.com/esgo/esgo/transport"
)

// TestLostAnswerSettlingRules: after a lost answer, each 409 on the repeat
// is settled from the stored document: the same JSON value (keys in another
// order) is ours, another document a conflict, a missing document or a
// failed _mget an unknown outcome; an item with a pipeline is not looked up
// (the stored document is not the one sent) and stays unknown.
func TestLostAnswerSettlingRules(t *testing.T) {
	for _, mgetFails := range []bool{false, true} {
		t.Run(fmt.Sprint("mget fails=", mgetFails), func(t *testing.T) {
			var mu sync.Mutex
			bulks := 0
			var asked []string
			tr := transportFunc(func(ctx context.Context, req *transport.Request) (*transport.Response, error) {
				mu.Lock()
				defer mu.Unlock()
				switch {
				case strings.HasSuffix(req.Path, "/_bulk"):
					bulks++
					if bulks == 1 {
						return nil, &transport.OutcomeUnknownError{Method: req.Method, Path: req.Path,
							Err: &transport.ConnectionError{Node: "n", Err: errors.New("EOF")}}
					}
					return okFor(t, req, http.StatusConflict), nil
				case strings.HasSuffix(req.Path, "/_mget"):
					var body struct {
						Docs []struct {
							ID string `json:"_id"`
						} `json:"docs"`
					}
					b, _ := json.Marshal(req.Body)
					_ = json.Unmarshal(b, &body)
					docs := make([]map[string]any, len(body.Docs))
					for i, d := range body.Docs {
						asked = append(asked, d.ID)
						switch d.ID {
						case "same":
							docs[i] = map[string]any{"_index": "i", "_id": d.ID, "found": true, "_seq_no": 7, "_primary_term": 1, "_version": 1,
								"_source": json.RawMessage(`{"b":[1,2],"a":"x"}`)}
						case "other":
							docs[i] = map[string]any{"_index": "i", "_id": d.ID, "found": true, "_source": json.RawMessage(`{"a":"y","b":[1,2]}`)}
						default:
							docs[i] = map[string]any{"_index": "i", "_id": d.ID, "found": false}
						}
					}
					if mgetFails {
						return jsonResponse(http.StatusServiceUnavailable, map[string]any{"error": map[string]any{"type": "x", "reason": "y"}, "status": 503}), nil
					}
					return jsonResponse(http.StatusOK, map[string]any{"docs": docs}), nil
				}
				return nil, fmt.Errorf("unexpected %s %s", req.Method, req.Path)
			})
			results := map[string]bulk.Result{}
			record := func(r bulk.Result) { mu.Lock(); results[r.ID] = r; mu.Unlock() }
			ix, err := bulk.New(tr, bulk.WithIndex("i"), bulk.WithWorkers(1), bulk.WithRetries(2, 0, 0),
				bulk.OnSuccess(record), bulk.OnFailure(record))
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			doc := json.RawMessage(`{"a":"x","b":[1,2]}`)
			for _, it := range []bulk.Item{
				{Action: bulk.Create, ID: "same", Body: doc},
				{Action: bulk.Create, ID: "other", Body: doc},
				{Action: bulk.Create, ID: "gone", Body: doc},
				{Action: bulk.Create, ID: "piped", Body: doc, Pipeline: "p"},
			} {
				if err := ix.Add(ctx, it); err != nil {
					t.Fatal(err)
				}
			}
			_ = ix.Close(ctx)
			if fmt.Sprint(asked) != "[same other gone]" {
				t.Errorf("_mget asked for %v, want [same other gone]", asked)
			}
			unknown := func(id string) {
				if err := results[id].Err; !errors.Is(err, transport.ErrOutcomeUnknown) {
					t.Errorf("%s: %v, want an unknown outcome", id, err)
				}
			}
			unknown("gone")
			unknown("piped")
			if mgetFails {
				unknown("same")
				unknown("other")
				return
			}
			if r := results["same"]; r.Err != nil || r.Status != http.StatusCreated || r.SeqNo != 7 {
				t.Errorf("same: %+v, want created with the stored _seq_no", r)
			}
			if err := results["other"].Err; err == nil || errors.Is(err, transport.ErrOutcomeUnknown) || !errors.Is(err, transport.ErrConflict) {
				t.Errorf("other: %v, want a conflict", err)
			}
		})
	}
}
