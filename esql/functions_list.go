// Typed constructors for ES|QL functions. Each renders NAME(args); its
// arguments follow the [Value] rule: a Go string is a column name, a
// number or boolean a literal, an Expr as is (so a string literal is
// Str("text")). Optional trailing arguments are Exprs: Round("x", Lit(2)).

package esql

// ----- aggregate functions

// Avg is AVG(number): the average of a numeric column.
func Avg[T Value](number T) Expr { return Func("AVG", arg(number)) }

// Count is COUNT(field): the number of values; use CountAll for COUNT(*).
func Count[T Value](field T) Expr { return Func("COUNT", arg(field)) }

// CountDistinct is COUNT_DISTINCT(field, precision?): the approximate number of distinct values. Optional trailing arguments: precision.
func CountDistinct[T Value](field T, optional ...Expr) Expr {
	return Func("COUNT_DISTINCT", append([]Expr{arg(field)}, optional...)...)
}

// Max is MAX(field): the largest value.
func Max[T Value](field T) Expr { return Func("MAX", arg(field)) }

// Min is MIN(field): the smallest value.
func Min[T Value](field T) Expr { return Func("MIN", arg(field)) }

// Median is MEDIAN(number): the median (50th percentile).
func Median[T Value](number T) Expr { return Func("MEDIAN", arg(number)) }

// MedianAbsoluteDeviation is MEDIAN_ABSOLUTE_DEVIATION(number): the median absolute deviation.
func MedianAbsoluteDeviation[T Value](number T) Expr {
	return Func("MEDIAN_ABSOLUTE_DEVIATION", arg(number))
}

// Percentile is PERCENTILE(number, percentile): the value below which the given percentage of values fall.
func Percentile[T1, T2 Value](number T1, percentile T2) Expr {
	return Func("PERCENTILE", arg(number), arg(percentile))
}

// StdDev is STD_DEV(number): the population standard deviation.
func StdDev[T Value](number T) Expr { return Func("STD_DEV", arg(number)) }

// Variance is VARIANCE(number): the population variance.
func Variance[T Value](number T) Expr { return Func("VARIANCE", arg(number)) }

// Sum is SUM(number): the sum.
func Sum[T Value](number T) Expr { return Func("SUM", arg(number)) }

// Values is VALUES(field): all the values of a group as a multivalued column.
func Values[T Value](field T) Expr { return Func("VALUES", arg(field)) }

// Top is TOP(field, limit, order, outputField?): the top limit values ("asc" or "desc" order). Optional trailing arguments: outputField.
func Top[T1, T2, T3 Value](field T1, limit T2, order T3, optional ...Expr) Expr {
	return Func("TOP", append([]Expr{arg(field), arg(limit), arg(order)}, optional...)...)
}

// WeightedAvg is WEIGHTED_AVG(number, weight): the weighted average.
func WeightedAvg[T1, T2 Value](number T1, weight T2) Expr {
	return Func("WEIGHTED_AVG", arg(number), arg(weight))
}

// First is FIRST(field, sortField): the value of field at the earliest sortField.
func First[T1, T2 Value](field T1, sortField T2) Expr {
	return Func("FIRST", arg(field), arg(sortField))
}

// Last is LAST(field, sortField): the value of field at the latest sortField.
func Last[T1, T2 Value](field T1, sortField T2) Expr { return Func("LAST", arg(field), arg(sortField)) }

// Sample is SAMPLE(field, limit): up to limit sample values.
func Sample[T1, T2 Value](field T1, limit T2) Expr { return Func("SAMPLE", arg(field), arg(limit)) }

// Absent is ABSENT(field): whether the group has no non-null value.
func Absent[T Value](field T) Expr { return Func("ABSENT", arg(field)) }

// Present is PRESENT(field): whether the group has a non-null value.
func Present[T Value](field T) Expr { return Func("PRESENT", arg(field)) }

// StCentroidAgg is ST_CENTROID_AGG(field): the spatial centroid of points.
func StCentroidAgg[T Value](field T) Expr { return Func("ST_CENTROID_AGG", arg(field)) }

// StExtentAgg is ST_EXTENT_AGG(field): the spatial extent (bounding box) of geometries.
func StExtentAgg[T Value](field T) Expr { return Func("ST_EXTENT_AGG", arg(field)) }

// Rate is RATE(field, window?): the per-second rate of a counter (TS only). Optional trailing arguments: window.
func Rate[T Value](field T, optional ...Expr) Expr {
	return Func("RATE", append([]Expr{arg(field)}, optional...)...)
}

// Irate is IRATE(field, window?): the instant per-second rate of a counter (TS only). Optional trailing arguments: window.
func Irate[T Value](field T, optional ...Expr) Expr {
	return Func("IRATE", append([]Expr{arg(field)}, optional...)...)
}

// Delta is DELTA(field, window?): the absolute change of a gauge (TS only). Optional trailing arguments: window.
func Delta[T Value](field T, optional ...Expr) Expr {
	return Func("DELTA", append([]Expr{arg(field)}, optional...)...)
}

// Idelta is IDELTA(field, window?): the instant change of a gauge (TS only). Optional trailing arguments: window.
func Idelta[T Value](field T, optional ...Expr) Expr {
	return Func("IDELTA", append([]Expr{arg(field)}, optional...)...)
}

// Increase is INCREASE(field, window?): the increase of a counter (TS only). Optional trailing arguments: window.
func Increase[T Value](field T, optional ...Expr) Expr {
	return Func("INCREASE", append([]Expr{arg(field)}, optional...)...)
}

// Deriv is DERIV(field, window?): the derivative of a gauge (TS only). Optional trailing arguments: window.
func Deriv[T Value](field T, optional ...Expr) Expr {
	return Func("DERIV", append([]Expr{arg(field)}, optional...)...)
}

// AvgOverTime is AVG_OVER_TIME(field, window?): the average over time of a series (TS only). Optional trailing arguments: window.
func AvgOverTime[T Value](field T, optional ...Expr) Expr {
	return Func("AVG_OVER_TIME", append([]Expr{arg(field)}, optional...)...)
}

