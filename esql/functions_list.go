// Typed constructors for ES|QL functions. Each renders NAME(args) with
// the rules of [Func]: an Expr argument as is, any other value (a Go string
// included) as a literal, so pass Field("name") or E("...") for columns.

package esql

// ----- aggregate functions

// Avg is AVG(number): the average of a numeric column.
func Avg(number any) Expr { return Func("AVG", number) }

// Count is COUNT(field): the number of values; use CountAll for COUNT(*).
func Count(field any) Expr { return Func("COUNT", field) }

// CountDistinct is COUNT_DISTINCT(field, precision?): the approximate number of distinct values. Optional trailing arguments: precision.
func CountDistinct(field any, optional ...any) Expr {
	return Func("COUNT_DISTINCT", append([]any{field}, optional...)...)
}

// Max is MAX(field): the largest value.
func Max(field any) Expr { return Func("MAX", field) }

// Min is MIN(field): the smallest value.
func Min(field any) Expr { return Func("MIN", field) }

// Median is MEDIAN(number): the median (50th percentile).
func Median(number any) Expr { return Func("MEDIAN", number) }

// MedianAbsoluteDeviation is MEDIAN_ABSOLUTE_DEVIATION(number): the median absolute deviation.
func MedianAbsoluteDeviation(number any) Expr { return Func("MEDIAN_ABSOLUTE_DEVIATION", number) }

// Percentile is PERCENTILE(number, percentile): the value below which the given percentage of values fall.
func Percentile(number, percentile any) Expr { return Func("PERCENTILE", number, percentile) }

// StdDev is STD_DEV(number): the population standard deviation.
func StdDev(number any) Expr { return Func("STD_DEV", number) }

// Variance is VARIANCE(number): the population variance.
func Variance(number any) Expr { return Func("VARIANCE", number) }

// Sum is SUM(number): the sum.
func Sum(number any) Expr { return Func("SUM", number) }

// Values is VALUES(field): all the values of a group as a multivalued column.
func Values(field any) Expr { return Func("VALUES", field) }

// Top is TOP(field, limit, order, outputField?): the top limit values ("asc" or "desc" order). Optional trailing arguments: outputField.
func Top(field, limit, order any, optional ...any) Expr {
	return Func("TOP", append([]any{field, limit, order}, optional...)...)
}

// WeightedAvg is WEIGHTED_AVG(number, weight): the weighted average.
func WeightedAvg(number, weight any) Expr { return Func("WEIGHTED_AVG", number, weight) }

// First is FIRST(field, sortField): the value of field at the earliest sortField.
func First(field, sortField any) Expr { return Func("FIRST", field, sortField) }

// Last is LAST(field, sortField): the value of field at the latest sortField.
func Last(field, sortField any) Expr { return Func("LAST", field, sortField) }

// Sample is SAMPLE(field, limit): up to limit sample values.
func Sample(field, limit any) Expr { return Func("SAMPLE", field, limit) }

// Absent is ABSENT(field): whether the group has no non-null value.
func Absent(field any) Expr { return Func("ABSENT", field) }

// Present is PRESENT(field): whether the group has a non-null value.
func Present(field any) Expr { return Func("PRESENT", field) }

// StCentroidAgg is ST_CENTROID_AGG(field): the spatial centroid of points.
func StCentroidAgg(field any) Expr { return Func("ST_CENTROID_AGG", field) }

// StExtentAgg is ST_EXTENT_AGG(field): the spatial extent (bounding box) of geometries.
func StExtentAgg(field any) Expr { return Func("ST_EXTENT_AGG", field) }

// Rate is RATE(field, window?): the per-second rate of a counter (TS only). Optional trailing arguments: window.
func Rate(field any, optional ...any) Expr { return Func("RATE", append([]any{field}, optional...)...) }

// Irate is IRATE(field, window?): the instant per-second rate of a counter (TS only). Optional trailing arguments: window.
func Irate(field any, optional ...any) Expr {
	return Func("IRATE", append([]any{field}, optional...)...)
}

// Delta is DELTA(field, window?): the absolute change of a gauge (TS only). Optional trailing arguments: window.
func Delta(field any, optional ...any) Expr {
	return Func("DELTA", append([]any{field}, optional...)...)
}

// Idelta is IDELTA(field, window?): the instant change of a gauge (TS only). Optional trailing arguments: window.
func Idelta(field any, optional ...any) Expr {
	return Func("IDELTA", append([]any{field}, optional...)...)
}

// Increase is INCREASE(field, window?): the increase of a counter (TS only). Optional trailing arguments: window.
func Increase(field any, optional ...any) Expr {
	return Func("INCREASE", append([]any{field}, optional...)...)
}

// Deriv is DERIV(field, window?): the derivative of a gauge (TS only). Optional trailing arguments: window.
func Deriv(field any, optional ...any) Expr {
	return Func("DERIV", append([]any{field}, optional...)...)
}

// AvgOverTime is AVG_OVER_TIME(field, window?): the average over time of a series (TS only). Optional trailing arguments: window.
func AvgOverTime(field any, optional ...any) Expr {
	return Func("AVG_OVER_TIME", append([]any{field}, optional...)...)
}

