// Package yamltest runs Elasticsearch client YAML REST tests (the format of
// Elastic's client test suite) through the generated package api.
//
// A test file is a YAML stream: an optional `requires:` document, then
// optional `setup` and `teardown` sections and named tests. Each test is a
// list of steps: do, set, transform_and_set, match, length, is_true,
// is_false, gt, gte, lt, lte, contains, exists and skip. A `do` step names an
// endpoint by its spec name (indices.create) and is mapped onto the
// generated API by a dispatch table that internal/gen writes
// (zz_dispatch.go), so the runner checks the generated code itself.
//
// Whether the server lacks what a test needs is decided from what the
// server says about itself ([Discover]: version, build flavour, modules and
// settings from _nodes; [Server.Allows]: the routes it has, from
// _capabilities or OPTIONS; the templates it holds) and from tables of the
// module each API, request feature, transport action and setting needs
// (modules.go), never from a loose match on an error text. A refusal counts
// only when its structured fields say what is missing: the error's type and
// status, and Elasticsearch's whole message naming an action the node does
// not register or a setting no module of it defines, which must belong to a
// module the server did not list (and, for a setting, have been sent by the
// request). A license.post answered with license_status "invalid" for the
// license the test sent, intact, is a license the build cannot verify. A
// step that fails for want of a module, of security, of a route or of a
// verifiable license makes the test a skip naming it; anything else that
// goes wrong is a failure.
//
// TestYAML runs every file under ESGO_YAML_TESTS (default testdata/yaml-tests,
// committed with the runner) against the shared Elasticsearch 9.5.3 of
// eslocaltest, one subtest per YAML test; TestYAMLESQL runs the esql/ files
// against the shared Elasticsearch 8.19.21 with ES|QL, and TestYAMLSecurity
// the security ones against the secured 9.5.3.
package yamltest
