package esgo

import (
	"context"

	"github.com/esgo/esgo/api"
	"github.com/esgo/esgo/transport"
)

// Version is the version of this library.
const Version = transport.Version

// Client is an Elasticsearch client: the whole REST API (through the
// embedded *api.API) over a Transport, with error statuses turned into
// *transport.Error. It is safe for concurrent use; create one per cluster
// and share it.
type Client struct {
	*api.API
	transport *transport.Transport
}

// New returns a Client configured by opts. Without WithAddresses or
// WithCloudID it connects to ELASTICSEARCH_URL (comma-separated URLs) or,
// when that is empty, to http://localhost:9200. New performs no I/O;
// configuration mistakes are returned as *transport.ConfigError.
func New(opts ...Option) (*Client, error) {
	t, err := transport.New(opts...)
	if err != nil {
		return nil, err
	}
	c := &Client{transport: t}
	c.API = api.New(c)
	return c, nil
}

// Perform sends req through the transport and returns the response when its
// status is below 300, is listed in req.Ignore, or is a 404 to a HEAD
// request (the rule of transport.CheckStatus). Any other status is returned
// as a *transport.Error (the body is read and closed). Transport failures
// are returned as they are (*transport.ConnectionError,
// *transport.TimeoutError, ...). Perform implements transport.Interface.
func (c *Client) Perform(ctx context.Context, req *transport.Request) (*transport.Response, error) {
	resp, err := c.transport.Perform(ctx, req)
	if err != nil {
		return nil, err
	}
	if err := transport.CheckStatus(req, resp); err != nil {
		return nil, err
	}
	return resp, nil
}

// Transport returns the underlying transport.
func (c *Client) Transport() *transport.Transport { return c.transport }

// NodeStats returns the state and counters (requests, failures, latency,
// dead/alive) of every node in the pool.
func (c *Client) NodeStats() []transport.NodeStats { return c.transport.NodeStats() }

// ServerInfo returns the product and version of the server, detecting them
// if needed.
func (c *Client) ServerInfo(ctx context.Context) (transport.ServerInfo, error) {
	return c.transport.ServerInfo(ctx)
}

// Sniff discovers the cluster's nodes now and uses them from then on.
func (c *Client) Sniff(ctx context.Context) error { return c.transport.Sniff(ctx) }

// Close releases idle connections; the client stays usable.
func (c *Client) Close() error { return c.transport.Close() }

var _ transport.Interface = (*Client)(nil)

// Compile-time check that the client's own methods leave the embedded API's
// namespaces (client.Nodes, client.Indices ...) reachable.
var _ = func(c *Client) *api.NodesAPI { return c.Nodes }