// SumOverTime is SUM_OVER_TIME(field, window?): the sum over time of a series (TS only). Optional trailing arguments: window.
func SumOverTime(field any, optional ...any) Expr {
	return Func("SUM_OVER_TIME", append([]any{field}, optional...)...)
}

// MaxOverTime is MAX_OVER_TIME(field, window?): the maximum over time of a series (TS only). Optional trailing arguments: window.
func MaxOverTime(field any, optional ...any) Expr {
	return Func("MAX_OVER_TIME", append([]any{field}, optional...)...)
}

// MinOverTime is MIN_OVER_TIME(field, window?): the minimum over time of a series (TS only). Optional trailing arguments: window.
func MinOverTime(field any, optional ...any) Expr {
	return Func("MIN_OVER_TIME", append([]any{field}, optional...)...)
}

// CountOverTime is COUNT_OVER_TIME(field, window?): the count over time of a series (TS only). Optional trailing arguments: window.
func CountOverTime(field any, optional ...any) Expr {
	return Func("COUNT_OVER_TIME", append([]any{field}, optional...)...)
}

// FirstOverTime is FIRST_OVER_TIME(field, window?): the earliest value of a series (TS only). Optional trailing arguments: window.
func FirstOverTime(field any, optional ...any) Expr {
	return Func("FIRST_OVER_TIME", append([]any{field}, optional...)...)
}

// LastOverTime is LAST_OVER_TIME(field, window?): the latest value of a series (TS only). Optional trailing arguments: window.
func LastOverTime(field any, optional ...any) Expr {
	return Func("LAST_OVER_TIME", append([]any{field}, optional...)...)
}

// AllFirst is ALL_FIRST(value, sort): the value at the earliest sort value, nulls included.
func AllFirst(value, sort any) Expr { return Func("ALL_FIRST", value, sort) }

// AllLast is ALL_LAST(value, sort): the value at the latest sort value, nulls included.
func AllLast(value, sort any) Expr { return Func("ALL_LAST", value, sort) }

// Earliest is EARLIEST(field): the earliest value of a series (TS only).
func Earliest(field any) Expr { return Func("EARLIEST", field) }

// Latest is LATEST(field): the latest value of a series (TS only).
func Latest(field any) Expr { return Func("LATEST", field) }

// AbsentOverTime is ABSENT_OVER_TIME(field, window?): whether a series has no value over time (TS only). Optional trailing arguments: window.
func AbsentOverTime(field any, optional ...any) Expr {
	return Func("ABSENT_OVER_TIME", append([]any{field}, optional...)...)
}

// PresentOverTime is PRESENT_OVER_TIME(field, window?): whether a series has a value over time (TS only). Optional trailing arguments: window.
func PresentOverTime(field any, optional ...any) Expr {
	return Func("PRESENT_OVER_TIME", append([]any{field}, optional...)...)
}

// CountDistinctOverTime is COUNT_DISTINCT_OVER_TIME(field, precision?): the distinct count over time of a series (TS only). Optional trailing arguments: precision.
func CountDistinctOverTime(field any, optional ...any) Expr {
	return Func("COUNT_DISTINCT_OVER_TIME", append([]any{field}, optional...)...)
}

// PercentileOverTime is PERCENTILE_OVER_TIME(field, percentile): a percentile over time of a series (TS only).
func PercentileOverTime(field, percentile any) Expr {
	return Func("PERCENTILE_OVER_TIME", field, percentile)
}

// StdDevOverTime is STDDEV_OVER_TIME(field, window?): the standard deviation over time of a series (TS only). Optional trailing arguments: window.
func StdDevOverTime(field any, optional ...any) Expr {
	return Func("STDDEV_OVER_TIME", append([]any{field}, optional...)...)
}

// VarianceOverTime is VARIANCE_OVER_TIME(field, window?): the variance over time of a series (TS only). Optional trailing arguments: window.
func VarianceOverTime(field any, optional ...any) Expr {
	return Func("VARIANCE_OVER_TIME", append([]any{field}, optional...)...)
}

// Sparkline is SPARKLINE(field, key, buckets, from, to): the y values of a sparkline of field over key.
func Sparkline(field, key, buckets, from, to any) Expr {
	return Func("SPARKLINE", field, key, buckets, from, to)
}

// ----- grouping functions

// Bucket is BUCKET(field, buckets, from?, to?): groups values into buckets: a bucket size, or a target count with a range. Optional trailing arguments: from, to.
func Bucket(field, buckets any, optional ...any) Expr {
	return Func("BUCKET", append([]any{field, buckets}, optional...)...)
}

// TBucket is TBUCKET(buckets, from?, to?): buckets on @timestamp. Optional trailing arguments: from, to.
func TBucket(buckets any, optional ...any) Expr {
	return Func("TBUCKET", append([]any{buckets}, optional...)...)
}

// Categorize is CATEGORIZE(field, options?): groups text messages into categories. Optional trailing arguments: options.
func Categorize(field any, optional ...any) Expr {
	return Func("CATEGORIZE", append([]any{field}, optional...)...)
}

// ----- conditional functions

