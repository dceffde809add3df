package bulk

import (
	crand "crypto/rand"
	"encoding/base64"
	"time"
)

// idLen is the length of the IDs the Indexer makes: 16 bytes in base64,
// about the length of Elasticsearch's own 20-character IDs.
const idLen = 22

// docID is an ID made by the Indexer; the zero value means none.
type docID [idLen]byte

func (d *docID) isSet() bool { return d[0] != 0 }

func (d *docID) String() string {
	if !d.isSet() {
		return ""
	}
	return string(d[:])
}

// idAlphabet is base64 with its 64 characters in ASCII order, so that IDs
// sort as their bytes do. Every character is safe in JSON and in URLs.
var idAlphabet = base64.NewEncoding("-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz").WithPadding(base64.NoPadding)

// idGen makes unique, time-ordered IDs: 6 bytes of Unix milliseconds, a
// 3-byte sequence and 7 random bytes drawn once per generator (one per
// worker). IDs of one generator never repeat (the sequence would have to
// wrap, 16.7 million IDs, within one millisecond); two generators share
// IDs only if their 56 random bits are equal and their clocks and
// sequences meet.
//
// Why not random IDs: Elasticsearch must look up every ID it did not make,
// and lookups of random IDs (a UUID-4, or 128 random bits) touch a
// different part of the terms dictionary each time, while time-ordered IDs
// share their prefixes with their neighbours, as Elasticsearch's own IDs
// and its tuning guide advise. Measured on 9.5.3 (BENCHMARKS.md, "Client
// IDs"): random IDs cost about a quarter of the docs/s of server-made ones,
// time-ordered IDs a few percent.
type idGen struct {
	node [7]byte
	seq  uint32
}

func newIDGen() *idGen {
	g := &idGen{}
	_, _ = crand.Read(g.node[:]) // never fails on supported platforms
	return g
}

// next makes the ID for a document sent at now.
func (g *idGen) next(now time.Time) docID {
	ms := uint64(now.UnixMilli())
	g.seq++
	var b [16]byte
	b[0], b[1], b[2], b[3], b[4], b[5] = byte(ms>>40), byte(ms>>32), byte(ms>>24), byte(ms>>16), byte(ms>>8), byte(ms)
	b[6], b[7], b[8] = byte(g.seq>>16), byte(g.seq>>8), byte(g.seq)
	copy(b[9:], g.node[:])
	var d docID
	idAlphabet.Encode(d[:], b[:])
	return d
}
