package main

import (
	crand "crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"time"
)

// randomID is a random 128-bit ID (22 characters), as bulk made them
// before the ordered IDs (the ID experiment, child flag -ids random).
func randomID() string {
	var b [16]byte
	_, _ = crand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// orderedIDs makes IDs that sort by time: 6 bytes of milliseconds, a
// 3-byte sequence and 7 random bytes, in an alphabet whose order is the
// byte order (the ID experiment, child flag -ids ordered).
type orderedIDs struct {
	node [7]byte
	seq  uint32
}

var orderedAlphabet = base64.NewEncoding("-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz").WithPadding(base64.NoPadding)

func newOrderedIDs() *orderedIDs {
	g := &orderedIDs{}
	_, _ = crand.Read(g.node[:])
	return g
}

func (g *orderedIDs) next() string {
	var b [16]byte
	var t [8]byte
	binary.BigEndian.PutUint64(t[:], uint64(time.Now().UnixMilli()))
	copy(b[:6], t[2:])
	g.seq++
	b[6], b[7], b[8] = byte(g.seq>>16), byte(g.seq>>8), byte(g.seq)
	copy(b[9:], g.node[:])
	return orderedAlphabet.EncodeToString(b[:])
}