// Case is CASE(conditions...): pairs of condition and value, then an optional default.
func Case(conditions ...any) Expr { return Func("CASE", conditions...) }

// Coalesce is COALESCE(first, rest...): the first non-null argument.
func Coalesce(first any, rest ...any) Expr { return Func("COALESCE", append([]any{first}, rest...)...) }

// Greatest is GREATEST(first, rest...): the largest argument.
func Greatest(first any, rest ...any) Expr { return Func("GREATEST", append([]any{first}, rest...)...) }

// Least is LEAST(first, rest...): the smallest argument.
func Least(first any, rest ...any) Expr { return Func("LEAST", append([]any{first}, rest...)...) }

// Clamp is CLAMP(field, low, high): field limited to [low, high].
func Clamp(field, low, high any) Expr { return Func("CLAMP", field, low, high) }

// ClampMin is CLAMP_MIN(field, low): field raised to at least low.
func ClampMin(field, low any) Expr { return Func("CLAMP_MIN", field, low) }

// ClampMax is CLAMP_MAX(field, high): field lowered to at most high.
func ClampMax(field, high any) Expr { return Func("CLAMP_MAX", field, high) }

// ----- date and time functions

// DateDiff is DATE_DIFF(unit, startTimestamp, endTimestamp): the difference between two dates in multiples of unit.
func DateDiff(unit, startTimestamp, endTimestamp any) Expr {
	return Func("DATE_DIFF", unit, startTimestamp, endTimestamp)
}

// DateExtract is DATE_EXTRACT(datePart, date): a part of a date, like "year" or "hour_of_day".
func DateExtract(datePart, date any) Expr { return Func("DATE_EXTRACT", datePart, date) }

// DateFormat is DATE_FORMAT(dateFormat, date?): a date as a string in the given format (or the date alone in ISO format). Optional trailing arguments: date.
func DateFormat(dateFormat any, optional ...any) Expr {
	return Func("DATE_FORMAT", append([]any{dateFormat}, optional...)...)
}

// DateParse is DATE_PARSE(datePattern, dateString, options?): a date parsed from a string with a pattern. Optional trailing arguments: options.
func DateParse(datePattern, dateString any, optional ...any) Expr {
	return Func("DATE_PARSE", append([]any{datePattern, dateString}, optional...)...)
}

// DateTrunc is DATE_TRUNC(interval, date): a date rounded down to an interval such as "1 hour".
func DateTrunc(interval, date any) Expr { return Func("DATE_TRUNC", interval, date) }

// DayName is DAY_NAME(date): the day of week name.
func DayName(date any) Expr { return Func("DAY_NAME", date) }

// MonthName is MONTH_NAME(date): the month name.
func MonthName(date any) Expr { return Func("MONTH_NAME", date) }

// Now is NOW(): the current date and time.
func Now() Expr { return Func("NOW") }

// TRange is TRANGE(startTimeOrOffset, endTime?): whether @timestamp is in a time range. Optional trailing arguments: endTime.
func TRange(startTimeOrOffset any, optional ...any) Expr {
	return Func("TRANGE", append([]any{startTimeOrOffset}, optional...)...)
}

// ----- IP functions

// CIDRMatch is CIDR_MATCH(ip, blocks...): whether the IP is in one of the CIDR blocks.
func CIDRMatch(ip any, blocks ...any) Expr {
	return Func("CIDR_MATCH", append([]any{ip}, blocks...)...)
}

// IPPrefix is IP_PREFIX(ip, prefixLengthV4, prefixLengthV6): the IP truncated to a prefix length.
func IPPrefix(ip, prefixLengthV4, prefixLengthV6 any) Expr {
	return Func("IP_PREFIX", ip, prefixLengthV4, prefixLengthV6)
}

// NetworkDirection is NETWORK_DIRECTION(sourceIP, destinationIP, internalNetworks): the direction of traffic between two IPs.
func NetworkDirection(sourceIP, destinationIP, internalNetworks any) Expr {
	return Func("NETWORK_DIRECTION", sourceIP, destinationIP, internalNetworks)
}

// ----- math functions

// Abs is ABS(number): the absolute value.
func Abs(number any) Expr { return Func("ABS", number) }

// Acos is ACOS(number): the arccosine.
func Acos(number any) Expr { return Func("ACOS", number) }

// Asin is ASIN(number): the arcsine.
func Asin(number any) Expr { return Func("ASIN", number) }

// Atan is ATAN(number): the arctangent.
func Atan(number any) Expr { return Func("ATAN", number) }

// Atan2 is ATAN2(y, x): the angle of the point (x, y).
func Atan2(y, x any) Expr { return Func("ATAN2", y, x) }

// Cbrt is CBRT(number): the cube root.
func Cbrt(number any) Expr { return Func("CBRT", number) }

// Ceil is CEIL(number): the number rounded up.
func Ceil(number any) Expr { return Func("CEIL", number) }

// Cos is COS(angle): the cosine.
func Cos(angle any) Expr { return Func("COS", angle) }

// Cosh is COSH(number): the hyperbolic cosine.
func Cosh(number any) Expr { return Func("COSH", number) }