// SumOverTime is SUM_OVER_TIME(field, window?): the sum over time of a series (TS only). Optional trailing arguments: window.
func SumOverTime[T Value](field T, optional ...Expr) Expr {
	return Func("SUM_OVER_TIME", append([]Expr{arg(field)}, optional...)...)
}

// MaxOverTime is MAX_OVER_TIME(field, window?): the maximum over time of a series (TS only). Optional trailing arguments: window.
func MaxOverTime[T Value](field T, optional ...Expr) Expr {
	return Func("MAX_OVER_TIME", append([]Expr{arg(field)}, optional...)...)
}

// MinOverTime is MIN_OVER_TIME(field, window?): the minimum over time of a series (TS only). Optional trailing arguments: window.
func MinOverTime[T Value](field T, optional ...Expr) Expr {
	return Func("MIN_OVER_TIME", append([]Expr{arg(field)}, optional...)...)
}

// CountOverTime is COUNT_OVER_TIME(field, window?): the count over time of a series (TS only). Optional trailing arguments: window.
func CountOverTime[T Value](field T, optional ...Expr) Expr {
	return Func("COUNT_OVER_TIME", append([]Expr{arg(field)}, optional...)...)
}

// FirstOverTime is FIRST_OVER_TIME(field, window?): the earliest value of a series (TS only). Optional trailing arguments: window.
func FirstOverTime[T Value](field T, optional ...Expr) Expr {
	return Func("FIRST_OVER_TIME", append([]Expr{arg(field)}, optional...)...)
}

// LastOverTime is LAST_OVER_TIME(field, window?): the latest value of a series (TS only). Optional trailing arguments: window.
func LastOverTime[T Value](field T, optional ...Expr) Expr {
	return Func("LAST_OVER_TIME", append([]Expr{arg(field)}, optional...)...)
}

// AllFirst is ALL_FIRST(value, sort): the value at the earliest sort value, nulls included.
func AllFirst[T1, T2 Value](value T1, sort T2) Expr { return Func("ALL_FIRST", arg(value), arg(sort)) }

// AllLast is ALL_LAST(value, sort): the value at the latest sort value, nulls included.
func AllLast[T1, T2 Value](value T1, sort T2) Expr { return Func("ALL_LAST", arg(value), arg(sort)) }

// Earliest is EARLIEST(field): the earliest value of a series (TS only).
func Earliest[T Value](field T) Expr { return Func("EARLIEST", arg(field)) }

// Latest is LATEST(field): the latest value of a series (TS only).
func Latest[T Value](field T) Expr { return Func("LATEST", arg(field)) }

// AbsentOverTime is ABSENT_OVER_TIME(field, window?): whether a series has no value over time (TS only). Optional trailing arguments: window.
func AbsentOverTime[T Value](field T, optional ...Expr) Expr {
	return Func("ABSENT_OVER_TIME", append([]Expr{arg(field)}, optional...)...)
}

// PresentOverTime is PRESENT_OVER_TIME(field, window?): whether a series has a value over time (TS only). Optional trailing arguments: window.
func PresentOverTime[T Value](field T, optional ...Expr) Expr {
	return Func("PRESENT_OVER_TIME", append([]Expr{arg(field)}, optional...)...)
}

// CountDistinctOverTime is COUNT_DISTINCT_OVER_TIME(field, precision?): the distinct count over time of a series (TS only). Optional trailing arguments: precision.
func CountDistinctOverTime[T Value](field T, optional ...Expr) Expr {
	return Func("COUNT_DISTINCT_OVER_TIME", append([]Expr{arg(field)}, optional...)...)
}

// PercentileOverTime is PERCENTILE_OVER_TIME(field, percentile): a percentile over time of a series (TS only).
func PercentileOverTime[T1, T2 Value](field T1, percentile T2) Expr {
	return Func("PERCENTILE_OVER_TIME", arg(field), arg(percentile))
}

// StdDevOverTime is STDDEV_OVER_TIME(field, window?): the standard deviation over time of a series (TS only). Optional trailing arguments: window.
func StdDevOverTime[T Value](field T, optional ...Expr) Expr {
	return Func("STDDEV_OVER_TIME", append([]Expr{arg(field)}, optional...)...)
}

// VarianceOverTime is VARIANCE_OVER_TIME(field, window?): the variance over time of a series (TS only). Optional trailing arguments: window.
func VarianceOverTime[T Value](field T, optional ...Expr) Expr {
	return Func("VARIANCE_OVER_TIME", append([]Expr{arg(field)}, optional...)...)
}

// Sparkline is SPARKLINE(field, key, buckets, from, to): the y values of a sparkline of field over key.
func Sparkline[T1, T2, T3, T4, T5 Value](field T1, key T2, buckets T3, from T4, to T5) Expr {
	return Func("SPARKLINE", arg(field), arg(key), arg(buckets), arg(from), arg(to))
}

// ----- grouping functions

// Bucket is BUCKET(field, buckets, from?, to?): groups values into buckets: a bucket size, or a target count with a range. Optional trailing arguments: from, to.
func Bucket[T1, T2 Value](field T1, buckets T2, optional ...Expr) Expr {
	return Func("BUCKET", append([]Expr{arg(field), arg(buckets)}, optional...)...)
}

// TBucket is TBUCKET(buckets, from?, to?): buckets on @timestamp. Optional trailing arguments: from, to.
func TBucket[T Value](buckets T, optional ...Expr) Expr {
	return Func("TBUCKET", append([]Expr{arg(buckets)}, optional...)...)
}

// Categorize is CATEGORIZE(field, options?): groups text messages into categories. Optional trailing arguments: options.
func Categorize[T Value](field T, optional ...Expr) Expr {
	return Func("CATEGORIZE", append([]Expr{arg(field)}, optional...)...)
}

// ----- conditional functions

// Case is CASE(conditions...): pairs of condition and value, then an optional default.
func Case[T Value](conditions ...T) Expr { return Func("CASE", args(conditions)...) }

