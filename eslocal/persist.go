package eslocal

// Options for a cluster that outlives one process and keeps its data, as the
// esgo command's `esgo local start` runs it.

// WithHTTPPort asks for this HTTP port for the first node of an
// Elasticsearch 8+ cluster (default: a free port). The codelibs runners
// (OpenSearch, Elasticsearch 7) choose their own ports from 9201 up and
// ignore it.
func WithHTTPPort(port int) Option { return func(c *config) { c.httpPort = port } }

// WithKeepData keeps the nodes' data folders when the cluster stops, so that
// a later Start with the same WithDir (and the same cluster.name, set with
// WithSetting) finds the indices again. Without it Stop removes them.
func WithKeepData() Option { return func(c *config) { c.keepData = true } }
