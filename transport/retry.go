package transport

import (
	"context"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// DefaultRetryOnStatus lists the statuses retried by default.
var DefaultRetryOnStatus = []int{http.StatusTooManyRequests, http.StatusBadGateway,
	http.StatusServiceUnavailable, http.StatusGatewayTimeout}

// RetryBackoff returns the pause before retry number attempt (1 for the first
// retry): with c = min(maxDelay, base * 2^(attempt-1)), a duration drawn
// uniformly from [c/2, c] ("equal jitter": it always waits, and concurrent
// clients spread out).
func RetryBackoff(base, maxDelay time.Duration, attempt int) time.Duration {
	if base <= 0 || maxDelay <= 0 {
		return 0
	}
	c := base
	for i := 1; i < attempt && c < maxDelay; i++ {
		c *= 2
	}
	c = min(c, maxDelay)
	half := c / 2
	return half + rand.N(c-half+1)
}

// ParseRetryAfter reads a Retry-After header value: delay-seconds or an
// HTTP date. It reports false when the value is absent or invalid.
func ParseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n < 0 {
			return 0, false
		}
		if n > int64(24*time.Hour/time.Second) {
			n = int64(24 * time.Hour / time.Second)
		}
		return time.Duration(n) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	d := t.Sub(now)
	if d < 0 {
		d = 0
	}
	return d, true
}

// sleepCtx waits for d unless ctx ends first or its deadline would pass
// before d elapses; it reports whether the full pause was taken.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) <= d {
		return false
	}
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