// Coalesce is COALESCE(first, rest...): the first non-null argument.
func Coalesce[T Value](first T, rest ...T) Expr {
	return Func("COALESCE", append([]Expr{arg(first)}, args(rest)...)...)
}

// Greatest is GREATEST(first, rest...): the largest argument.
func Greatest[T Value](first T, rest ...T) Expr {
	return Func("GREATEST", append([]Expr{arg(first)}, args(rest)...)...)
}

// Least is LEAST(first, rest...): the smallest argument.
func Least[T Value](first T, rest ...T) Expr {
	return Func("LEAST", append([]Expr{arg(first)}, args(rest)...)...)
}

// Clamp is CLAMP(field, low, high): field limited to [low, high].
func Clamp[T1, T2, T3 Value](field T1, low T2, high T3) Expr {
	return Func("CLAMP", arg(field), arg(low), arg(high))
}

// ClampMin is CLAMP_MIN(field, low): field raised to at least low.
func ClampMin[T1, T2 Value](field T1, low T2) Expr { return Func("CLAMP_MIN", arg(field), arg(low)) }

// ClampMax is CLAMP_MAX(field, high): field lowered to at most high.
func ClampMax[T1, T2 Value](field T1, high T2) Expr { return Func("CLAMP_MAX", arg(field), arg(high)) }

// ----- date and time functions

// DateDiff is DATE_DIFF(unit, startTimestamp, endTimestamp): the difference between two dates in multiples of unit.
func DateDiff[T1, T2, T3 Value](unit T1, startTimestamp T2, endTimestamp T3) Expr {
	return Func("DATE_DIFF", arg(unit), arg(startTimestamp), arg(endTimestamp))
}

// DateExtract is DATE_EXTRACT(datePart, date): a part of a date, like "year" or "hour_of_day".
func DateExtract[T1, T2 Value](datePart T1, date T2) Expr {
	return Func("DATE_EXTRACT", arg(datePart), arg(date))
}

// DateFormat is DATE_FORMAT(dateFormat, date?): a date as a string in the given format (or the date alone in ISO format). Optional trailing arguments: date.
func DateFormat[T Value](dateFormat T, optional ...Expr) Expr {
	return Func("DATE_FORMAT", append([]Expr{arg(dateFormat)}, optional...)...)
}

// DateParse is DATE_PARSE(datePattern, dateString, options?): a date parsed from a string with a pattern. Optional trailing arguments: options.
func DateParse[T1, T2 Value](datePattern T1, dateString T2, optional ...Expr) Expr {
	return Func("DATE_PARSE", append([]Expr{arg(datePattern), arg(dateString)}, optional...)...)
}

// DateTrunc is DATE_TRUNC(interval, date): a date rounded down to an interval such as "1 hour".
func DateTrunc[T1, T2 Value](interval T1, date T2) Expr {
	return Func("DATE_TRUNC", arg(interval), arg(date))
}

// DayName is DAY_NAME(date): the day of week name.
func DayName[T Value](date T) Expr { return Func("DAY_NAME", arg(date)) }

// MonthName is MONTH_NAME(date): the month name.
func MonthName[T Value](date T) Expr { return Func("MONTH_NAME", arg(date)) }

// Now is NOW(): the current date and time.
func Now() Expr { return Func("NOW") }

// TRange is TRANGE(startTimeOrOffset, endTime?): whether @timestamp is in a time range. Optional trailing arguments: endTime.
func TRange[T Value](startTimeOrOffset T, optional ...Expr) Expr {
	return Func("TRANGE", append([]Expr{arg(startTimeOrOffset)}, optional...)...)
}

// ----- IP functions

// CIDRMatch is CIDR_MATCH(ip, blocks...): whether the IP is in one of the CIDR blocks.
func CIDRMatch[T Value](ip T, blocks ...Expr) Expr {
	return Func("CIDR_MATCH", append([]Expr{arg(ip)}, blocks...)...)
}

// IPPrefix is IP_PREFIX(ip, prefixLengthV4, prefixLengthV6): the IP truncated to a prefix length.
func IPPrefix[T1, T2, T3 Value](ip T1, prefixLengthV4 T2, prefixLengthV6 T3) Expr {
	return Func("IP_PREFIX", arg(ip), arg(prefixLengthV4), arg(prefixLengthV6))
}

// NetworkDirection is NETWORK_DIRECTION(sourceIP, destinationIP, internalNetworks): the direction of traffic between two IPs.
func NetworkDirection[T1, T2, T3 Value](sourceIP T1, destinationIP T2, internalNetworks T3) Expr {
	return Func("NETWORK_DIRECTION", arg(sourceIP), arg(destinationIP), arg(internalNetworks))
}

// ----- math functions

// Abs is ABS(number): the absolute value.
func Abs[T Value](number T) Expr { return Func("ABS", arg(number)) }

// Acos is ACOS(number): the arccosine.
func Acos[T Value](number T) Expr { return Func("ACOS", arg(number)) }

// Asin is ASIN(number): the arcsine.
func Asin[T Value](number T) Expr { return Func("ASIN", arg(number)) }

// Atan is ATAN(number): the arctangent.
func Atan[T Value](number T) Expr { return Func("ATAN", arg(number)) }

// Atan2 is ATAN2(y, x): the angle of the point (x, y).
func Atan2[T1, T2 Value](y T1, x T2) Expr { return Func("ATAN2", arg(y), arg(x)) }

// Cbrt is CBRT(number): the cube root.
func Cbrt[T Value](number T) Expr { return Func("CBRT", arg(number)) }

// Ceil is CEIL(number): the number rounded up.
func Ceil[T Value](number T) Expr { return Func("CEIL", arg(number)) }

// Cos is COS(angle): the cosine.
func Cos[T Value](angle T) Expr { return Func("COS", arg(angle)) }

// Cosh is COSH(number): the hyperbolic cosine.
func Cosh[T Value](number T) Expr { return Func("COSH", arg(number)) }

