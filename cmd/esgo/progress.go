package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"golang.org/x/term"
)

// progress shows how a long command advances: a one-line bar on a
// terminal, redrawn in place and cut to the terminal's width; a plain line
// every interval otherwise; or nothing.
type progress struct {
	stop chan struct{}
	done sync.WaitGroup
	bar  *bar
	w    io.Writer
	name string
}

// checkProgress validates a --progress value.
func checkProgress(mode string) error {
	switch mode {
	case "auto", "bar", "plain", "none":
		return nil
	}
	return fmt.Errorf("--progress must be auto, bar, plain or none, not %q", mode)
}

// progressMode resolves --progress auto|bar|plain|none for w.
func progressMode(mode string, w io.Writer) string {
	if mode != "auto" {
		return mode
	}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return "bar"
	}
	return "plain"
}

// startProgress starts reporting to w. current reports the amount done
// (bytes when bytes is true, else items) against total (-1 when unknown);
// status describes the state in words for the plain lines and the bar's
// end.
func startProgress(w io.Writer, mode, name string, total int64, bytes bool, interval time.Duration,
	current func() int64, status func() string) *progress {
	p := &progress{stop: make(chan struct{}), w: w, name: name}
	switch mode {
	case "bar":
		p.bar = &bar{w: w, total: total, bytes: bytes, began: time.Now()}
		p.bar.draw(current(), name+": "+status(), false)
		interval = 200 * time.Millisecond
	case "plain":
	default:
		return p
	}
	p.done.Add(1)
	go func() {
		defer p.done.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				if p.bar != nil {
					p.bar.draw(current(), name+": "+status(), false)
				} else {
					fmt.Fprintf(w, "%s: %s\n", name, status())
				}
			}
		}
	}()
	return p
}

// finish stops reporting; the bar is drawn a last time and left on its
// own line.
func (p *progress) finish(current int64, status string) {
	select {
	case <-p.stop:
		return
	default:
	}
	close(p.stop)
	p.done.Wait()
	if p.bar != nil {
		p.bar.draw(current, p.name+": "+status, true)
	}
}

// bar draws a progress line such as
//
//	37% |█████████               | (12.1/33.0 MB, 5.2 MB/s) [3s:5s] bulk: 123 read, ...
//
// that fits the terminal: the bar narrows, then the counts and times go,
// then the words are cut.
type bar struct {
	w     io.Writer
	total int64
	bytes bool
	began time.Time
}

// width is the terminal's width, 80 when it cannot be told.
func (b *bar) width() int {
	if f, ok := b.w.(*os.File); ok {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			return w
		}
	}
	return 80
}

// draw writes the line for cur, in place of the previous one.
func (b *bar) draw(cur int64, status string, final bool) {
	fmt.Fprint(b.w, "\r"+b.line(cur, status, final, b.width()-1)+"\x1b[K")
	if final {
		fmt.Fprintln(b.w)
	}
}

// line is the progress line for cur, at most max characters wide.
func (b *bar) line(cur int64, status string, final bool, max int) string {
	elapsed := time.Since(b.began)
	secs := elapsed.Seconds()
	var counts, times string
	if b.bytes {
		unit, div := byteUnit(max64(b.total, cur))
		rate, rdiv := byteUnit(int64(float64(cur) / secs))
		if b.total > 0 {
			counts = fmt.Sprintf("(%.1f/%.1f %s, %.1f %s/s)", float64(cur)/div, float64(b.total)/div, unit, float64(cur)/secs/rdiv, rate)
		} else {
			counts = fmt.Sprintf("(%.1f %s, %.1f %s/s)", float64(cur)/div, unit, float64(cur)/secs/rdiv, rate)
		}
	} else if b.total > 0 {
		counts = fmt.Sprintf("(%d/%d, %.0f docs/s)", cur, b.total, float64(cur)/secs)
	} else {
		counts = fmt.Sprintf("(%d, %.0f docs/s)", cur, float64(cur)/secs)
	}
	times = "[" + elapsed.Round(time.Second).String()
	if !final && b.total > 0 && cur > 0 && cur < b.total {
		eta := time.Duration(float64(elapsed) * float64(b.total-cur) / float64(cur))
		times += ":" + eta.Round(time.Second).String()
	}
	times += "]"
	pct, frac := "", -1.0
	if b.total > 0 {
		frac = min(float64(cur)/float64(b.total), 1)
		pct = fmt.Sprintf("%4d%%", int(frac*100))
	}
	join := func(parts ...string) string {
		var out []string
		for _, p := range parts {
			if p != "" {
				out = append(out, p)
			}
		}
		return strings.Join(out, " ")
	}
	// The bar takes what is left, from 10 to 24 cells; the counts go
	// first, then the bar, then the times.
	for _, rest := range []string{join(counts, times, status), join(times, status)} {
		if frac < 0 {
			break
		}
		cells := min(24, max-utf8.RuneCountInString(pct)-utf8.RuneCountInString(rest)-4)
		if cells >= 10 {
			filled := int(frac * float64(cells))
			return join(pct, "|"+strings.Repeat("█", filled)+strings.Repeat(" ", cells-filled)+"|", rest)
		}
	}
	for _, l := range []string{join(pct, counts, times, status), join(pct, times, status), join(pct, status)} {
		if utf8.RuneCountInString(l) <= max {
			return l
		}
	}
	l := []rune(join(pct, status))
	if max < 2 {
		return ""
	}
	return string(l[:max-1]) + "…"
}

// byteUnit picks the unit to show n bytes in, and its size.
func byteUnit(n int64) (string, float64) {
	switch {
	case n >= 1<<30:
		return "GB", 1 << 30
	case n >= 1<<20:
		return "MB", 1 << 20
	}
	return "kB", 1 << 10
}

func max64(a, b int64) int64 {
	if a > b {
		return a
	}
	return b
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n.Add(int64(n))
	return n, err
}

func (c *countingReader) count() int64 { return c.n.Load() }
