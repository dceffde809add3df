package connections

import (
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/clusters"
	"github.com/esgo/esgo/transport"
)

// DefaultAlias is the alias used when none is given.
const DefaultAlias = "default"

// ErrNoConnection is returned (wrapped) when no connection is registered
// under an alias.
var ErrNoConnection = errors.New("connections: no such connection")

// Connections is a registry of named connections. Its methods are safe for
// concurrent use. The package-level Default is what a dsl.Search, an
// index.Index or a document.Type uses when not given a connection explicitly.
type Connections struct {
	mu      sync.Mutex
	conns   map[string]transport.Interface
	pending map[string]func() (transport.Interface, error)
}

// Default is the registry used when no connection is given explicitly.
var Default = &Connections{}

// Add registers conn under alias, replacing any previous one.
func (c *Connections) Add(alias string, conn transport.Interface) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.conns == nil {
		c.conns = map[string]transport.Interface{}
	}
	c.conns[alias] = conn
	delete(c.pending, alias)
}

// Configure registers a factory under alias; the connection is created on
// first use by Get. A configured alias replaces an existing connection.
func (c *Connections) Configure(alias string, factory func() (transport.Interface, error)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pending == nil {
		c.pending = map[string]func() (transport.Interface, error){}
	}
	c.pending[alias] = factory
	delete(c.conns, alias)
}

// Create runs factory now and registers its connection under alias.
func (c *Connections) Create(alias string, factory func() (transport.Interface, error)) (transport.Interface, error) {
	conn, err := factory()
	if err != nil {
		return nil, fmt.Errorf("connections: create connection %q: %w", alias, err)
	}
	c.Add(alias, conn)
	return conn, nil
}

// Remove unregisters alias; it fails with ErrNoConnection if nothing is
// registered under it.
func (c *Connections) Remove(alias string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok1 := c.conns[alias]
	_, ok2 := c.pending[alias]
	if !ok1 && !ok2 {
		return fmt.Errorf("%w: %q", ErrNoConnection, alias)
	}
	delete(c.conns, alias)
	delete(c.pending, alias)
	return nil
}

// Get returns the connection registered under alias ("" means
// DefaultAlias), creating a configured one on first use.
func (c *Connections) Get(alias string) (transport.Interface, error) {
	if alias == "" {
		alias = DefaultAlias
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if conn, ok := c.conns[alias]; ok {
		if conn == nil {
			return nil, fmt.Errorf("%w: %q is registered as nil", ErrNoConnection, alias)
		}
		return conn, nil
	}
	f, ok := c.pending[alias]
	if !ok {
		return nil, fmt.Errorf("%w: %q", ErrNoConnection, alias)
	}
	conn, err := f()
	if err != nil {
		return nil, fmt.Errorf("connections: create connection %q: %w", alias, err)
	}
	if c.conns == nil {
		c.conns = map[string]transport.Interface{}
	}
	c.conns[alias] = conn
	delete(c.pending, alias)
	return conn, nil
}

// Default returns the connection registered under DefaultAlias.
func (c *Connections) Default() (transport.Interface, error) { return c.Get(DefaultAlias) }

// Aliases returns the registered aliases, sorted.
func (c *Connections) Aliases() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for a := range c.conns {
		out = append(out, a)
	}
	for a := range c.pending {
		out = append(out, a)
	}
	slices.Sort(out)
	return out
}

// Resolve picks the connection of a request: conn when it is not nil, else
// the connection registered under alias ("" means DefaultAlias) in Default.
func Resolve(conn transport.Interface, alias string) (transport.Interface, error) {
	if conn != nil {
		return conn, nil
	}
	return Default.Get(alias)
}

// CreateClient creates an *esgo.Client with opts (Python's
// create_connection(alias, **kwargs)) and registers it under alias.
func (c *Connections) CreateClient(alias string, opts ...esgo.Option) (*esgo.Client, error) {
	client, err := esgo.New(opts...)
	if err != nil {
		return nil, fmt.Errorf("connections: create connection %q: %w", alias, err)
	}
	c.Add(alias, client)
	return client, nil
}

// ConfigureClient registers an *esgo.Client to be created with opts on
// first use of alias (Python's configure(**kwargs)).
func (c *Connections) ConfigureClient(alias string, opts ...esgo.Option) {
	c.Configure(alias, func() (transport.Interface, error) { return esgo.New(opts...) })
}

// LoadClusters configures one connection per named cluster of the clusters
// file at path (the file the esgo command's --cluster and esgo config use;
// "" means clusters.DefaultPath), and the file's current cluster also under
// DefaultAlias. Clients are created on first use.
func (c *Connections) LoadClusters(path string) error {
	if path == "" {
		p, err := clusters.DefaultPath()
		if err != nil {
			return err
		}
		path = p
	}
	cfg, err := clusters.Load(path)
	if err != nil {
		return err
	}
	for _, name := range cfg.Names() {
		c.ConfigureClient(name, cfg.Clusters[name].Options()...)
	}
	if cur, err := cfg.Get(""); err == nil {
		c.ConfigureClient(DefaultAlias, cur.Options()...)
	}
	return nil
}
