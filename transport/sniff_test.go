package transport

import (
	"encoding/json"
	"net/url"
	"slices"
	"testing"
)

func TestSniffedAddresses(t *testing.T) {
	body := `{"nodes":{
		"a":{"roles":["master","data"],"http":{"publish_address":"10.0.0.1:9200"}},
		"b":{"roles":["master"],"http":{"publish_address":"10.0.0.2:9200"}},
		"c":{"roles":["data","ingest"],"http":{"publish_address":"es3.example.com/10.0.0.3:9201"}},
		"d":{"roles":["data"]},
		"e":{"roles":[],"http":{"publish_address":"[::1]:9202"}}}}`
	var info nodesInfo
	if err := json.Unmarshal([]byte(body), &info); err != nil {
		t.Fatal(err)
	}
	base, _ := url.Parse("https://seed:9200/prefix")
	addrs, err := sniffedAddresses(info, base)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range addrs {
		got = append(got, a.URL.String())
	}
	want := []string{"https://10.0.0.1:9200/prefix", "https://es3.example.com:9201/prefix", "https://[::1]:9202/prefix"}
	if !slices.Equal(got, want) {
		t.Fatalf("sniffed %v, want %v (master-only and HTTP-less nodes skipped)", got, want)
	}
	if _, err := sniffedAddresses(nodesInfo{}, base); err == nil {
		t.Fatal("an empty node list gave no error")
	}
}