// CopySign is COPY_SIGN(magnitude, sign): magnitude with the sign of sign.
func CopySign[T1, T2 Value](magnitude T1, sign T2) Expr {
	return Func("COPY_SIGN", arg(magnitude), arg(sign))
}

// Euler is E(): Euler's number.
func Euler() Expr { return Func("E") }

// Exp is EXP(number): e to the power of number.
func Exp[T Value](number T) Expr { return Func("EXP", arg(number)) }

// Floor is FLOOR(number): the number rounded down.
func Floor[T Value](number T) Expr { return Func("FLOOR", arg(number)) }

// Hypot is HYPOT(number1, number2): the hypotenuse of two numbers.
func Hypot[T1, T2 Value](number1 T1, number2 T2) Expr {
	return Func("HYPOT", arg(number1), arg(number2))
}

// Log is LOG(base, number?): the logarithm in base (or the natural logarithm of base alone). Optional trailing arguments: number.
func Log[T Value](base T, optional ...Expr) Expr {
	return Func("LOG", append([]Expr{arg(base)}, optional...)...)
}

// Log10 is LOG10(number): the base 10 logarithm.
func Log10[T Value](number T) Expr { return Func("LOG10", arg(number)) }

// Pi is PI(): the ratio of a circle's circumference to its diameter.
func Pi() Expr { return Func("PI") }

// Pow is POW(base, exponent): base raised to exponent.
func Pow[T1, T2 Value](base T1, exponent T2) Expr { return Func("POW", arg(base), arg(exponent)) }

// Round is ROUND(number, decimals?): the number rounded to decimals places (0 by default). Optional trailing arguments: decimals.
func Round[T Value](number T, optional ...Expr) Expr {
	return Func("ROUND", append([]Expr{arg(number)}, optional...)...)
}

// RoundTo is ROUND_TO(field, points...): the number rounded down to one of the points.
func RoundTo[T Value](field T, points ...Expr) Expr {
	return Func("ROUND_TO", append([]Expr{arg(field)}, points...)...)
}

// Scalb is SCALB(d, scaleFactor): d times 2 to the power of scaleFactor.
func Scalb[T1, T2 Value](d T1, scaleFactor T2) Expr { return Func("SCALB", arg(d), arg(scaleFactor)) }

// Signum is SIGNUM(number): the sign: -1, 0 or 1.
func Signum[T Value](number T) Expr { return Func("SIGNUM", arg(number)) }

// Sin is SIN(angle): the sine.
func Sin[T Value](angle T) Expr { return Func("SIN", arg(angle)) }

// Sinh is SINH(number): the hyperbolic sine.
func Sinh[T Value](number T) Expr { return Func("SINH", arg(number)) }

// Sqrt is SQRT(number): the square root.
func Sqrt[T Value](number T) Expr { return Func("SQRT", arg(number)) }

// Tan is TAN(angle): the tangent.
func Tan[T Value](angle T) Expr { return Func("TAN", arg(angle)) }

// Tanh is TANH(number): the hyperbolic tangent.
func Tanh[T Value](number T) Expr { return Func("TANH", arg(number)) }

// Tau is TAU(): the ratio of a circle's circumference to its radius.
func Tau() Expr { return Func("TAU") }

// Acosh is ACOSH(number): the inverse hyperbolic cosine.
func Acosh[T Value](number T) Expr { return Func("ACOSH", arg(number)) }

// Asinh is ASINH(number): the inverse hyperbolic sine.
func Asinh[T Value](number T) Expr { return Func("ASINH", arg(number)) }

// Atanh is ATANH(number): the inverse hyperbolic tangent.
func Atanh[T Value](number T) Expr { return Func("ATANH", arg(number)) }

// ----- search functions

// Match is MATCH(field, query, options?): a full-text match query on field. Optional trailing arguments: options.
func Match[T1, T2 Value](field T1, query T2, optional ...Expr) Expr {
	return Func("MATCH", append([]Expr{arg(field), arg(query)}, optional...)...)
}

// MatchPhrase is MATCH_PHRASE(field, query, options?): a phrase query on field. Optional trailing arguments: options.
func MatchPhrase[T1, T2 Value](field T1, query T2, optional ...Expr) Expr {
	return Func("MATCH_PHRASE", append([]Expr{arg(field), arg(query)}, optional...)...)
}

// MultiMatch is MULTI_MATCH(query, fields...): a match query on several fields (put options in a map last).
func MultiMatch[T Value](query T, fields ...Expr) Expr {
	return Func("MULTI_MATCH", append([]Expr{arg(query)}, fields...)...)
}

// QStr is QSTR(query, options?): a query string query. Optional trailing arguments: options.
func QStr[T Value](query T, optional ...Expr) Expr {
	return Func("QSTR", append([]Expr{arg(query)}, optional...)...)
}

// KQL is KQL(query, options?): a KQL query. Optional trailing arguments: options.
func KQL[T Value](query T, optional ...Expr) Expr {
	return Func("KQL", append([]Expr{arg(query)}, optional...)...)
}

// KNN is KNN(field, query, options?): the k nearest vectors to query. Optional trailing arguments: options.
func KNN[T1, T2 Value](field T1, query T2, optional ...Expr) Expr {
	return Func("KNN", append([]Expr{arg(field), arg(query)}, optional...)...)
}

// Term is TERM(field, query): a term query.
func Term[T1, T2 Value](field T1, query T2) Expr { return Func("TERM", arg(field), arg(query)) }

// Score is SCORE(query): the score of a full-text query.
func Score[T Value](query T) Expr { return Func("SCORE", arg(query)) }

// Decay is DECAY(value, origin, scale, options?): a score decaying with the distance from origin. Optional trailing arguments: options.
func Decay[T1, T2, T3 Value](value T1, origin T2, scale T3, optional ...Expr) Expr {
	return Func("DECAY", append([]Expr{arg(value), arg(origin), arg(scale)}, optional...)...)
}

// TopSnippets is TOP_SNIPPETS(field, query, options?): the best snippets of field for query. Optional trailing arguments: options.
func TopSnippets[T1, T2 Value](field T1, query T2, optional ...Expr) Expr {
	return Func("TOP_SNIPPETS", append([]Expr{arg(field), arg(query)}, optional...)...)
}

