package connections_test

import (
	"fmt"

	"github.com/esgo/esgo/dsl"
	"github.com/esgo/esgo/dsl/connections"
	"github.com/esgo/esgo/transport"
)

// Named connections are registered once and used by alias.
func ExampleConnections() {
	var prod, analytics transport.Interface // for example *esgo.Client values
	connections.Default.Add(connections.DefaultAlias, prod)
	connections.Default.Add("analytics", analytics)
	connections.Default.Configure("lazy", func() (transport.Interface, error) {
		return prod, nil // created on first use, e.g. esgo.New(esgo.WithAddresses(...))
	})
	s := dsl.NewSearch("metrics").UsingAlias("analytics") // no alias: the default connection
	_ = s
	fmt.Println(connections.Default.Aliases())
	_ = connections.Default.Remove("lazy")
	fmt.Println(connections.Default.Aliases())
	_ = connections.Default.Remove("analytics")
	_ = connections.Default.Remove(connections.DefaultAlias)
	// Output:
	// [analytics default lazy]
	// [analytics default]
}
