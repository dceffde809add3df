package yamltest

import (
	"regexp"
	"sort"
	"strings"
)

// The tables here say which module (as _nodes names it) an API or a
// feature of a request needs. When a step fails, the runner compares what
// the step needs with the modules the server listed at the start: a
// missing one makes the test a skip naming it. A step that fails although
// the server has everything the tables ask for is a failure.

// namespaceModules maps an API namespace (the part before the first dot)
// to the module that registers its routes.
var namespaceModules = map[string]string{
	"async_search":         "x-pack-async-search",
	"autoscaling":          "x-pack-autoscaling",
	"ccr":                  "x-pack-ccr",
	"connector":            "x-pack-ent-search",
	"enrich":               "x-pack-enrich",
	"eql":                  "x-pack-eql",
	"esql":                 "x-pack-esql",
	"fleet":                "x-pack-fleet",
	"graph":                "x-pack-graph",
	"ilm":                  "x-pack-ilm",
	"inference":            "x-pack-inference",
	"license":              "x-pack-core",
	"logstash":             "x-pack-logstash",
	"migration":            "x-pack-migrate",
	"ml":                   "x-pack-ml",
	"monitoring":           "x-pack-monitoring",
	"profiling":            "x-pack-profiling",
	"project":              "serverless", // serverless-only APIs: never on a stack server
	"query_rules":          "x-pack-ent-search",
	"rollup":               "x-pack-rollup",
	"search_application":   "x-pack-ent-search",
	"searchable_snapshots": "searchable-snapshots",
	"security":             "x-pack-security",
	"shutdown":             "x-pack-shutdown",
	"slm":                  "x-pack-slm",
	"sql":                  "x-pack-sql",
	"ssl":                  "x-pack-security",
	"streams":              "streams",
	"text_structure":       "x-pack-text-structure",
	"transform":            "x-pack-transform",
	"watcher":              "x-pack-watcher",
	"xpack":                "x-pack-core",
}

// apiModules maps single APIs, in namespaces served by the server core,
// to the module that registers them.
var apiModules = map[string]string{
	"info":                                      "rest-root",
	"ping":                                      "rest-root",
	"delete_by_query":                           "reindex",
	"delete_by_query_rethrottle":                "reindex",
	"update_by_query":                           "reindex",
	"update_by_query_rethrottle":                "reindex",
	"reindex":                                   "reindex",
	"reindex_rethrottle":                        "reindex",
	"reindex_get":                               "reindex",
	"reindex_list":                              "reindex",
	"reindex_cancel":                            "reindex",
	"rank_eval":                                 "rank-eval",
	"search_template":                           "lang-mustache",
	"msearch_template":                          "lang-mustache",
	"render_search_template":                    "lang-mustache",
	"scripts_painless_execute":                  "lang-painless",
	"search_mvt":                                "vector-tile",
	"terms_enum":                                "x-pack-core",
	"migration.deprecations":                    "x-pack-deprecation",
	"cat.ml_data_frame_analytics":               "x-pack-ml",
	"cat.ml_datafeeds":                          "x-pack-ml",
	"cat.ml_jobs":                               "x-pack-ml",
	"cat.ml_trained_models":                     "x-pack-ml",
	"cat.transforms":                            "x-pack-transform",
	"indices.create_data_stream":                "data-streams",
	"indices.delete_data_stream":                "data-streams",
	"indices.get_data_stream":                   "data-streams",
	"indices.data_streams_stats":                "data-streams",
	"indices.migrate_to_data_stream":            "data-streams",
	"indices.modify_data_stream":                "data-streams",
	"indices.promote_data_stream":               "data-streams",
	"indices.get_data_stream_options":           "data-streams",
	"indices.put_data_stream_options":           "data-streams",
	"indices.delete_data_stream_options":        "data-streams",
	"indices.get_data_stream_mappings":          "data-streams",
	"indices.put_data_stream_mappings":          "data-streams",
	"indices.get_data_stream_settings":          "data-streams",
	"indices.put_data_stream_settings":          "data-streams",
	"indices.get_data_lifecycle":                "data-streams",
	"indices.put_data_lifecycle":                "data-streams",
	"indices.delete_data_lifecycle":             "data-streams",
	"indices.explain_data_lifecycle":            "data-streams",
	"indices.get_data_lifecycle_stats":          "data-streams",
	"indices.downsample":                        "x-pack-downsample",
	"indices.create_from":                       "x-pack-migrate",
	"indices.migrate_reindex":                   "x-pack-migrate",
	"indices.get_migrate_reindex_status":        "x-pack-migrate",
	"indices.cancel_migrate_reindex":            "x-pack-migrate",
	"ingest.geo_ip_stats":                       "ingest-geoip",
	"ingest.get_geoip_database":                 "ingest-geoip",
	"ingest.put_geoip_database":                 "ingest-geoip",
	"ingest.delete_geoip_database":              "ingest-geoip",
	"ingest.get_ip_location_database":           "ingest-geoip",
	"ingest.put_ip_location_database":           "ingest-geoip",
	"ingest.delete_ip_location_database":        "ingest-geoip",
	"ingest.processor_grok":                     "ingest-common",
	"nodes.clear_repositories_metering_archive": "repositories-metering-api",
	"nodes.get_repositories_metering_info":      "repositories-metering-api",
	"snapshot.repository_analyze":               "snapshot-repo-test-kit",
	"snapshot.repository_verify_integrity":      "snapshot-repo-test-kit",
}

