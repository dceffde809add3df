package connections_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/dsl/connections"
	"github.com/esgo/esgo/transport"
)

// nopConn is a transport that is never called: the registry only stores
// and hands back connections.
type nopConn struct{ name string }

func (nopConn) Perform(context.Context, *transport.Request) (*transport.Response, error) {
	return nil, errors.New("not called")
}

func TestConnectionsRegistry(t *testing.T) {
	var reg connections.Connections
	if _, err := reg.Get(""); !errors.Is(err, connections.ErrNoConnection) {
		t.Errorf("empty registry: %v", err)
	}
	a := &nopConn{"a"}
	reg.Add("default", a)
	if c, err := reg.Default(); err != nil || c != a {
		t.Errorf("Default = %v, %v", c, err)
	}
	calls := 0
	reg.Configure("lazy", func() (transport.Interface, error) { calls++; return a, nil })
	if calls != 0 {
		t.Error("Configure created the connection eagerly")
	}
	for range 3 {
		if c, err := reg.Get("lazy"); err != nil || c != a {
			t.Fatalf("Get lazy = %v, %v", c, err)
		}
	}
	if calls != 1 {
		t.Errorf("factory called %d times", calls)
	}
	reg.Configure("broken", func() (transport.Interface, error) { return nil, errors.New("boom") })
	if _, err := reg.Get("broken"); err == nil || !strings.Contains(err.Error(), "boom") || !strings.Contains(err.Error(), "broken") {
		t.Errorf("broken factory: %v", err)
	}
	if got := strings.Join(reg.Aliases(), ","); got != "broken,default,lazy" {
		t.Errorf("aliases = %s", got)
	}
	if err := reg.Remove("lazy"); err != nil {
		t.Fatal(err)
	}
	if err := reg.Remove("lazy"); !errors.Is(err, connections.ErrNoConnection) {
		t.Errorf("second remove: %v", err)
	}
	if _, err := reg.Create("x", func() (transport.Interface, error) { return a, nil }); err != nil {
		t.Fatal(err)
	}
	if c, _ := reg.Get("x"); c != a {
		t.Error("Create did not register")
	}
}

func TestConnectionsCreateClient(t *testing.T) {
	var reg connections.Connections
	client, err := reg.CreateClient("c", esgo.WithAddresses("http://127.0.0.1:9"))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := reg.Get("c"); err != nil || got != client {
		t.Errorf("Get = %v, %v", got, err)
	}
	reg.ConfigureClient("lazy", esgo.WithAddresses("http://127.0.0.1:9"))
	if got, err := reg.Get("lazy"); err != nil || got == nil {
		t.Errorf("lazy = %v, %v", got, err)
	}
	if _, err := reg.CreateClient("bad", esgo.WithAddresses("::not a url")); err == nil {
		t.Error("bad address accepted")
	}
}

func TestResolve(t *testing.T) {
	a := &nopConn{"explicit"}
	if c, err := connections.Resolve(a, "whatever"); err != nil || c != a {
		t.Errorf("explicit connection: %v, %v", c, err)
	}
	if _, err := connections.Resolve(nil, "connections-test-missing"); !errors.Is(err, connections.ErrNoConnection) {
		t.Errorf("missing alias: %v", err)
	}
	connections.Default.Add("connections-test", a)
	t.Cleanup(func() { _ = connections.Default.Remove("connections-test") })
	if c, err := connections.Resolve(nil, "connections-test"); err != nil || c != a {
		t.Errorf("alias in Default: %v, %v", c, err)
	}
}
