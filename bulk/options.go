package bulk

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"time"

	"github.com/esgo/esgo/transport"
)

// Option configures an Indexer or a Stream. An invalid option makes New
// (or NewStream) fail with a *transport.ConfigError
// naming it.
type Option func(*config) error

// configError reports an invalid option; value is shown unless nil.
func configError(option string, value any, msg string) error {
	e := &transport.ConfigError{Option: "bulk." + option, Err: errors.New(msg)}
	if value != nil {
		e.Value = fmt.Sprint(value)
	}
	return e
}

type config struct {
	workers          int
	flushActions     int
	flushBytes       int
	flushInterval    time.Duration
	queueSize        int
	index            string
	query            url.Values
	header           http.Header
	timeout          time.Duration
	maxRetries       int
	backoffMin       time.Duration
	backoffMax       time.Duration
	retryStatuses    map[int]bool
	compress         bool
	serverIDs        bool
	maxResponseBytes int64
	onSuccess        func(Result)
	onFailure        func(Result)
	logger           *slog.Logger
}

func defaultConfig() config {
	return config{
		workers:          max(4, runtime.NumCPU()),
		flushActions:     1000,
		flushBytes:       5 << 20,
		flushInterval:    10 * time.Second,
		maxRetries:       10,
		backoffMin:       100 * time.Millisecond,
		backoffMax:       10 * time.Second,
		retryStatuses:    map[int]bool{429: true, 502: true, 503: true, 504: true},
		maxResponseBytes: 64 << 20,
		query:            url.Values{},
		header:           http.Header{},
	}
}

// WithWorkers sets how many bulk requests may be in flight at once
// (default: the number of CPUs, at least 4: concurrent requests hide the
// server's per-request costs, such as the translog fsync).
func WithWorkers(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return configError("WithWorkers", n, "need at least 1")
		}
		c.workers = n
		return nil
	}
}

// WithFlushActions sends a batch when it holds n actions (default 1000).
func WithFlushActions(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return configError("WithFlushActions", n, "need at least 1")
		}
		c.flushActions = n
		return nil
	}
}

// WithFlushBytes sends a batch when its body reaches n bytes (default 5 MiB).
// A single item larger than n is sent alone.
func WithFlushBytes(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return configError("WithFlushBytes", n, "need at least 1")
		}
		c.flushBytes = n
		return nil
	}
}

// WithFlushInterval sends a batch that has not been sent for d (default
// 10s); 0 turns the timer off.
func WithFlushInterval(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return configError("WithFlushInterval", d, "must not be negative")
		}
		c.flushInterval = d
		return nil
	}
}

// WithQueueSize sets how many added items may wait for a worker (default:
// the flush action count). Add blocks when the queue is full.
func WithQueueSize(n int) Option {
	return func(c *config) error {
		if n < 0 {
			return configError("WithQueueSize", n, "must not be negative")
		}
		c.queueSize = n
		return nil
	}
}

// WithIndex sets the default index, used by items without one.
func WithIndex(name string) Option {
	return func(c *config) error {
		if name == "" || name == "." || name == ".." {
			return configError("WithIndex", name, "not an index name")
		}
		c.index = name
		return nil
	}
}

// WithParam adds a query string parameter to every bulk request, such as
// "refresh", "pipeline", "routing", "timeout" or "wait_for_active_shards".
func WithParam(name, value string) Option {
	return func(c *config) error {
		if name == "" {
			return configError("WithParam", name, "empty name")
		}
		c.query.Add(name, value)
		return nil
	}
}

// WithHeader adds a header to every bulk request.
func WithHeader(name, value string) Option {
	return func(c *config) error {
		if name == "" || strings.ContainsAny(name, " \t\r\n\x00:") {
			return configError("WithHeader", name, "invalid header name")
		}
		if strings.ContainsAny(value, "\r\n\x00") {
			return configError("WithHeader", name, "header value contains CR, LF or NUL")
		}
		c.header.Add(name, value)
		return nil
	}
}