// TextEmbedding is TEXT_EMBEDDING(text, inferenceID): the embedding of text by an inference endpoint.
func TextEmbedding[T1, T2 Value](text T1, inferenceID T2) Expr {
	return Func("TEXT_EMBEDDING", arg(text), arg(inferenceID))
}

// Chunk is CHUNK(field, chunkingSettings?): the text split into chunks. Optional trailing arguments: chunkingSettings.
func Chunk[T Value](field T, optional ...Expr) Expr {
	return Func("CHUNK", append([]Expr{arg(field)}, optional...)...)
}

// ----- string functions

// BitLength is BIT_LENGTH(s): the length of a string in bits.
func BitLength[T Value](s T) Expr { return Func("BIT_LENGTH", arg(s)) }

// ByteLength is BYTE_LENGTH(s): the length of a string in bytes.
func ByteLength[T Value](s T) Expr { return Func("BYTE_LENGTH", arg(s)) }

// Concat is CONCAT(strings...): the strings concatenated.
func Concat[T Value](strings ...T) Expr { return Func("CONCAT", args(strings)...) }

// Contains is CONTAINS(s, substring): whether s contains substring.
func Contains[T1, T2 Value](s T1, substring T2) Expr { return Func("CONTAINS", arg(s), arg(substring)) }

// EndsWith is ENDS_WITH(s, suffix): whether s ends with suffix.
func EndsWith[T1, T2 Value](s T1, suffix T2) Expr { return Func("ENDS_WITH", arg(s), arg(suffix)) }

// FromBase64 is FROM_BASE64(s): the string decoded from base64.
func FromBase64[T Value](s T) Expr { return Func("FROM_BASE64", arg(s)) }

// Hash is HASH(algorithm, input): the hash of input, like "sha256".
func Hash[T1, T2 Value](algorithm T1, input T2) Expr { return Func("HASH", arg(algorithm), arg(input)) }

// JSONExtract is JSON_EXTRACT(s, path): a value extracted from a JSON string.
func JSONExtract[T1, T2 Value](s T1, path T2) Expr { return Func("JSON_EXTRACT", arg(s), arg(path)) }

// Left is LEFT(s, length): the first length characters.
func Left[T1, T2 Value](s T1, length T2) Expr { return Func("LEFT", arg(s), arg(length)) }

// Length is LENGTH(s): the length in characters.
func Length[T Value](s T) Expr { return Func("LENGTH", arg(s)) }

// Locate is LOCATE(s, substring, start?): the position of substring in s (1-based, 0 if absent). Optional trailing arguments: start.
func Locate[T1, T2 Value](s T1, substring T2, optional ...Expr) Expr {
	return Func("LOCATE", append([]Expr{arg(s), arg(substring)}, optional...)...)
}

// LTrim is LTRIM(s): s without leading whitespace.
func LTrim[T Value](s T) Expr { return Func("LTRIM", arg(s)) }

// MD5 is MD5(input): the MD5 hash.
func MD5[T Value](input T) Expr { return Func("MD5", arg(input)) }

// Repeat is REPEAT(s, number): s repeated number times.
func Repeat[T1, T2 Value](s T1, number T2) Expr { return Func("REPEAT", arg(s), arg(number)) }

// Replace is REPLACE(s, regex, newString): s with matches of regex replaced.
func Replace[T1, T2, T3 Value](s T1, regex T2, newString T3) Expr {
	return Func("REPLACE", arg(s), arg(regex), arg(newString))
}

// Reverse is REVERSE(s): the string reversed.
func Reverse[T Value](s T) Expr { return Func("REVERSE", arg(s)) }

// Right is RIGHT(s, length): the last length characters.
func Right[T1, T2 Value](s T1, length T2) Expr { return Func("RIGHT", arg(s), arg(length)) }

// RTrim is RTRIM(s): s without trailing whitespace.
func RTrim[T Value](s T) Expr { return Func("RTRIM", arg(s)) }

// SHA1 is SHA1(input): the SHA-1 hash.
func SHA1[T Value](input T) Expr { return Func("SHA1", arg(input)) }

// SHA256 is SHA256(input): the SHA-256 hash.
func SHA256[T Value](input T) Expr { return Func("SHA256", arg(input)) }

// Space is SPACE(number): a string of number spaces.
func Space[T Value](number T) Expr { return Func("SPACE", arg(number)) }

// Split is SPLIT(s, delim): s split into a multivalued string.
func Split[T1, T2 Value](s T1, delim T2) Expr { return Func("SPLIT", arg(s), arg(delim)) }

// StartsWith is STARTS_WITH(s, prefix): whether s starts with prefix.
func StartsWith[T1, T2 Value](s T1, prefix T2) Expr { return Func("STARTS_WITH", arg(s), arg(prefix)) }

// Substring is SUBSTRING(s, start, length?): a substring (start is 1-based). Optional trailing arguments: length.
func Substring[T1, T2 Value](s T1, start T2, optional ...Expr) Expr {
	return Func("SUBSTRING", append([]Expr{arg(s), arg(start)}, optional...)...)
}

// ToBase64 is TO_BASE64(s): the string encoded in base64.
func ToBase64[T Value](s T) Expr { return Func("TO_BASE64", arg(s)) }

// ToLower is TO_LOWER(s): the string in lower case.
func ToLower[T Value](s T) Expr { return Func("TO_LOWER", arg(s)) }

// ToUpper is TO_UPPER(s): the string in upper case.
func ToUpper[T Value](s T) Expr { return Func("TO_UPPER", arg(s)) }

// Trim is TRIM(s): s without leading and trailing whitespace.
func Trim[T Value](s T) Expr { return Func("TRIM", arg(s)) }

// URLDecode is URL_DECODE(s): the URL-decoded string.
func URLDecode[T Value](s T) Expr { return Func("URL_DECODE", arg(s)) }

