package transport

import (
	"encoding/base64"
	"strings"
	"testing"
)

func TestParseAddress(t *testing.T) {
	tests := []struct {
		in, want, user, pass string
	}{
		{"localhost", "http://localhost:9200", "", ""},
		{"localhost:9201", "http://localhost:9201", "", ""},
		{"http://localhost", "http://localhost:80", "", ""},
		{"https://es.example.com", "https://es.example.com:443", "", ""},
		{"HTTPS://es.example.com:9243/", "https://es.example.com:9243", "", ""},
		{"http://proxy:8080/es/", "http://proxy:8080/es", "", ""},
		{"https://elastic:s3cr%40t@es:9200", "https://es:9200", "elastic", "s3cr@t"},
		{"[::1]:9200", "http://[::1]:9200", "", ""},
		{"http://[fe80::1]", "http://[fe80::1]:80", "", ""},
		{" 127.0.0.1:9200 ", "http://127.0.0.1:9200", "", ""},
	}
	for _, tt := range tests {
		a, err := ParseAddress(tt.in)
		if err != nil {
			t.Errorf("ParseAddress(%q): %v", tt.in, err)
			continue
		}
		if got := a.URL.String(); got != tt.want || a.Username != tt.user || a.Password != tt.pass {
			t.Errorf("ParseAddress(%q) = %q %q %q, want %q %q %q", tt.in, got, a.Username, a.Password, tt.want, tt.user, tt.pass)
		}
	}
}

func TestParseAddressErrors(t *testing.T) {
	for _, in := range []string{"", "   ", "ftp://host", "http://", "http://host:99999", "http://host:0",
		"http://host:abc", "http://host/?q=1", "http://host/#frag", "http://ho st", "mailto://x@y"} {
		if a, err := ParseAddress(in); err == nil {
			t.Errorf("ParseAddress(%q) = %v, want an error", in, a.URL)
		}
	}
}

func TestRedactURL(t *testing.T) {
	got := RedactURL("https://elastic:hunter2@es:9200/x")
	if strings.Contains(got, "hunter2") || !strings.Contains(got, "elastic:xxxxx@es:9200") {
		t.Errorf("RedactURL = %q", got)
	}
	if got := RedactURL("http://es:9200"); got != "http://es:9200" {
		t.Errorf("RedactURL changed a URL without password: %q", got)
	}
}

func cloudID(name, decoded string) string {
	return name + ":" + base64.StdEncoding.EncodeToString([]byte(decoded))
}

func TestParseCloudID(t *testing.T) {
	tests := []struct {
		id, url, name, kibana string
	}{
		{cloudID("prod", "us-central1.gcp.cloud.es.io$abc123$kib456"), "https://abc123.us-central1.gcp.cloud.es.io:443", "prod", "kib456"},
		{cloudID("p", "eu-west-1.aws.found.io:9243$es1$kb1"), "https://es1.eu-west-1.aws.found.io:9243", "p", "kb1"},
		{cloudID("p", "host.io$es1:9443$kb1"), "https://es1.host.io:9443", "p", "kb1"},
		{cloudID("", "host.io$es1"), "https://es1.host.io:443", "", ""},
		// Missing padding is accepted.
		{"x:" + base64.RawStdEncoding.EncodeToString([]byte("host.io$e$k")), "https://e.host.io:443", "x", "k"},
	}
	for _, tt := range tests {
		c, err := ParseCloudID(tt.id)
		if err != nil {
			t.Errorf("ParseCloudID(%q): %v", tt.id, err)
			continue
		}
		if c.URL() != tt.url || c.Name != tt.name || c.KibanaUUID != tt.kibana {
			t.Errorf("ParseCloudID(%q) = %+v (URL %s), want %s name %q kibana %q", tt.id, c, c.URL(), tt.url, tt.name, tt.kibana)
		}
	}
}

