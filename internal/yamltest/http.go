package yamltest

import (
	"bytes"
	"context"
	"io"
	"net/http"

	"github.com/esgo/esgo/internal/rawtransport"
	"github.com/esgo/esgo/transport"
)

// HTTPTransport is the runner's minimal transport.Interface: one node, no
// retries, and every status returned as a response, which the runner needs
// to check catches and error bodies. It sends through internal/rawtransport,
// the module's one test transport.
type HTTPTransport struct {
	// URL is the base URL of the node, such as "http://127.0.0.1:9200".
	URL string
	// Client sends the requests; nil means http.DefaultClient.
	Client *http.Client
	// Username and Password, when set, are sent as basic auth.
	Username, Password string
}

// Perform implements transport.Interface.
func (h *HTTPTransport) Perform(ctx context.Context, req *transport.Request) (*transport.Response, error) {
	hc := h.Client
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := rawtransport.New(h.URL).WithHTTPClient(hc).WithBasicAuth(h.Username, h.Password).Perform(ctx, req)
	if err != nil {
		return nil, err
	}
	// Read the body now, so that the runner may leave it unclosed.
	data, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(data))
	return resp, nil
}