// CopySign is COPY_SIGN(magnitude, sign): magnitude with the sign of sign.
func CopySign(magnitude, sign any) Expr { return Func("COPY_SIGN", magnitude, sign) }

// Euler is E(): Euler's number.
func Euler() Expr { return Func("E") }

// Exp is EXP(number): e to the power of number.
func Exp(number any) Expr { return Func("EXP", number) }

// Floor is FLOOR(number): the number rounded down.
func Floor(number any) Expr { return Func("FLOOR", number) }

// Hypot is HYPOT(number1, number2): the hypotenuse of two numbers.
func Hypot(number1, number2 any) Expr { return Func("HYPOT", number1, number2) }

// Log is LOG(base, number?): the logarithm in base (or the natural logarithm of base alone). Optional trailing arguments: number.
func Log(base any, optional ...any) Expr { return Func("LOG", append([]any{base}, optional...)...) }

// Log10 is LOG10(number): the base 10 logarithm.
func Log10(number any) Expr { return Func("LOG10", number) }

// Pi is PI(): the ratio of a circle's circumference to its diameter.
func Pi() Expr { return Func("PI") }

// Pow is POW(base, exponent): base raised to exponent.
func Pow(base, exponent any) Expr { return Func("POW", base, exponent) }

// Round is ROUND(number, decimals?): the number rounded to decimals places (0 by default). Optional trailing arguments: decimals.
func Round(number any, optional ...any) Expr {
	return Func("ROUND", append([]any{number}, optional...)...)
}

// RoundTo is ROUND_TO(field, points...): the number rounded down to one of the points.
func RoundTo(field any, points ...any) Expr {
	return Func("ROUND_TO", append([]any{field}, points...)...)
}

// Scalb is SCALB(d, scaleFactor): d times 2 to the power of scaleFactor.
func Scalb(d, scaleFactor any) Expr { return Func("SCALB", d, scaleFactor) }

// Signum is SIGNUM(number): the sign: -1, 0 or 1.
func Signum(number any) Expr { return Func("SIGNUM", number) }

// Sin is SIN(angle): the sine.
func Sin(angle any) Expr { return Func("SIN", angle) }

// Sinh is SINH(number): the hyperbolic sine.
func Sinh(number any) Expr { return Func("SINH", number) }

// Sqrt is SQRT(number): the square root.
func Sqrt(number any) Expr { return Func("SQRT", number) }

// Tan is TAN(angle): the tangent.
func Tan(angle any) Expr { return Func("TAN", angle) }

// Tanh is TANH(number): the hyperbolic tangent.
func Tanh(number any) Expr { return Func("TANH", number) }

// Tau is TAU(): the ratio of a circle's circumference to its radius.
func Tau() Expr { return Func("TAU") }

// Acosh is ACOSH(number): the inverse hyperbolic cosine.
func Acosh(number any) Expr { return Func("ACOSH", number) }

// Asinh is ASINH(number): the inverse hyperbolic sine.
func Asinh(number any) Expr { return Func("ASINH", number) }

// Atanh is ATANH(number): the inverse hyperbolic tangent.
func Atanh(number any) Expr { return Func("ATANH", number) }

// ----- search functions

// Match is MATCH(field, query, options?): a full-text match query on field. Optional trailing arguments: options.
func Match(field, query any, optional ...any) Expr {
	return Func("MATCH", append([]any{field, query}, optional...)...)
}

// MatchPhrase is MATCH_PHRASE(field, query, options?): a phrase query on field. Optional trailing arguments: options.
func MatchPhrase(field, query any, optional ...any) Expr {
	return Func("MATCH_PHRASE", append([]any{field, query}, optional...)...)
}

// MultiMatch is MULTI_MATCH(query, fields...): a match query on several fields (put options in a map last).
func MultiMatch(query any, fields ...any) Expr {
	return Func("MULTI_MATCH", append([]any{query}, fields...)...)
}

// QStr is QSTR(query, options?): a query string query. Optional trailing arguments: options.
func QStr(query any, optional ...any) Expr { return Func("QSTR", append([]any{query}, optional...)...) }

// KQL is KQL(query, options?): a KQL query. Optional trailing arguments: options.
func KQL(query any, optional ...any) Expr { return Func("KQL", append([]any{query}, optional...)...) }

// KNN is KNN(field, query, options?): the k nearest vectors to query. Optional trailing arguments: options.
func KNN(field, query any, optional ...any) Expr {
	return Func("KNN", append([]any{field, query}, optional...)...)
}

// Term is TERM(field, query): a term query.
func Term(field, query any) Expr { return Func("TERM", field, query) }

// Score is SCORE(query): the score of a full-text query.
func Score(query any) Expr { return Func("SCORE", query) }

// Decay is DECAY(value, origin, scale, options?): a score decaying with the distance from origin. Optional trailing arguments: options.
func Decay(value, origin, scale any, optional ...any) Expr {
	return Func("DECAY", append([]any{value, origin, scale}, optional...)...)
}

// TopSnippets is TOP_SNIPPETS(field, query, options?): the best snippets of field for query. Optional trailing arguments: options.
func TopSnippets(field, query any, optional ...any) Expr {
	return Func("TOP_SNIPPETS", append([]any{field, query}, optional...)...)
}