func TestParseCloudIDErrors(t *testing.T) {
	for _, id := range []string{"", "name:", "name:!!!notbase64", cloudID("n", "onlyhost"),
		cloudID("n", "$es$kb"), cloudID("n", "host$$kb"), cloudID("n", "host:99999$es$kb"),
		cloudID("n", "host:x$es$kb"), cloudID("n", "ho st$es$kb"), cloudID("n", "host$e/s$kb")} {
		if c, err := ParseCloudID(id); err == nil {
			t.Errorf("ParseCloudID(%q) = %+v, want an error", id, c)
		}
	}
}

func TestParsePublishAddress(t *testing.T) {
	tests := []struct{ in, host, port string }{
		{"127.0.0.1:9200", "127.0.0.1", "9200"},
		{"es1.example.com/10.0.0.1:9201", "es1.example.com", "9201"},
		{"[::1]:9200", "::1", "9200"},
		{"es1.local/[fe80::1]:9200", "es1.local", "9200"},
	}
	for _, tt := range tests {
		h, p, err := ParsePublishAddress(tt.in)
		if err != nil || h != tt.host || p != tt.port {
			t.Errorf("ParsePublishAddress(%q) = %q %q %v, want %q %q", tt.in, h, p, err, tt.host, tt.port)
		}
	}
	for _, in := range []string{"", "nohost", "host:", "host:0", "a/b/c:1", ":9200"} {
		if h, p, err := ParsePublishAddress(in); err == nil {
			t.Errorf("ParsePublishAddress(%q) = %q %q, want an error", in, h, p)
		}
	}
}

// FuzzParseURL checks that ParseAddress never panics and that what it
// accepts is a usable, credential-free http(s) URL that parses again to
// itself.
func FuzzParseURL(f *testing.F) {
	for _, s := range []string{"localhost", "http://localhost:9200", "https://u:p@h:1/x", "[::1]:9200",
		"http://[::1", "http://h:99999", "ftp://x", "http://h/?q", "h:9200/p/", "%zz", "http://a b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseAddress(s)
		if err != nil {
			return
		}
		u := a.URL
		if u.Scheme != "http" && u.Scheme != "https" {
			t.Fatalf("scheme %q accepted from %q", u.Scheme, s)
		}
		if u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.Hostname() == "" || u.Port() == "" {
			t.Fatalf("unusable URL %q from %q", u, s)
		}
		b, err := ParseAddress(u.String())
		if err != nil || b.URL.String() != u.String() {
			t.Fatalf("%q -> %q does not parse to itself: %v %v", s, u, b.URL, err)
		}
	})
}

// FuzzCloudID checks that ParseCloudID never panics and that accepted IDs
// give an https URL that ParseAddress accepts.
func FuzzCloudID(f *testing.F) {
	f.Add(cloudID("prod", "us-central1.gcp.cloud.es.io$abc$kib"))
	f.Add(cloudID("p", "h:9243$e$k"))
	f.Add(cloudID("p", "h$e:1$k"))
	f.Add("name:bm9kb2xsYXI=")
	f.Add("::::")
	f.Fuzz(func(t *testing.T, id string) {
		c, err := ParseCloudID(id)
		if err != nil {
			return
		}
		if c.Port < 1 || c.Port > 65535 {
			t.Fatalf("port %d from %q", c.Port, id)
		}
		a, err := ParseAddress(c.URL())
		if err != nil {
			t.Fatalf("cloud ID %q gives URL %q that does not parse: %v", id, c.URL(), err)
		}
		if a.URL.Scheme != "https" {
			t.Fatalf("scheme %q", a.URL.Scheme)
		}
	})
}

// FuzzPublishAddress checks that ParsePublishAddress never panics and that
// its result joins into an address ParseAddress accepts.
func FuzzPublishAddress(f *testing.F) {
	for _, s := range []string{"127.0.0.1:9200", "fqdn/1.2.3.4:9200", "[::1]:9200", "a/[::1]:1", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h, p, err := ParsePublishAddress(s)
		if err != nil {
			return
		}
		host := h
		if strings.Contains(h, ":") {
			host = "[" + h + "]"
		}
		if _, err := ParseAddress("http://" + host + ":" + p); err != nil {
			t.Fatalf("publish_address %q gives %q %q, not a valid address: %v", s, h, p, err)
		}
	})
}
