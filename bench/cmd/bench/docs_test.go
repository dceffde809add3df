package main

import "testing"

// appendDocSlow is the generator as it was before largeText: the message
// built word by word for every document.
func appendDocSlow(i int) string {
	b := appendDoc(nil, i, false)
	b = b[:len(b)-1]
	b = append(b, `,"message":"`...)
	start := len(b)
	for k := 0; len(b)-start < largeTextLen; k++ {
		if k > 0 {
			b = append(b, ' ')
		}
		b = append(b, words[(i*31+k*17)%len(words)]...)
	}
	return string(b) + `"}`
}

func TestLargeDocsUnchanged(t *testing.T) {
	for _, i := range []int{0, 1, 2, 3, 61, 62, 63, 12345, 999_999} {
		if got, want := string(appendDoc(nil, i, true)), appendDocSlow(i); got != want {
			t.Fatalf("doc %d:\n got %s\nwant %s", i, got, want)
		}
	}
}
