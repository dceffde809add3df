package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress shows how a long command advances: a bar on a terminal (drawn by
// progressbar), a plain line every interval otherwise, or nothing.
type progress struct {
	stop chan struct{}
	done sync.WaitGroup
	bar  *progressbar.ProgressBar
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
// description.
func startProgress(w io.Writer, mode, name string, total int64, bytes bool, interval time.Duration,
	current func() int64, status func() string) *progress {
	p := &progress{stop: make(chan struct{}), w: w, name: name}
	switch mode {
	case "bar":
		opts := []progressbar.Option{
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription(name),
			progressbar.OptionSetWidth(24),
			progressbar.OptionThrottle(100 * time.Millisecond),
			progressbar.OptionShowBytes(bytes),
			progressbar.OptionShowTotalBytes(true),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionShowElapsedTimeOnFinish(),
			progressbar.OptionShowDescriptionAtLineEnd(),
			progressbar.OptionSetRenderBlankState(true),
		}
		if !bytes {
			opts = append(opts, progressbar.OptionShowIts(), progressbar.OptionSetItsString("docs"))
		}
		p.bar = progressbar.NewOptions64(total, opts...)
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
					p.bar.Describe(name + ": " + status())
					p.bar.Set64(current())
				} else {
					fmt.Fprintf(w, "%s: %s\n", name, status())
				}
			}
		}
	}()
	return p
}

// finish stops reporting; the bar is left as it is, on its own line.
func (p *progress) finish(current int64, status string) {
	select {
	case <-p.stop:
		return
	default:
	}
	close(p.stop)
	p.done.Wait()
	if p.bar != nil {
		p.bar.Describe(p.name + ": " + status)
		p.bar.Set64(current)
		p.bar.Exit()
		fmt.Fprintln(p.w)
	}
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
