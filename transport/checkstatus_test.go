package transport

import (
	"errors"
	"io"
	"strings"
	"testing"
)

func TestCheckStatus(t *testing.T) {
	for _, tc := range []struct {
		method string
		ignore []int
		status int
		err    error // nil: accepted
	}{
		{"GET", nil, 200, nil},
		{"POST", nil, 201, nil},
		{"GET", nil, 299, nil},
		{"GET", nil, 300, ErrUnexpectedStatus},
		{"GET", nil, 404, ErrNotFound},
		{"GET", []int{404}, 404, nil},
		{"HEAD", nil, 404, nil},
		{"HEAD", nil, 500, ErrServerError},
		{"DELETE", []int{404}, 409, ErrConflict},
		{"PUT", []int{409}, 409, nil},
	} {
		req := &Request{Method: tc.method, Path: "/x/_doc/1", Ignore: tc.ignore}
		resp := &Response{StatusCode: tc.status, Node: "http://n1", Body: io.NopCloser(strings.NewReader(`{"error":{"type":"t","reason":"r"}}`))}
		err := CheckStatus(req, resp)
		if tc.err == nil {
			if err != nil {
				t.Errorf("%s %d ignore %v: %v, want accepted", tc.method, tc.status, tc.ignore, err)
			}
			continue
		}
		var e *Error
		if !errors.Is(err, tc.err) || !errors.As(err, &e) {
			t.Errorf("%s %d ignore %v: %v, want an *Error matching %v", tc.method, tc.status, tc.ignore, err, tc.err)
			continue
		}
		if e.Method != tc.method || e.Path != "/x/_doc/1" || e.Node != "http://n1" || e.Type != "t" || e.Status != tc.status {
			t.Errorf("%s %d: error %+v, want the request's method and path, the node, the parsed body", tc.method, tc.status, e)
		}
	}
}