// TextEmbedding is TEXT_EMBEDDING(text, inferenceID): the embedding of text by an inference endpoint.
func TextEmbedding(text, inferenceID any) Expr { return Func("TEXT_EMBEDDING", text, inferenceID) }

// Chunk is CHUNK(field, chunkingSettings?): the text split into chunks. Optional trailing arguments: chunkingSettings.
func Chunk(field any, optional ...any) Expr {
	return Func("CHUNK", append([]any{field}, optional...)...)
}

// ----- string functions

// BitLength is BIT_LENGTH(s): the length of a string in bits.
func BitLength(s any) Expr { return Func("BIT_LENGTH", s) }

// ByteLength is BYTE_LENGTH(s): the length of a string in bytes.
func ByteLength(s any) Expr { return Func("BYTE_LENGTH", s) }

// Concat is CONCAT(strings...): the strings concatenated.
func Concat(strings ...any) Expr { return Func("CONCAT", strings...) }

// Contains is CONTAINS(s, substring): whether s contains substring.
func Contains(s, substring any) Expr { return Func("CONTAINS", s, substring) }

// EndsWith is ENDS_WITH(s, suffix): whether s ends with suffix.
func EndsWith(s, suffix any) Expr { return Func("ENDS_WITH", s, suffix) }

// FromBase64 is FROM_BASE64(s): the string decoded from base64.
func FromBase64(s any) Expr { return Func("FROM_BASE64", s) }

// Hash is HASH(algorithm, input): the hash of input, like "sha256".
func Hash(algorithm, input any) Expr { return Func("HASH", algorithm, input) }

// JSONExtract is JSON_EXTRACT(s, path): a value extracted from a JSON string.
func JSONExtract(s, path any) Expr { return Func("JSON_EXTRACT", s, path) }

// Left is LEFT(s, length): the first length characters.
func Left(s, length any) Expr { return Func("LEFT", s, length) }

// Length is LENGTH(s): the length in characters.
func Length(s any) Expr { return Func("LENGTH", s) }

// Locate is LOCATE(s, substring, start?): the position of substring in s (1-based, 0 if absent). Optional trailing arguments: start.
func Locate(s, substring any, optional ...any) Expr {
	return Func("LOCATE", append([]any{s, substring}, optional...)...)
}

// LTrim is LTRIM(s): s without leading whitespace.
func LTrim(s any) Expr { return Func("LTRIM", s) }

// MD5 is MD5(input): the MD5 hash.
func MD5(input any) Expr { return Func("MD5", input) }

// Repeat is REPEAT(s, number): s repeated number times.
func Repeat(s, number any) Expr { return Func("REPEAT", s, number) }

// Replace is REPLACE(s, regex, newString): s with matches of regex replaced.
func Replace(s, regex, newString any) Expr { return Func("REPLACE", s, regex, newString) }

// Reverse is REVERSE(s): the string reversed.
func Reverse(s any) Expr { return Func("REVERSE", s) }

// Right is RIGHT(s, length): the last length characters.
func Right(s, length any) Expr { return Func("RIGHT", s, length) }

// RTrim is RTRIM(s): s without trailing whitespace.
func RTrim(s any) Expr { return Func("RTRIM", s) }

// SHA1 is SHA1(input): the SHA-1 hash.
func SHA1(input any) Expr { return Func("SHA1", input) }

// SHA256 is SHA256(input): the SHA-256 hash.
func SHA256(input any) Expr { return Func("SHA256", input) }

// Space is SPACE(number): a string of number spaces.
func Space(number any) Expr { return Func("SPACE", number) }

// Split is SPLIT(s, delim): s split into a multivalued string.
func Split(s, delim any) Expr { return Func("SPLIT", s, delim) }

// StartsWith is STARTS_WITH(s, prefix): whether s starts with prefix.
func StartsWith(s, prefix any) Expr { return Func("STARTS_WITH", s, prefix) }

// Substring is SUBSTRING(s, start, length?): a substring (start is 1-based). Optional trailing arguments: length.
func Substring(s, start any, optional ...any) Expr {
	return Func("SUBSTRING", append([]any{s, start}, optional...)...)
}

// ToBase64 is TO_BASE64(s): the string encoded in base64.
func ToBase64(s any) Expr { return Func("TO_BASE64", s) }

// ToLower is TO_LOWER(s): the string in lower case.
func ToLower(s any) Expr { return Func("TO_LOWER", s) }

// ToUpper is TO_UPPER(s): the string in upper case.
func ToUpper(s any) Expr { return Func("TO_UPPER", s) }

// Trim is TRIM(s): s without leading and trailing whitespace.
func Trim(s any) Expr { return Func("TRIM", s) }

// URLDecode is URL_DECODE(s): the URL-decoded string.
func URLDecode(s any) Expr { return Func("URL_DECODE", s) }

// URLEncode is URL_ENCODE(s): the URL-encoded string.
func URLEncode(s any) Expr { return Func("URL_ENCODE", s) }