// URLEncode is URL_ENCODE(s): the URL-encoded string.
func URLEncode[T Value](s T) Expr { return Func("URL_ENCODE", arg(s)) }

// URLEncodeComponent is URL_ENCODE_COMPONENT(s): the URL-encoded URI component.
func URLEncodeComponent[T Value](s T) Expr { return Func("URL_ENCODE_COMPONENT", arg(s)) }

// ----- conversion functions

// ToBoolean is TO_BOOLEAN(field): the value as a boolean.
func ToBoolean[T Value](field T) Expr { return Func("TO_BOOLEAN", arg(field)) }

// ToCartesianPoint is TO_CARTESIANPOINT(field): the value as a cartesian_point.
func ToCartesianPoint[T Value](field T) Expr { return Func("TO_CARTESIANPOINT", arg(field)) }

// ToCartesianShape is TO_CARTESIANSHAPE(field): the value as a cartesian_shape.
func ToCartesianShape[T Value](field T) Expr { return Func("TO_CARTESIANSHAPE", arg(field)) }

// ToDateNanos is TO_DATE_NANOS(field): the value as a date_nanos.
func ToDateNanos[T Value](field T) Expr { return Func("TO_DATE_NANOS", arg(field)) }

// ToDatePeriod is TO_DATEPERIOD(field): the value as a date period.
func ToDatePeriod[T Value](field T) Expr { return Func("TO_DATEPERIOD", arg(field)) }

// ToDatetime is TO_DATETIME(field): the value as a date.
func ToDatetime[T Value](field T) Expr { return Func("TO_DATETIME", arg(field)) }

// ToDegrees is TO_DEGREES(number): radians converted to degrees.
func ToDegrees[T Value](number T) Expr { return Func("TO_DEGREES", arg(number)) }

// ToDouble is TO_DOUBLE(field): the value as a double.
func ToDouble[T Value](field T) Expr { return Func("TO_DOUBLE", arg(field)) }

// ToGeoPoint is TO_GEOPOINT(field): the value as a geo_point.
func ToGeoPoint[T Value](field T) Expr { return Func("TO_GEOPOINT", arg(field)) }

// ToGeoShape is TO_GEOSHAPE(field): the value as a geo_shape.
func ToGeoShape[T Value](field T) Expr { return Func("TO_GEOSHAPE", arg(field)) }

// ToInteger is TO_INTEGER(field, base?): the value as an integer. Optional trailing arguments: base.
func ToInteger[T Value](field T, optional ...Expr) Expr {
	return Func("TO_INTEGER", append([]Expr{arg(field)}, optional...)...)
}

// ToIP is TO_IP(field, options?): the value as an IP. Optional trailing arguments: options.
func ToIP[T Value](field T, optional ...Expr) Expr {
	return Func("TO_IP", append([]Expr{arg(field)}, optional...)...)
}

// ToLong is TO_LONG(field, base?): the value as a long. Optional trailing arguments: base.
func ToLong[T Value](field T, optional ...Expr) Expr {
	return Func("TO_LONG", append([]Expr{arg(field)}, optional...)...)
}

// ToRadians is TO_RADIANS(number): degrees converted to radians.
func ToRadians[T Value](number T) Expr { return Func("TO_RADIANS", arg(number)) }

// ToString is TO_STRING(field): the value as a string.
func ToString[T Value](field T) Expr { return Func("TO_STRING", arg(field)) }

// ToTimeDuration is TO_TIMEDURATION(field): the value as a time duration.
func ToTimeDuration[T Value](field T) Expr { return Func("TO_TIMEDURATION", arg(field)) }

// ToUnsignedLong is TO_UNSIGNED_LONG(field): the value as an unsigned long.
func ToUnsignedLong[T Value](field T) Expr { return Func("TO_UNSIGNED_LONG", arg(field)) }

// ToVersion is TO_VERSION(field): the value as a version.
func ToVersion[T Value](field T) Expr { return Func("TO_VERSION", arg(field)) }

// ToDenseVector is TO_DENSE_VECTOR(field): the value as a dense vector.
func ToDenseVector[T Value](field T) Expr { return Func("TO_DENSE_VECTOR", arg(field)) }

// ToAggregateMetricDouble is TO_AGGREGATE_METRIC_DOUBLE(number): the value as an aggregate_metric_double.
func ToAggregateMetricDouble[T Value](number T) Expr {
	return Func("TO_AGGREGATE_METRIC_DOUBLE", arg(number))
}

// ToGeohash is TO_GEOHASH(field): the value as a geohash grid cell.
func ToGeohash[T Value](field T) Expr { return Func("TO_GEOHASH", arg(field)) }

// ToGeohex is TO_GEOHEX(field): the value as an H3 grid cell.
func ToGeohex[T Value](field T) Expr { return Func("TO_GEOHEX", arg(field)) }

// ToGeotile is TO_GEOTILE(field): the value as a geotile grid cell.
func ToGeotile[T Value](field T) Expr { return Func("TO_GEOTILE", arg(field)) }

// ToTDigest is TO_TDIGEST(field): the value as a TDigest sketch.
func ToTDigest[T Value](field T) Expr { return Func("TO_TDIGEST", arg(field)) }

// ToExponentialHistogram is TO_EXPONENTIAL_HISTOGRAM(field): the value as an exponential histogram.
func ToExponentialHistogram[T Value](field T) Expr {
	return Func("TO_EXPONENTIAL_HISTOGRAM", arg(field))
}

// ----- multivalue functions

// MvAppend is MV_APPEND(field1, field2): the values of both fields.
func MvAppend[T1, T2 Value](field1 T1, field2 T2) Expr {
	return Func("MV_APPEND", arg(field1), arg(field2))
}

// MvAvg is MV_AVG(number): the average of the values.
func MvAvg[T Value](number T) Expr { return Func("MV_AVG", arg(number)) }

// MvConcat is MV_CONCAT(s, delim): the values joined with delim.
func MvConcat[T1, T2 Value](s T1, delim T2) Expr { return Func("MV_CONCAT", arg(s), arg(delim)) }

