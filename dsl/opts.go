package dsl

// Opt sets one parameter of a query or an aggregation. Use the named helpers
// (Boost, Operator, Size, ...) or P for any parameter.
type Opt struct {
	key   string
	value any
}

func (o Opt) apply(m map[string]any) { m[o.key] = o.value }

// Key returns the parameter name the option sets.
func (o Opt) Key() string { return o.key }

// Value returns the parameter value the option sets.
func (o Opt) Value() any { return o.value }

// P sets any parameter by its Elasticsearch name: P("auto_generate_synonyms_phrase_query", false).
func P(key string, value any) Opt { return Opt{key, value} }

// Boost sets "boost".
func Boost(v float64) Opt { return Opt{"boost", v} }

// QueryName sets "_name", the name reported in matched_queries.
func QueryName(name string) Opt { return Opt{"_name", name} }

// Operator sets "operator" ("and" or "or").
func Operator(op string) Opt { return Opt{"operator", op} }

// DefaultOperator sets "default_operator" of query_string queries.
func DefaultOperator(op string) Opt { return Opt{"default_operator", op} }

// Fuzziness sets "fuzziness", e.g. "AUTO" or 1.
func Fuzziness(v any) Opt { return Opt{"fuzziness", v} }

// WithAnalyzer sets "analyzer".
func WithAnalyzer(name string) Opt { return Opt{"analyzer", name} }

// MinimumShouldMatch sets "minimum_should_match" (an int or a string such as "75%").
func MinimumShouldMatch(v any) Opt { return Opt{"minimum_should_match", v} }

// Slop sets "slop".
func Slop(n int) Opt { return Opt{"slop", n} }

// PrefixLength sets "prefix_length".
func PrefixLength(n int) Opt { return Opt{"prefix_length", n} }

// MaxExpansions sets "max_expansions".
func MaxExpansions(n int) Opt { return Opt{"max_expansions", n} }

// ZeroTermsQuery sets "zero_terms_query" ("none" or "all").
func ZeroTermsQuery(v string) Opt { return Opt{"zero_terms_query", v} }

// Lenient sets "lenient".
func Lenient(v bool) Opt { return Opt{"lenient", v} }

// CaseInsensitive sets "case_insensitive".
func CaseInsensitive(v bool) Opt { return Opt{"case_insensitive", v} }

// Rewrite sets "rewrite".
func Rewrite(v string) Opt { return Opt{"rewrite", v} }

// TieBreaker sets "tie_breaker".
func TieBreaker(v float64) Opt { return Opt{"tie_breaker", v} }

// MatchType sets "type" (multi_match "best_fields", "phrase", ...).
func MatchType(v string) Opt { return Opt{"type", v} }

// ScoreMode sets "score_mode".
func ScoreMode(v string) Opt { return Opt{"score_mode", v} }

// BoostMode sets "boost_mode" of function_score queries.
func BoostMode(v string) Opt { return Opt{"boost_mode", v} }

// IgnoreUnmapped sets "ignore_unmapped".
func IgnoreUnmapped(v bool) Opt { return Opt{"ignore_unmapped", v} }

// InnerHits sets "inner_hits"; pass map[string]any{} for defaults.
func InnerHits(v any) Opt { return Opt{"inner_hits", v} }

// Gte sets "gte" of a range.
func Gte(v any) Opt { return Opt{"gte", v} }

// Gt sets "gt" of a range.
func Gt(v any) Opt { return Opt{"gt", v} }

// Lte sets "lte" of a range.
func Lte(v any) Opt { return Opt{"lte", v} }

// Lt sets "lt" of a range.
func Lt(v any) Opt { return Opt{"lt", v} }

// Format sets "format".
func Format(v string) Opt { return Opt{"format", v} }

// TimeZone sets "time_zone".
func TimeZone(v string) Opt { return Opt{"time_zone", v} }

// Relation sets "relation" (range and shape queries).
func Relation(v string) Opt { return Opt{"relation", v} }

// Flags sets "flags".
func Flags(v string) Opt { return Opt{"flags", v} }

// Fields sets "fields".
func Fields(fields ...string) Opt { return Opt{"fields", fields} }

// Field sets "field".
func Field(name string) Opt { return Opt{"field", name} }

// Size sets "size".
func Size(n int) Opt { return Opt{"size", n} }

// Order sets "order", e.g. map[string]any{"_count": "desc"}.
func Order(v any) Opt { return Opt{"order", v} }

// MinDocCount sets "min_doc_count".
func MinDocCount(n int) Opt { return Opt{"min_doc_count", n} }

// MissingValue sets "missing", the value used for documents without the field.
func MissingValue(v any) Opt { return Opt{"missing", v} }

// Interval sets "interval".
func Interval(v any) Opt { return Opt{"interval", v} }

// CalendarInterval sets "calendar_interval", e.g. "month".
func CalendarInterval(v string) Opt { return Opt{"calendar_interval", v} }

// FixedInterval sets "fixed_interval", e.g. "30d".
func FixedInterval(v string) Opt { return Opt{"fixed_interval", v} }

// Keyed sets "keyed".
func Keyed(v bool) Opt { return Opt{"keyed", v} }

// WithScript sets "script" (a string or a map with "source", "params"...).
func WithScript(v any) Opt { return Opt{"script", v} }

// GapPolicy sets "gap_policy" of pipeline aggregations.
func GapPolicy(v string) Opt { return Opt{"gap_policy", v} }
