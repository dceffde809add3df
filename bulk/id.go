package bulk

import (
	crand "crypto/rand"
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

// idAlphabet is base64's 64 characters in ASCII order, so that IDs sort
// as their bytes do. Every character is safe in JSON and in URLs.
const idAlphabet = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"

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
	// Base64 without padding, by hand: encoding/base64 costs several
	// times more for 16 bytes, and this runs for every document.
	var d docID
	for i, o := 0, 0; i < 15; i, o = i+3, o+4 {
		v := uint32(b[i])<<16 | uint32(b[i+1])<<8 | uint32(b[i+2])
		d[o], d[o+1], d[o+2], d[o+3] = idAlphabet[v>>18], idAlphabet[v>>12&63], idAlphabet[v>>6&63], idAlphabet[v&63]
	}
	d[20], d[21] = idAlphabet[b[15]>>2], idAlphabet[b[15]&3<<4]
	return d
}