// keyModules maps keys of a request body (query types, aggregation types,
// ingest processors) to the module that provides them.
var keyModules = map[string]string{
	// queries
	"kql": "x-pack-kql", "pinned": "search-business-rules", "rule": "x-pack-ent-search",
	"script_score": "lang-painless", "percolate": "percolator",
	"has_child": "parent-join", "has_parent": "parent-join", "parent_id": "parent-join",
	"rank_feature": "mapper-extras", "text_expansion": "x-pack-ml", "weighted_tokens": "x-pack-ml",
	"semantic": "x-pack-inference",
	// aggregations
	"string_stats": "x-pack-analytics", "boxplot": "x-pack-analytics", "top_metrics": "x-pack-analytics",
	"t_test": "x-pack-analytics", "rate": "x-pack-analytics", "multi_terms": "x-pack-analytics",
	"cumulative_cardinality": "x-pack-analytics", "moving_percentiles": "x-pack-analytics", "normalize": "x-pack-analytics",
	"matrix_stats": "aggregations", "adjacency_matrix": "aggregations", "auto_date_histogram": "aggregations",
	"time_series": "aggregations", "bucket_selector": "aggregations", "bucket_sort": "aggregations",
	"bucket_script": "aggregations", "derivative": "aggregations", "moving_fn": "aggregations", "serial_diff": "aggregations",
	"children": "parent-join", "parent": "parent-join",
	"categorize_text": "x-pack-ml", "frequent_item_sets": "x-pack-ml", "change_point": "x-pack-ml", "inference": "x-pack-ml",
}

// typeModules maps field types (the "type" of a mapping) to their module.
var typeModules = map[string]string{
	"version": "mapper-version", "wildcard": "wildcard", "constant_keyword": "constant-keyword",
	"unsigned_long": "unsigned-long", "match_only_text": "mapper-extras", "scaled_float": "mapper-extras",
	"rank_feature": "mapper-extras", "rank_features": "mapper-extras", "search_as_you_type": "mapper-extras",
	"token_count": "mapper-extras", "join": "parent-join", "percolator": "percolator",
	"semantic_text": "x-pack-inference", "aggregate_metric_double": "x-pack-aggregate-metric",
	"counted_keyword": "counted-keyword", "histogram": "x-pack-analytics", "rank_vectors": "rank-vectors",
	"shape": "spatial", "point": "spatial", "annotated_text": "mapper-annotated-text",
}

// processorModules maps ingest processors outside ingest-common.
var processorModules = map[string]string{
	"geoip": "ingest-geoip", "ip_location": "ingest-geoip", "user_agent": "ingest-user-agent",
	"attachment": "ingest-attachment", "inference": "x-pack-ml", "enrich": "x-pack-enrich",
	"set_security_user": "x-pack-security", "redact": "x-pack-redact", "pipeline": "",
}

// scriptModules maps a script language to its module (painless is the default).
var scriptModules = map[string]string{"painless": "lang-painless", "mustache": "lang-mustache", "expression": "lang-expression"}

// builtInRE matches the names of the index and component templates and
// pipelines the x-pack-stack module installs, which tests may rely on.
var builtInRE = regexp.MustCompile(`^(logs|metrics|synthetics|traces)(@[a-z@._-]+)?$|^(ecs|data-streams)@mappings$|^(logs|metrics|synthetics|traces)-[a-z0-9_.]+-[a-z0-9_.]+$`)

// esqlDangerous lists ES|QL commands and functions that need a module and,
// without it, make the ES|QL module kill the node (NoClassDefFoundError):
// a query using them is never sent to a server that lacks the module.
var esqlDangerous = []struct {
	re     *regexp.Regexp
	module string
}{
	{regexp.MustCompile(`(?i)\bCATEGORIZE\s*\(`), "x-pack-ml"},
	{regexp.MustCompile(`(?i)\|\s*CHANGE_POINT\b`), "x-pack-ml"},
}