// URLEncodeComponent is URL_ENCODE_COMPONENT(s): the URL-encoded URI component.
func URLEncodeComponent(s any) Expr { return Func("URL_ENCODE_COMPONENT", s) }

// ----- conversion functions

// ToBoolean is TO_BOOLEAN(field): the value as a boolean.
func ToBoolean(field any) Expr { return Func("TO_BOOLEAN", field) }

// ToCartesianPoint is TO_CARTESIANPOINT(field): the value as a cartesian_point.
func ToCartesianPoint(field any) Expr { return Func("TO_CARTESIANPOINT", field) }

// ToCartesianShape is TO_CARTESIANSHAPE(field): the value as a cartesian_shape.
func ToCartesianShape(field any) Expr { return Func("TO_CARTESIANSHAPE", field) }

// ToDateNanos is TO_DATE_NANOS(field): the value as a date_nanos.
func ToDateNanos(field any) Expr { return Func("TO_DATE_NANOS", field) }

// ToDatePeriod is TO_DATEPERIOD(field): the value as a date period.
func ToDatePeriod(field any) Expr { return Func("TO_DATEPERIOD", field) }

// ToDatetime is TO_DATETIME(field): the value as a date.
func ToDatetime(field any) Expr { return Func("TO_DATETIME", field) }

// ToDegrees is TO_DEGREES(number): radians converted to degrees.
func ToDegrees(number any) Expr { return Func("TO_DEGREES", number) }

// ToDouble is TO_DOUBLE(field): the value as a double.
func ToDouble(field any) Expr { return Func("TO_DOUBLE", field) }

// ToGeoPoint is TO_GEOPOINT(field): the value as a geo_point.
func ToGeoPoint(field any) Expr { return Func("TO_GEOPOINT", field) }

// ToGeoShape is TO_GEOSHAPE(field): the value as a geo_shape.
func ToGeoShape(field any) Expr { return Func("TO_GEOSHAPE", field) }

// ToInteger is TO_INTEGER(field, base?): the value as an integer. Optional trailing arguments: base.
func ToInteger(field any, optional ...any) Expr {
	return Func("TO_INTEGER", append([]any{field}, optional...)...)
}

// ToIP is TO_IP(field, options?): the value as an IP. Optional trailing arguments: options.
func ToIP(field any, optional ...any) Expr {
	return Func("TO_IP", append([]any{field}, optional...)...)
}

// ToLong is TO_LONG(field, base?): the value as a long. Optional trailing arguments: base.
func ToLong(field any, optional ...any) Expr {
	return Func("TO_LONG", append([]any{field}, optional...)...)
}

// ToRadians is TO_RADIANS(number): degrees converted to radians.
func ToRadians(number any) Expr { return Func("TO_RADIANS", number) }

// ToString is TO_STRING(field): the value as a string.
func ToString(field any) Expr { return Func("TO_STRING", field) }

// ToTimeDuration is TO_TIMEDURATION(field): the value as a time duration.
func ToTimeDuration(field any) Expr { return Func("TO_TIMEDURATION", field) }

// ToUnsignedLong is TO_UNSIGNED_LONG(field): the value as an unsigned long.
func ToUnsignedLong(field any) Expr { return Func("TO_UNSIGNED_LONG", field) }

// ToVersion is TO_VERSION(field): the value as a version.
func ToVersion(field any) Expr { return Func("TO_VERSION", field) }

// ToDenseVector is TO_DENSE_VECTOR(field): the value as a dense vector.
func ToDenseVector(field any) Expr { return Func("TO_DENSE_VECTOR", field) }

// ToAggregateMetricDouble is TO_AGGREGATE_METRIC_DOUBLE(number): the value as an aggregate_metric_double.
func ToAggregateMetricDouble(number any) Expr { return Func("TO_AGGREGATE_METRIC_DOUBLE", number) }

// ToGeohash is TO_GEOHASH(field): the value as a geohash grid cell.
func ToGeohash(field any) Expr { return Func("TO_GEOHASH", field) }

// ToGeohex is TO_GEOHEX(field): the value as an H3 grid cell.
func ToGeohex(field any) Expr { return Func("TO_GEOHEX", field) }

// ToGeotile is TO_GEOTILE(field): the value as a geotile grid cell.
func ToGeotile(field any) Expr { return Func("TO_GEOTILE", field) }

// ToTDigest is TO_TDIGEST(field): the value as a TDigest sketch.
func ToTDigest(field any) Expr { return Func("TO_TDIGEST", field) }

// ToExponentialHistogram is TO_EXPONENTIAL_HISTOGRAM(field): the value as an exponential histogram.
func ToExponentialHistogram(field any) Expr { return Func("TO_EXPONENTIAL_HISTOGRAM", field) }

// ----- multivalue functions

// MvAppend is MV_APPEND(field1, field2): the values of both fields.
func MvAppend(field1, field2 any) Expr { return Func("MV_APPEND", field1, field2) }

// MvAvg is MV_AVG(number): the average of the values.
func MvAvg(number any) Expr { return Func("MV_AVG", number) }

// MvConcat is MV_CONCAT(s, delim): the values joined with delim.
func MvConcat(s, delim any) Expr { return Func("MV_CONCAT", s, delim) }

