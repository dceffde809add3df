package main

import (
	"strconv"
)

// The documents are generated, not read from disk, so every client streams
// them the same way. bench/python/bench.py generates the same documents
// (same fields, same values) for the Python client.

var (
	levels = [...]string{"INFO", "INFO", "INFO", "WARN", "ERROR", "DEBUG"}
	msgs   = [...]string{"request served", "cache miss", "slow upstream", "retrying call", "user logged in", "session expired"}
	words  = [...]string{
		"lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit",
		"sed", "do", "eiusmod", "tempor", "incididunt", "ut", "labore", "et", "dolore",
		"magna", "aliqua", "enim", "ad", "minim", "veniam", "quis", "nostrud",
		"exercitation", "ullamco", "laboris", "nisi", "aliquip", "ex", "ea", "commodo",
		"consequat", "duis", "aute", "irure", "in", "reprehenderit", "voluptate",
		"velit", "esse", "cillum", "fugiat", "nulla", "pariatur", "excepteur", "sint",
		"occaecat", "cupidatat", "non", "proident", "sunt", "culpa", "qui", "officia",
		"deserunt", "mollit", "anim", "id", "est", "laborum",
	}
)

// largeTextLen is the length of the message field of a large document,
// which makes it about 2 KB.
const largeTextLen = 1850

// LogDoc is the document type every Go client decodes hits into.
type LogDoc struct {
	Timestamp string `json:"@timestamp"`
	Host      string `json:"host"`
	Level     string `json:"level"`
	Status    int    `json:"status"`
	LatencyMS int    `json:"latency_ms"`
	Path      string `json:"path"`
	Msg       string `json:"msg"`
	UserID    int    `json:"user_id"`
	Message   string `json:"message,omitempty"`
}

func pad2(b []byte, n int) []byte {
	if n < 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(n), 10)
}

// appendDoc appends document i as compact JSON: about 150 bytes, or about
// 2 KB when large.
func appendDoc(b []byte, i int, large bool) []byte {
	ms := i * 37
	secs := ms / 1000
	b = append(b, `{"@timestamp":"2026-01-01T`...)
	b = pad2(b, (secs/3600)%24)
	b = append(b, ':')
	b = pad2(b, (secs/60)%60)
	b = append(b, ':')
	b = pad2(b, secs%60)
	b = append(b, '.')
	frac := ms % 1000
	if frac < 100 {
		b = append(b, '0')
	}
	b = pad2(b, frac)
	b = append(b, `Z","host":"web-`...)
	b = pad2(b, i%16+1)
	b = append(b, `","level":"`...)
	b = append(b, levels[i%len(levels)]...)
	b = append(b, `","status":`...)
	b = strconv.AppendInt(b, int64(statusOf(i)), 10)
	b = append(b, `,"latency_ms":`...)
	b = strconv.AppendInt(b, int64((i*7919)%2000), 10)
	b = append(b, `,"path":"/items/`...)
	b = strconv.AppendInt(b, int64((i*104729)%100000), 10)
	b = append(b, `","msg":"`...)
	b = append(b, msgs[i%len(msgs)]...)
	b = append(b, `","user_id":`...)
	b = strconv.AppendInt(b, int64((i*31)%50000), 10)
	if large {
		b = append(b, `,"message":"`...)
		b = append(b, largeText[(i*31)%len(words)]...)
		b = append(b, '"')
	}
	return append(b, '}')
}

// largeText holds the message of each large document by (i*31) mod
// len(words), the only part of i it depends on (so it is built once,
// not per document: the generator's CPU counts in every Go client's
// figure).
var largeText = func() map[int]string {
	m := map[int]string{}
	for i := range len(words) {
		r := (i * 31) % len(words)
		if _, ok := m[r]; ok {
			continue
		}
		var b []byte
		for k := 0; len(b) < largeTextLen; k++ {
			if k > 0 {
				b = append(b, ' ')
			}
			b = append(b, words[(r+k*17)%len(words)]...)
		}
		m[r] = string(b)
	}
	return m
}()

func statusOf(i int) int {
	switch i % 20 {
	case 0:
		return 500
	case 1, 2:
		return 404
	default:
		return 200
	}
}