// needs lists the modules a do step needs, from its API and its
// arguments, each with what needs it.
func needs(apiName string, args map[string]any) map[string]string {
	out := map[string]string{}
	add := func(module, why string) {
		if module != "" && out[module] == "" {
			out[module] = why
		}
	}
	if m, ok := apiModules[apiName]; ok {
		add(m, "API "+apiName)
	} else if ns, _, ok := strings.Cut(apiName, "."); ok {
		add(namespaceModules[ns], "API "+apiName)
	}
	if apiName == "put_script" || apiName == "get_script" {
		lang := "painless"
		if s, ok := args["body"].(map[string]any); ok {
			if sc, ok := s["script"].(map[string]any); ok {
				if l, ok := sc["lang"].(string); ok {
					lang = l
				}
			}
		}
		add(scriptModules[lang], "script language "+lang)
	}
	var walk func(v any, inProcessors bool)
	walk = func(v any, inProcessors bool) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				if inProcessors {
					if m, ok := processorModules[k]; ok {
						add(m, "ingest processor "+k)
					} else {
						add("ingest-common", "ingest processor "+k)
					}
				}
				switch k {
				case "script":
					lang := "painless"
					if sc, ok := e.(map[string]any); ok {
						if l, ok := sc["lang"].(string); ok {
							lang = l
						}
					}
					add(scriptModules[lang], "a "+lang+" script")
				case "type":
					if t, ok := e.(string); ok {
						add(typeModules[t], "field type "+t)
					}
				case "analysis", "tokenizer", "char_filter":
					add("analysis-common", "custom analysis ("+k+")")
				case "filter":
					if isAnalysis(e) {
						add("analysis-common", "custom analysis (filter)")
					}
				}
				if m, ok := keyModules[k]; ok {
					add(m, "request feature "+k)
				}
				walk(e, k == "processors")
			}
		case []any:
			for _, e := range x {
				walk(e, inProcessors)
			}
		case string:
			if builtInRE.MatchString(x) {
				add("x-pack-stack", "built-in template "+x)
			}
		}
	}
	walk(args, false)
	return out
}

// isAnalysis tells an analysis filter list (["lowercase"], [{"type": ...}])
// from a query filter (a map or a list of queries).
func isAnalysis(v any) bool {
	switch x := v.(type) {
	case string:
		return true
	case []any:
		for _, e := range x {
			if _, ok := e.(string); ok {
				return true
			}
		}
	}
	return false
}

// dangerous returns the module an ES|QL query of a do step needs so as not
// to kill a node that lacks it, if any.
func dangerous(apiName string, args map[string]any) (module, what string) {
	if !strings.HasPrefix(apiName, "esql.") {
		return "", ""
	}
	body, _ := args["body"].(map[string]any)
	q, _ := body["query"].(string)
	for _, d := range esqlDangerous {
		if m := d.re.FindString(q); m != "" {
			return d.module, strings.TrimSpace(strings.Trim(m, "|("))
		}
	}
	return "", ""
}

// describeMissing renders the modules a step lacks and why it needs them.
func describeMissing(missing []string, why map[string]string) string {
	sort.Strings(missing)
	parts := make([]string, len(missing))
	for i, m := range missing {
		parts[i] = m + " (for " + why[m] + ")"
	}
	return strings.Join(parts, ", ")
}

// actionPrefixes maps transport action names (as a refusal names them,
// "failed to find action [X]") to the module that registers them; the
// longest matching prefix wins.
var actionPrefixes = map[string]string{
	"indices:data/write/delete/byquery":        "reindex",
	"indices:data/write/update/byquery":        "reindex",
	"indices:data/write/reindex":               "reindex",
	"cluster:admin/reindex/":                   "reindex",
	"indices:data/read/search/template":        "lang-mustache",
	"indices:data/read/msearch/template":       "lang-mustache",
	"cluster:admin/script/painless/":           "lang-painless",
	"indices:data/read/rank_eval":              "rank-eval",
	"cluster:admin/ilm/":                       "x-pack-ilm",
	"indices:admin/ilm/":                       "x-pack-ilm",
	"cluster:admin/slm/":                       "x-pack-slm",
	"cluster:admin/xpack/ml/":                  "x-pack-ml",
	"cluster:monitor/xpack/ml/":                "x-pack-ml",
	"cluster:admin/xpack/monitoring/":          "x-pack-monitoring",
	"cluster:admin/xpack/watcher/":             "x-pack-watcher",
	"cluster:monitor/xpack/watcher/":           "x-pack-watcher",
	"cluster:admin/xpack/enrich/":              "x-pack-enrich",
	"cluster:monitor/xpack/enrich/":            "x-pack-enrich",
	"cluster:admin/xpack/ccr/":                 "x-pack-ccr",
	"cluster:admin/transform/":                 "x-pack-transform",
	"cluster:monitor/transform/":               "x-pack-transform",
	"indices:data/read/eql":                    "x-pack-eql",
	"indices:data/read/sql":                    "x-pack-sql",
	"indices:data/read/esql":                   "x-pack-esql",
	"cluster:admin/xpack/security/":            "x-pack-security",
	"cluster:admin/xpack/inference/":           "x-pack-inference",
	"cluster:monitor/xpack/inference":          "x-pack-inference",
	"indices:admin/data_stream/":               "data-streams",
	"indices:monitor/data_stream/":             "data-streams",
	"cluster:admin/xpack/connector/":           "x-pack-ent-search",
	"cluster:admin/xpack/query_rules/":         "x-pack-ent-search",
	"cluster:admin/xpack/application/":         "x-pack-ent-search",
	"cluster:admin/xpack/rollup/":              "x-pack-rollup",
	"cluster:monitor/xpack/rollup/":            "x-pack-rollup",
	"indices:admin/xpack/downsample":           "x-pack-downsample",
	"cluster:admin/logstash/":                  "x-pack-logstash",
	"cluster:admin/xpack/searchable_snapshots": "searchable-snapshots",
}

