package transport

import (
	"context"
	"net/http"
	"testing"
	"time"
)

func TestRetryBackoffBounds(t *testing.T) {
	base, maxDelay := 100*time.Millisecond, 2*time.Second
	for attempt := 1; attempt <= 10; attempt++ {
		c := min(base<<(attempt-1), maxDelay)
		lo, hi := c, time.Duration(0)
		for range 200 {
			d := RetryBackoff(base, maxDelay, attempt)
			if d < c/2 || d > c {
				t.Fatalf("attempt %d: %v outside [%v, %v]", attempt, d, c/2, c)
			}
			lo, hi = min(lo, d), max(hi, d)
		}
		if hi-lo < c/10 {
			t.Errorf("attempt %d: no jitter (%v..%v)", attempt, lo, hi)
		}
	}
	if d := RetryBackoff(0, time.Second, 3); d != 0 {
		t.Errorf("zero base gives %v, want 0", d)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"3", 3 * time.Second, true},
		{" 0 ", 0, true},
		{"-1", 0, false},
		{"", 0, false},
		{"soon", 0, false},
		{now.Add(7 * time.Second).Format(http.TimeFormat), 7 * time.Second, true},
		{now.Add(-time.Minute).Format(http.TimeFormat), 0, true},
		{"99999999999", 24 * time.Hour, true},
	}
	for _, tt := range tests {
		got, ok := ParseRetryAfter(tt.in, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseRetryAfter(%q) = %v %v, want %v %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestSleepCtxRespectsDeadline(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	if sleepCtx(ctx, time.Second) {
		t.Fatal("sleepCtx slept past the deadline")
	}
	if time.Since(start) > 20*time.Millisecond {
		t.Fatalf("sleepCtx waited %v before giving up", time.Since(start))
	}
	if !sleepCtx(context.Background(), 10*time.Millisecond) {
		t.Fatal("sleepCtx did not complete a short pause")
	}
}

// FuzzParseRetryAfter checks that any header value gives a pause between 0
// and 24 hours for delay-seconds, and never a negative one.
func FuzzParseRetryAfter(f *testing.F) {
	for _, s := range []string{"0", "5", "-3", "Wed, 21 Oct 2015 07:28:00 GMT", "", "1e9", "99999999999999999999"} {
		f.Add(s)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, v string) {
		d, ok := ParseRetryAfter(v, now)
		if !ok {
			if d != 0 {
				t.Fatalf("%q: not ok but %v", v, d)
			}
			return
		}
		if d < 0 {
			t.Fatalf("%q: negative pause %v", v, d)
		}
	})
}