// MvContains is MV_CONTAINS(superset, subset): whether superset contains every value of subset.
func MvContains(superset, subset any) Expr { return Func("MV_CONTAINS", superset, subset) }

// MvCount is MV_COUNT(field): the number of values.
func MvCount(field any) Expr { return Func("MV_COUNT", field) }

// MvDedupe is MV_DEDUPE(field): the values without duplicates.
func MvDedupe(field any) Expr { return Func("MV_DEDUPE", field) }

// MvFirst is MV_FIRST(field): the first value.
func MvFirst(field any) Expr { return Func("MV_FIRST", field) }

// MvLast is MV_LAST(field): the last value.
func MvLast(field any) Expr { return Func("MV_LAST", field) }

// MvMax is MV_MAX(field): the largest value.
func MvMax(field any) Expr { return Func("MV_MAX", field) }

// MvMedian is MV_MEDIAN(number): the median of the values.
func MvMedian(number any) Expr { return Func("MV_MEDIAN", number) }

// MvMedianAbsoluteDeviation is MV_MEDIAN_ABSOLUTE_DEVIATION(number): the median absolute deviation of the values.
func MvMedianAbsoluteDeviation(number any) Expr { return Func("MV_MEDIAN_ABSOLUTE_DEVIATION", number) }

// MvMin is MV_MIN(field): the smallest value.
func MvMin(field any) Expr { return Func("MV_MIN", field) }

// MvPercentile is MV_PERCENTILE(number, percentile): a percentile of the values.
func MvPercentile(number, percentile any) Expr { return Func("MV_PERCENTILE", number, percentile) }

// MvPSeriesWeightedSum is MV_PSERIES_WEIGHTED_SUM(number, p): the P-series weighted sum of the values.
func MvPSeriesWeightedSum(number, p any) Expr { return Func("MV_PSERIES_WEIGHTED_SUM", number, p) }

// MvSlice is MV_SLICE(field, start, end?): the values from start to end (0-based, inclusive). Optional trailing arguments: end.
func MvSlice(field, start any, optional ...any) Expr {
	return Func("MV_SLICE", append([]any{field, start}, optional...)...)
}

// MvSort is MV_SORT(field, order?): the values sorted ("ASC" or "DESC"). Optional trailing arguments: order.
func MvSort(field any, optional ...any) Expr {
	return Func("MV_SORT", append([]any{field}, optional...)...)
}

// MvSum is MV_SUM(number): the sum of the values.
func MvSum(number any) Expr { return Func("MV_SUM", number) }

// MvZip is MV_ZIP(field1, field2, delim?): the values of both fields zipped with delim. Optional trailing arguments: delim.
func MvZip(field1, field2 any, optional ...any) Expr {
	return Func("MV_ZIP", append([]any{field1, field2}, optional...)...)
}

// MvIntersection is MV_INTERSECTION(field1, field2): the values in both fields.
func MvIntersection(field1, field2 any) Expr { return Func("MV_INTERSECTION", field1, field2) }

// MvIntersects is MV_INTERSECTS(field1, field2): whether the fields share a value.
func MvIntersects(field1, field2 any) Expr { return Func("MV_INTERSECTS", field1, field2) }

// MvDifference is MV_DIFFERENCE(field1, field2): the values of field1 not in field2.
func MvDifference(field1, field2 any) Expr { return Func("MV_DIFFERENCE", field1, field2) }

// MvUnion is MV_UNION(field1, field2): the values of either field.
func MvUnion(field1, field2 any) Expr { return Func("MV_UNION", field1, field2) }

// ----- spatial functions

// StContains is ST_CONTAINS(geomA, geomB): whether geomA contains geomB.
func StContains(geomA, geomB any) Expr { return Func("ST_CONTAINS", geomA, geomB) }

// StDisjoint is ST_DISJOINT(geomA, geomB): whether the geometries are disjoint.
func StDisjoint(geomA, geomB any) Expr { return Func("ST_DISJOINT", geomA, geomB) }

// StDistance is ST_DISTANCE(geomA, geomB): the distance between two points.
func StDistance(geomA, geomB any) Expr { return Func("ST_DISTANCE", geomA, geomB) }

// StIntersects is ST_INTERSECTS(geomA, geomB): whether the geometries intersect.
func StIntersects(geomA, geomB any) Expr { return Func("ST_INTERSECTS", geomA, geomB) }

// StWithin is ST_WITHIN(geomA, geomB): whether geomA is within geomB.
func StWithin(geomA, geomB any) Expr { return Func("ST_WITHIN", geomA, geomB) }

// StEnvelope is ST_ENVELOPE(geometry): the bounding box.
func StEnvelope(geometry any) Expr { return Func("ST_ENVELOPE", geometry) }

// StX is ST_X(point): the x coordinate.
func StX(point any) Expr { return Func("ST_X", point) }

// StY is ST_Y(point): the y coordinate.
func StY(point any) Expr { return Func("ST_Y", point) }

// StXMax is ST_XMAX(point): the largest x coordinate.
func StXMax(point any) Expr { return Func("ST_XMAX", point) }