// MvContains is MV_CONTAINS(superset, subset): whether superset contains every value of subset.
func MvContains[T1, T2 Value](superset T1, subset T2) Expr {
	return Func("MV_CONTAINS", arg(superset), arg(subset))
}

// MvCount is MV_COUNT(field): the number of values.
func MvCount[T Value](field T) Expr { return Func("MV_COUNT", arg(field)) }

// MvDedupe is MV_DEDUPE(field): the values without duplicates.
func MvDedupe[T Value](field T) Expr { return Func("MV_DEDUPE", arg(field)) }

// MvFirst is MV_FIRST(field): the first value.
func MvFirst[T Value](field T) Expr { return Func("MV_FIRST", arg(field)) }

// MvLast is MV_LAST(field): the last value.
func MvLast[T Value](field T) Expr { return Func("MV_LAST", arg(field)) }

// MvMax is MV_MAX(field): the largest value.
func MvMax[T Value](field T) Expr { return Func("MV_MAX", arg(field)) }

// MvMedian is MV_MEDIAN(number): the median of the values.
func MvMedian[T Value](number T) Expr { return Func("MV_MEDIAN", arg(number)) }

// MvMedianAbsoluteDeviation is MV_MEDIAN_ABSOLUTE_DEVIATION(number): the median absolute deviation of the values.
func MvMedianAbsoluteDeviation[T Value](number T) Expr {
	return Func("MV_MEDIAN_ABSOLUTE_DEVIATION", arg(number))
}

// MvMin is MV_MIN(field): the smallest value.
func MvMin[T Value](field T) Expr { return Func("MV_MIN", arg(field)) }

// MvPercentile is MV_PERCENTILE(number, percentile): a percentile of the values.
func MvPercentile[T1, T2 Value](number T1, percentile T2) Expr {
	return Func("MV_PERCENTILE", arg(number), arg(percentile))
}

// MvPSeriesWeightedSum is MV_PSERIES_WEIGHTED_SUM(number, p): the P-series weighted sum of the values.
func MvPSeriesWeightedSum[T1, T2 Value](number T1, p T2) Expr {
	return Func("MV_PSERIES_WEIGHTED_SUM", arg(number), arg(p))
}

// MvSlice is MV_SLICE(field, start, end?): the values from start to end (0-based, inclusive). Optional trailing arguments: end.
func MvSlice[T1, T2 Value](field T1, start T2, optional ...Expr) Expr {
	return Func("MV_SLICE", append([]Expr{arg(field), arg(start)}, optional...)...)
}

// MvSort is MV_SORT(field, order?): the values sorted ("ASC" or "DESC"). Optional trailing arguments: order.
func MvSort[T Value](field T, optional ...Expr) Expr {
	return Func("MV_SORT", append([]Expr{arg(field)}, optional...)...)
}

// MvSum is MV_SUM(number): the sum of the values.
func MvSum[T Value](number T) Expr { return Func("MV_SUM", arg(number)) }

// MvZip is MV_ZIP(field1, field2, delim?): the values of both fields zipped with delim. Optional trailing arguments: delim.
func MvZip[T1, T2 Value](field1 T1, field2 T2, optional ...Expr) Expr {
	return Func("MV_ZIP", append([]Expr{arg(field1), arg(field2)}, optional...)...)
}

// MvIntersection is MV_INTERSECTION(field1, field2): the values in both fields.
func MvIntersection[T1, T2 Value](field1 T1, field2 T2) Expr {
	return Func("MV_INTERSECTION", arg(field1), arg(field2))
}

// MvIntersects is MV_INTERSECTS(field1, field2): whether the fields share a value.
func MvIntersects[T1, T2 Value](field1 T1, field2 T2) Expr {
	return Func("MV_INTERSECTS", arg(field1), arg(field2))
}

// MvDifference is MV_DIFFERENCE(field1, field2): the values of field1 not in field2.
func MvDifference[T1, T2 Value](field1 T1, field2 T2) Expr {
	return Func("MV_DIFFERENCE", arg(field1), arg(field2))
}

// MvUnion is MV_UNION(field1, field2): the values of either field.
func MvUnion[T1, T2 Value](field1 T1, field2 T2) Expr {
	return Func("MV_UNION", arg(field1), arg(field2))
}

// ----- spatial functions

// StContains is ST_CONTAINS(geomA, geomB): whether geomA contains geomB.
func StContains[T1, T2 Value](geomA T1, geomB T2) Expr {
	return Func("ST_CONTAINS", arg(geomA), arg(geomB))
}

// StDisjoint is ST_DISJOINT(geomA, geomB): whether the geometries are disjoint.
func StDisjoint[T1, T2 Value](geomA T1, geomB T2) Expr {
	return Func("ST_DISJOINT", arg(geomA), arg(geomB))
}

// StDistance is ST_DISTANCE(geomA, geomB): the distance between two points.
func StDistance[T1, T2 Value](geomA T1, geomB T2) Expr {
	return Func("ST_DISTANCE", arg(geomA), arg(geomB))
}

// StIntersects is ST_INTERSECTS(geomA, geomB): whether the geometries intersect.
func StIntersects[T1, T2 Value](geomA T1, geomB T2) Expr {
	return Func("ST_INTERSECTS", arg(geomA), arg(geomB))
}

// StWithin is ST_WITHIN(geomA, geomB): whether geomA is within geomB.
func StWithin[T1, T2 Value](geomA T1, geomB T2) Expr {
	return Func("ST_WITHIN", arg(geomA), arg(geomB))
}

// StEnvelope is ST_ENVELOPE(geometry): the bounding box.
func StEnvelope[T Value](geometry T) Expr { return Func("ST_ENVELOPE", arg(geometry)) }

// StX is ST_X(point): the x coordinate.
func StX[T Value](point T) Expr { return Func("ST_X", arg(point)) }

// StY is ST_Y(point): the y coordinate.
func StY[T Value](point T) Expr { return Func("ST_Y", arg(point)) }

// StXMax is ST_XMAX(point): the largest x coordinate.
func StXMax[T Value](point T) Expr { return Func("ST_XMAX", arg(point)) }

