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
// Tests that need something the server lacks (an API answered with "no
// handler found" or 405, security turned off, a licence, a module such as
// painless or analysis-common) are reported as skipped with that reason;
// anything else that goes wrong is a failure.
//
// TestYAML runs every file under ESGO_YAML_TESTS (default
// ../../../shared/yaml-tests) against the shared Elasticsearch 9.5.3 of
// eslocaltest, one subtest per YAML test.
package yamltest
