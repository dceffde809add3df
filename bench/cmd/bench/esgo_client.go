package main

import (
	"fmt"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/transport"
)

// esgoTransportKind says, in the results, what carried esgo's requests.
const esgoTransportKind = "esgo.New (esgo's own client and transport, default options)"

// newEsgoTransport returns the client the esgo helpers run on: esgo.New
// with nothing but the address, as a user would write it.
func newEsgoTransport(baseURL string) (transport.Interface, error) {
	if baseURL == "" {
		return nil, fmt.Errorf("newEsgoTransport: empty URL")
	}
	return esgo.New(esgo.WithAddresses(baseURL))
}