// StXMin is ST_XMIN(point): the smallest x coordinate.
func StXMin[T Value](point T) Expr { return Func("ST_XMIN", arg(point)) }

// StYMax is ST_YMAX(point): the largest y coordinate.
func StYMax[T Value](point T) Expr { return Func("ST_YMAX", arg(point)) }

// StYMin is ST_YMIN(point): the smallest y coordinate.
func StYMin[T Value](point T) Expr { return Func("ST_YMIN", arg(point)) }

// StNPoints is ST_NPOINTS(geometry): the number of points.
func StNPoints[T Value](geometry T) Expr { return Func("ST_NPOINTS", arg(geometry)) }

// StGeohash is ST_GEOHASH(geometry, precision, bounds?): the geohash grid cell of a point. Optional trailing arguments: bounds.
func StGeohash[T1, T2 Value](geometry T1, precision T2, optional ...Expr) Expr {
	return Func("ST_GEOHASH", append([]Expr{arg(geometry), arg(precision)}, optional...)...)
}

// StGeotile is ST_GEOTILE(geometry, precision, bounds?): the geotile grid cell of a point. Optional trailing arguments: bounds.
func StGeotile[T1, T2 Value](geometry T1, precision T2, optional ...Expr) Expr {
	return Func("ST_GEOTILE", append([]Expr{arg(geometry), arg(precision)}, optional...)...)
}

// StGeohex is ST_GEOHEX(geometry, precision, bounds?): the H3 grid cell of a point. Optional trailing arguments: bounds.
func StGeohex[T1, T2 Value](geometry T1, precision T2, optional ...Expr) Expr {
	return Func("ST_GEOHEX", append([]Expr{arg(geometry), arg(precision)}, optional...)...)
}

// StBuffer is ST_BUFFER(geometry, distance): the geometry grown by distance.
func StBuffer[T1, T2 Value](geometry T1, distance T2) Expr {
	return Func("ST_BUFFER", arg(geometry), arg(distance))
}

// StSimplify is ST_SIMPLIFY(geometry, tolerance): the geometry simplified.
func StSimplify[T1, T2 Value](geometry T1, tolerance T2) Expr {
	return Func("ST_SIMPLIFY", arg(geometry), arg(tolerance))
}

// StDimension is ST_DIMENSION(geometry): the topological dimension of a geometry.
func StDimension[T Value](geometry T) Expr { return Func("ST_DIMENSION", arg(geometry)) }

// StGeometryType is ST_GEOMETRYTYPE(geometry): the geometry type, like "Point".
func StGeometryType[T Value](geometry T) Expr { return Func("ST_GEOMETRYTYPE", arg(geometry)) }

// StIsEmpty is ST_ISEMPTY(geometry): whether the geometry is empty.
func StIsEmpty[T Value](geometry T) Expr { return Func("ST_ISEMPTY", arg(geometry)) }

// StSimplifyPreserveTopology is ST_SIMPLIFYPRESERVETOPOLOGY(geometry, tolerance): the geometry simplified without changing its topology.
func StSimplifyPreserveTopology[T1, T2 Value](geometry T1, tolerance T2) Expr {
	return Func("ST_SIMPLIFYPRESERVETOPOLOGY", arg(geometry), arg(tolerance))
}

// StGeohashToLong is ST_GEOHASH_TO_LONG(gridID): a geohash cell as a long.
func StGeohashToLong[T Value](gridID T) Expr { return Func("ST_GEOHASH_TO_LONG", arg(gridID)) }

// StGeohashToString is ST_GEOHASH_TO_STRING(gridID): a geohash cell as a string.
func StGeohashToString[T Value](gridID T) Expr { return Func("ST_GEOHASH_TO_STRING", arg(gridID)) }

// StGeohexToLong is ST_GEOHEX_TO_LONG(gridID): an H3 cell as a long.
func StGeohexToLong[T Value](gridID T) Expr { return Func("ST_GEOHEX_TO_LONG", arg(gridID)) }

// StGeohexToString is ST_GEOHEX_TO_STRING(gridID): an H3 cell as a string.
func StGeohexToString[T Value](gridID T) Expr { return Func("ST_GEOHEX_TO_STRING", arg(gridID)) }

// StGeotileToLong is ST_GEOTILE_TO_LONG(gridID): a geotile cell as a long.
func StGeotileToLong[T Value](gridID T) Expr { return Func("ST_GEOTILE_TO_LONG", arg(gridID)) }

// StGeotileToString is ST_GEOTILE_TO_STRING(gridID): a geotile cell as a string.
func StGeotileToString[T Value](gridID T) Expr { return Func("ST_GEOTILE_TO_STRING", arg(gridID)) }

// ----- vector functions

// VCosine is V_COSINE(left, right): the cosine similarity of two vectors.
func VCosine[T1, T2 Value](left T1, right T2) Expr { return Func("V_COSINE", arg(left), arg(right)) }

// VDotProduct is V_DOT_PRODUCT(left, right): the dot product of two vectors.
func VDotProduct[T1, T2 Value](left T1, right T2) Expr {
	return Func("V_DOT_PRODUCT", arg(left), arg(right))
}

// VHamming is V_HAMMING(left, right): the Hamming distance of two vectors.
func VHamming[T1, T2 Value](left T1, right T2) Expr { return Func("V_HAMMING", arg(left), arg(right)) }

// VL1Norm is V_L1_NORM(left, right): the L1 distance of two vectors.
func VL1Norm[T1, T2 Value](left T1, right T2) Expr { return Func("V_L1_NORM", arg(left), arg(right)) }

// VL2Norm is V_L2_NORM(left, right): the L2 distance of two vectors.
func VL2Norm[T1, T2 Value](left T1, right T2) Expr { return Func("V_L2_NORM", arg(left), arg(right)) }

// VMagnitude is V_MAGNITUDE(input): the magnitude of a vector.
func VMagnitude[T Value](input T) Expr { return Func("V_MAGNITUDE", arg(input)) }
