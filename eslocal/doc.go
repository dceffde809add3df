// Package eslocal fetches, starts, waits for and stops real search servers on
// the local machine, without Docker: Elasticsearch 8 and later (the
// integ-test distribution from Maven Central), and OpenSearch and
// Elasticsearch 7.10 (the codelibs runners, also from Maven Central).
//
// Artifacts are downloaded once with Maven and unpacked once into a cache
// directory ($ESGO_CACHE, else /var/cache/esgo when running as root, else the
// user's cache directory). Every start gets its own data directory and free
// ports; logs are kept after Stop so a failure can be read. When run as root,
// Elasticsearch (which refuses root) runs as the unprivileged user "esgo",
// created on first use. Servers are stopped by process id, never by name, and
// die with the process that started them even if it panics.
//
// WithModules adds modules the integ-test distribution lacks, built from the
// jars on Maven Central into a cached copy of the home: ES|QL (8.19.x only),
// x-pack-kql and mapper-version.
//
// Elasticsearch 9 and OpenSearch 3 need a JDK of version 21 or newer,
// Elasticsearch 7 one between 11 and 23: $ES_JAVA_HOME, $JAVA_HOME and
// /usr/lib/jvm/* are searched, in that order.
package eslocal
