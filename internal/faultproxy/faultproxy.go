// Package faultproxy is a small HTTP-aware TCP proxy for tests: it sits in
// front of a real server and, request by request, passes the exchange on or
// breaks it the ways networks do: the answer lost after the server produced
// it, the connection cut half-way through the body, a stall, a corrupted
// body. Tests use it where a real server cannot misbehave on demand.
//
// It reads each request from the client, asks the Rule what to do, sends the
// request to the server on a connection of its own, reads the whole answer,
// and then acts. Keep-alive connections carry several exchanges.
package faultproxy

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Action is what the proxy does with one exchange.
type Action int

// The actions.
const (
	// Pass forwards the request and the answer unchanged.
	Pass Action = iota
	// DropResponse forwards the request, lets the server answer in full,
	// then closes the client's connection without a byte of the answer:
	// the server applied the request, the client cannot know.
	DropResponse
	// CutBody forwards the request, then sends the client the answer's
	// status line, headers and half of its body, and closes the connection.
	CutBody
	// Stall forwards nothing and answers nothing until the client gives up
	// or the proxy is closed.
	Stall
	// Refuse closes the client's connection before forwarding anything:
	// the server never sees the request.
	Refuse
	// CorruptBody forwards the request and sends the answer with one byte
	// of its body changed (the middle one), keeping its length.
	CorruptBody
)

// Exchange describes one request, for the Rule.
type Exchange struct {
	// N counts the requests the proxy has read, from 1.
	N int64
	// Method, Path and RawQuery are the request's.
	Method, Path, RawQuery string
	// Header is the request's header.
	Header http.Header
	// Body is the request's body.
	Body []byte
}

// Rule decides what to do with an exchange. It is called from the
// connections' goroutines, one exchange at a time per connection.
type Rule func(x *Exchange) Action

// Proxy is a running proxy. Close it when done.
type Proxy struct {
	ln     net.Listener
	target string
	rule   atomic.Pointer[Rule]
	n      atomic.Int64
	done   chan struct{}
	wg     sync.WaitGroup
	mu     sync.Mutex
	conns  map[net.Conn]struct{}
	counts sync.Map // Action -> *atomic.Int64
}

// New starts a proxy on 127.0.0.1 in front of target ("host:port"). A nil
// rule passes everything.
func New(target string, rule Rule) (*Proxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &Proxy{ln: ln, target: target, done: make(chan struct{}), conns: map[net.Conn]struct{}{}}
	p.SetRule(rule)
	p.wg.Add(1)
	go p.accept()
	return p, nil
}

// URL returns "http://127.0.0.1:port".
func (p *Proxy) URL() string { return "http://" + p.ln.Addr().String() }

// Addr returns "127.0.0.1:port".
func (p *Proxy) Addr() string { return p.ln.Addr().String() }

// SetRule replaces the rule; nil passes everything.
func (p *Proxy) SetRule(r Rule) {
	if r == nil {
		r = func(*Exchange) Action { return Pass }
	}
	p.rule.Store(&r)
}

// Count returns how many exchanges got action a.
func (p *Proxy) Count(a Action) int64 {
	if v, ok := p.counts.Load(a); ok {
		return v.(*atomic.Int64).Load()
	}
	return 0
}

// Close stops the proxy and closes every connection.
func (p *Proxy) Close() error {
	select {
	case <-p.done:
		return nil
	default:
	}
	close(p.done)
	err := p.ln.Close()
	p.mu.Lock()
	for c := range p.conns {
		c.Close()
	}
	p.mu.Unlock()
	p.wg.Wait()
	return err
}

func (p *Proxy) track(c net.Conn, on bool) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if on {
		select {
		case <-p.done:
			return false
		default:
		}
		p.conns[c] = struct{}{}
	} else {
		delete(p.conns, c)
	}
	return true
}

func (p *Proxy) accept() {
	defer p.wg.Done()
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		if !p.track(c, true) {
			c.Close()
			return
		}
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			defer p.track(c, false)
			defer c.Close()
			p.serve(c)
		}()
	}
}

func (p *Proxy) count(a Action) {
	v, _ := p.counts.LoadOrStore(a, new(atomic.Int64))
	v.(*atomic.Int64).Add(1)
}

// serve runs the exchanges of one client connection.
func (p *Proxy) serve(client net.Conn) {
	br := bufio.NewReader(client)
	var server net.Conn
	var sr *bufio.Reader
	defer func() {
		if server != nil {
			p.track(server, false)
			server.Close()
		}
	}()
	for {
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		body, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return
		}
		x := &Exchange{N: p.n.Add(1), Method: req.Method, Path: req.URL.Path, RawQuery: req.URL.RawQuery, Header: req.Header, Body: body}
		act := (*p.rule.Load())(x)
		p.count(act)
		switch act {
		case Refuse:
			return
		case Stall:
			<-p.done
			return
		}
		if server == nil {
			server, err = net.DialTimeout("tcp", p.target, 10*time.Second)
			if err != nil {
				return
			}
			if !p.track(server, true) {
				return
			}
			sr = bufio.NewReader(server)
		}
		req.Body = io.NopCloser(bytes.NewReader(body))
		req.ContentLength = int64(len(body))
		req.TransferEncoding = nil
		req.RequestURI = ""
		if err := req.Write(server); err != nil {
			return
		}
		resp, err := http.ReadResponse(sr, req)
		if err != nil {
			return
		}
		rbody, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return
		}
		switch act {
		case DropResponse:
			return
		case CutBody:
			writeHead(client, resp, len(rbody))
			client.Write(rbody[:len(rbody)/2])
			return
		case CorruptBody:
			if len(rbody) > 0 {
				rbody[len(rbody)/2] ^= 0x01
			}
		}
		if err := writeHead(client, resp, len(rbody)); err != nil {
			return
		}
		if _, err := client.Write(rbody); err != nil {
			return
		}
		if resp.Close || req.Close {
			return
		}
	}
}

// writeHead writes the status line and headers with a Content-Length of n.
func writeHead(w io.Writer, resp *http.Response, n int) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "HTTP/1.1 %s\r\n", resp.Status)
	resp.Header.Del("Transfer-Encoding")
	resp.Header.Set("Content-Length", strconv.Itoa(n))
	if err := resp.Header.Write(&b); err != nil {
		return err
	}
	b.WriteString("\r\n")
	_, err := w.Write(b.Bytes())
	return err
}