// xpackFeatureModules maps the features of the xpack info and usage
// actions (cluster:monitor/xpack/info/<feature>, .../usage/<feature>) to
// the module that registers them.
var xpackFeatureModules = map[string]string{
	"monitoring": "x-pack-monitoring", "ml": "x-pack-ml", "watcher": "x-pack-watcher", "graph": "x-pack-graph",
	"ccr": "x-pack-ccr", "ilm": "x-pack-ilm", "slm": "x-pack-slm", "enrich": "x-pack-enrich", "eql": "x-pack-eql",
	"esql": "x-pack-esql", "sql": "x-pack-sql", "rollup": "x-pack-rollup", "transform": "x-pack-transform",
	"logstash": "x-pack-logstash", "searchable_snapshots": "searchable-snapshots", "spatial": "spatial",
	"analytics": "x-pack-analytics", "aggregate_metric": "x-pack-aggregate-metric", "voting_only": "x-pack-voting-only-node",
	"enterprise_search": "x-pack-ent-search", "universal_profiling": "x-pack-profiling", "security": "x-pack-security",
	"data_streams": "data-streams", "data_lifecycle": "data-streams", "inference": "x-pack-inference",
	"logsdb": "logsdb", "archive": "old-lucene-versions",
}

// actionModule returns the module that registers a transport action, or ""
// when the tables do not say.
func actionModule(action string) string {
	for _, kind := range []string{"cluster:monitor/xpack/info/", "cluster:monitor/xpack/usage/"} {
		if feature, ok := strings.CutPrefix(action, kind); ok {
			return xpackFeatureModules[feature]
		}
	}
	best, module := "", ""
	for p, m := range actionPrefixes {
		if strings.HasPrefix(action, p) && len(p) > len(best) {
			best, module = p, m
		}
	}
	return module
}

// settingPrefixes maps the names of index and cluster settings to the
// module that defines them; the longest matching prefix wins.
var settingPrefixes = map[string]string{
	"index.lifecycle.":            "x-pack-ilm",
	"index.lifecycle.prefer_ilm":  "", // defined by the server core
	"indices.lifecycle.":          "x-pack-ilm",
	"xpack.ilm.":                  "x-pack-ilm",
	"slm.":                        "x-pack-slm",
	"xpack.slm.":                  "x-pack-slm",
	"xpack.ml.":                   "x-pack-ml",
	"xpack.monitoring.":           "x-pack-monitoring",
	"xpack.watcher.":              "x-pack-watcher",
	"xpack.enrich.":               "x-pack-enrich",
	"enrich.":                     "x-pack-enrich",
	"xpack.transform.":            "x-pack-transform",
	"index.xpack.ccr.":            "x-pack-ccr",
	"xpack.ccr.":                  "x-pack-ccr",
	"index.store.snapshot.":       "searchable-snapshots",
	"xpack.searchable.snapshot.":  "searchable-snapshots",
	"index.percolator.":           "percolator",
	"reindex.":                    "reindex",
	"ingest.geoip.":               "ingest-geoip",
	"data_streams.lifecycle.":     "data-streams",
	"script.painless.":            "lang-painless",
	"xpack.security.":             "x-pack-security",
	"xpack.inference.":            "x-pack-inference",
	"cluster.logsdb.":             "logsdb",
	"xpack.searchable_snapshots.": "searchable-snapshots",
}

// settingModule returns the module that defines a setting, or "" when the
// tables do not say.
func settingModule(name string) string {
	best, module := "", ""
	for p, m := range settingPrefixes {
		if strings.HasPrefix(name, p) && len(p) > len(best) {
			best, module = p, m
		}
	}
	return module
}