// WithRequestTimeout bounds each bulk request, the transport's retries
// included; 0 (the default) leaves the transport's default.
func WithRequestTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return configError("WithRequestTimeout", d, "must not be negative")
		}
		c.timeout = d
		return nil
	}
}

// WithRetries sets how many times an item, or a whole request, is re-sent
// after a retryable failure (default 10), and the backoff: the wait before
// retry n is a random duration between half and all of min(max, min*2^(n-1))
// (defaults 100ms and 10s). n = 0 turns retries off.
func WithRetries(n int, minBackoff, maxBackoff time.Duration) Option {
	return func(c *config) error {
		if n < 0 || minBackoff < 0 || maxBackoff < minBackoff {
			return configError("WithRetries", fmt.Sprint(n, ", ", minBackoff, ", ", maxBackoff), "need n >= 0 and 0 <= min <= max")
		}
		c.maxRetries, c.backoffMin, c.backoffMax = n, minBackoff, maxBackoff
		return nil
	}
}

// WithRetryStatuses sets the item statuses that are retried (default 429,
// 502, 503, 504).
func WithRetryStatuses(statuses ...int) Option {
	return func(c *config) error {
		c.retryStatuses = make(map[int]bool, len(statuses))
		for _, s := range statuses {
			if s < 300 || s > 599 {
				return configError("WithRetryStatuses", s, "not an error status")
			}
			c.retryStatuses[s] = true
		}
		return nil
	}
}

// WithCompression gzips request bodies in the workers, for transports that
// do not compress. Do not combine it with a transport (or *esgo.Client) that
// has compression turned on: that one already gzips every body.
func WithCompression() Option {
	return func(c *config) error {
		c.compress = true
		return nil
	}
}

// OnSuccess sets the function called with each item that succeeded. It is
// called from the workers' goroutines, concurrently: it must be safe for
// concurrent use, and should be quick, as it holds up the worker.
func OnSuccess(f func(Result)) Option {
	return func(c *config) error {
		c.onSuccess = f
		return nil
	}
}

// OnFailure sets the function called with each item that failed, after its
// retries. It is called like OnSuccess's. Without it, failures are logged at
// error level.
func OnFailure(f func(Result)) Option {
	return func(c *config) error {
		c.onFailure = f
		return nil
	}
}

// WithLogger sets the logger (default slog.Default()). Retries are logged at
// debug level, failed requests at warn level.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		if l == nil {
			return configError("WithLogger", nil, "nil logger")
		}
		c.logger = l
		return nil
	}
}

// WithMaxResponseBytes caps the size of a bulk response read into memory
// (default 64 MiB). Each answer is bounded by what its request sent: 1 MiB
// plus 8 KiB per item (about 60 bytes per successful item, up to a few KiB
// per failed one) plus twice the bytes sent, and never more than this cap.
// A longer answer fails the request's items with an error that matches
// transport.ErrResponseTooLarge and transport.ErrOutcomeUnknown: the server
// applied the request, but which items succeeded cannot be read.
func WithMaxResponseBytes(n int64) Option {
	return func(c *config) error {
		if n < 1 {
			return configError("WithMaxResponseBytes", n, "need at least 1")
		}
		c.maxResponseBytes = n
		return nil
	}
}

// WithServerIDs lets Elasticsearch choose the IDs of index and create items
// that have none, as the bulk API does by default. That is somewhat faster:
// the server skips the ID lookup for its own IDs. Without it the Indexer
// gives such items a unique, time-ordered ID and sends them as create, so
// that a repeat after a lost answer cannot write a document twice; the IDs
// are time-ordered because lookups of random IDs cost the server much more
// (BENCHMARKS.md, "Client IDs": on 9.5.3, random 128-bit IDs gave about 25%
// fewer docs/s than server IDs, time-ordered ones a few percent). With
// WithServerIDs, such items are never repeated after a lost answer: they
// are reported with an error matching transport.ErrOutcomeUnknown.
func WithServerIDs() Option {
	return func(c *config) error {
		c.serverIDs = true
		return nil
	}
}