// StXMin is ST_XMIN(point): the smallest x coordinate.
func StXMin(point any) Expr { return Func("ST_XMIN", point) }

// StYMax is ST_YMAX(point): the largest y coordinate.
func StYMax(point any) Expr { return Func("ST_YMAX", point) }

// StYMin is ST_YMIN(point): the smallest y coordinate.
func StYMin(point any) Expr { return Func("ST_YMIN", point) }

// StNPoints is ST_NPOINTS(geometry): the number of points.
func StNPoints(geometry any) Expr { return Func("ST_NPOINTS", geometry) }

// StGeohash is ST_GEOHASH(geometry, precision, bounds?): the geohash grid cell of a point. Optional trailing arguments: bounds.
func StGeohash(geometry, precision any, optional ...any) Expr {
	return Func("ST_GEOHASH", append([]any{geometry, precision}, optional...)...)
}

// StGeotile is ST_GEOTILE(geometry, precision, bounds?): the geotile grid cell of a point. Optional trailing arguments: bounds.
func StGeotile(geometry, precision any, optional ...any) Expr {
	return Func("ST_GEOTILE", append([]any{geometry, precision}, optional...)...)
}

// StGeohex is ST_GEOHEX(geometry, precision, bounds?): the H3 grid cell of a point. Optional trailing arguments: bounds.
func StGeohex(geometry, precision any, optional ...any) Expr {
	return Func("ST_GEOHEX", append([]any{geometry, precision}, optional...)...)
}

// StBuffer is ST_BUFFER(geometry, distance): the geometry grown by distance.
func StBuffer(geometry, distance any) Expr { return Func("ST_BUFFER", geometry, distance) }

// StSimplify is ST_SIMPLIFY(geometry, tolerance): the geometry simplified.
func StSimplify(geometry, tolerance any) Expr { return Func("ST_SIMPLIFY", geometry, tolerance) }

// StDimension is ST_DIMENSION(geometry): the topological dimension of a geometry.
func StDimension(geometry any) Expr { return Func("ST_DIMENSION", geometry) }

// StGeometryType is ST_GEOMETRYTYPE(geometry): the geometry type, like "Point".
func StGeometryType(geometry any) Expr { return Func("ST_GEOMETRYTYPE", geometry) }

// StIsEmpty is ST_ISEMPTY(geometry): whether the geometry is empty.
func StIsEmpty(geometry any) Expr { return Func("ST_ISEMPTY", geometry) }

// StSimplifyPreserveTopology is ST_SIMPLIFYPRESERVETOPOLOGY(geometry, tolerance): the geometry simplified without changing its topology.
func StSimplifyPreserveTopology(geometry, tolerance any) Expr {
	return Func("ST_SIMPLIFYPRESERVETOPOLOGY", geometry, tolerance)
}

// StGeohashToLong is ST_GEOHASH_TO_LONG(gridID): a geohash cell as a long.
func StGeohashToLong(gridID any) Expr { return Func("ST_GEOHASH_TO_LONG", gridID) }

// StGeohashToString is ST_GEOHASH_TO_STRING(gridID): a geohash cell as a string.
func StGeohashToString(gridID any) Expr { return Func("ST_GEOHASH_TO_STRING", gridID) }

// StGeohexToLong is ST_GEOHEX_TO_LONG(gridID): an H3 cell as a long.
func StGeohexToLong(gridID any) Expr { return Func("ST_GEOHEX_TO_LONG", gridID) }

// StGeohexToString is ST_GEOHEX_TO_STRING(gridID): an H3 cell as a string.
func StGeohexToString(gridID any) Expr { return Func("ST_GEOHEX_TO_STRING", gridID) }

// StGeotileToLong is ST_GEOTILE_TO_LONG(gridID): a geotile cell as a long.
func StGeotileToLong(gridID any) Expr { return Func("ST_GEOTILE_TO_LONG", gridID) }

// StGeotileToString is ST_GEOTILE_TO_STRING(gridID): a geotile cell as a string.
func StGeotileToString(gridID any) Expr { return Func("ST_GEOTILE_TO_STRING", gridID) }

// ----- vector functions

// VCosine is V_COSINE(left, right): the cosine similarity of two vectors.
func VCosine(left, right any) Expr { return Func("V_COSINE", left, right) }

// VDotProduct is V_DOT_PRODUCT(left, right): the dot product of two vectors.
func VDotProduct(left, right any) Expr { return Func("V_DOT_PRODUCT", left, right) }

// VHamming is V_HAMMING(left, right): the Hamming distance of two vectors.
func VHamming(left, right any) Expr { return Func("V_HAMMING", left, right) }

// VL1Norm is V_L1_NORM(left, right): the L1 distance of two vectors.
func VL1Norm(left, right any) Expr { return Func("V_L1_NORM", left, right) }

// VL2Norm is V_L2_NORM(left, right): the L2 distance of two vectors.
func VL2Norm(left, right any) Expr { return Func("V_L2_NORM", left, right) }

// VMagnitude is V_MAGNITUDE(input): the magnitude of a vector.
func VMagnitude(input any) Expr { return Func("V_MAGNITUDE", input) }
