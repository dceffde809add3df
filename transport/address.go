package transport

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
)

// DefaultAddress is used when no address is configured and the
// ELASTICSEARCH_URL environment variable is empty.
const DefaultAddress = "http://localhost:9200"

// Address is a parsed node address.
type Address struct {
	// URL is the node's base URL without credentials, e.g.
	// "https://es1.example.com:9200" or "http://proxy:8080/es".
	URL *url.URL
	// Username and Password are the credentials found in the address, if any.
	Username, Password string
}

// ParseAddress parses a node address. It accepts "host", "host:port",
// "scheme://host[:port][/path]" and "scheme://user:pass@host[:port]".
// Without a scheme the address is http and the port defaults to 9200; with a
// scheme and no port, the scheme's default port (80 or 443) is used, as
// elasticsearch-py does. IPv6 hosts are written in brackets: "[::1]:9200".
// Query strings and fragments are refused.
func ParseAddress(s string) (Address, error) {
	raw := strings.TrimSpace(s)
	if raw == "" {
		return Address{}, errors.New("empty address")
	}
	explicitScheme := strings.Contains(raw, "://")
	if !explicitScheme {
		raw = "http://" + raw
	}
	// The credentials are taken out before anything else looks at the
	// address, so that no error below can quote them, however malformed
	// the rest is.
	raw, userinfo, hasUser := splitUserinfo(raw)
	u, err := url.Parse(raw)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return Address{}, fmt.Errorf("invalid address %q: %w", raw, err)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return Address{}, fmt.Errorf("unsupported scheme %q (want http or https)", u.Scheme)
	}
	if u.Opaque != "" || u.Hostname() == "" {
		return Address{}, errors.New("address has no host")
	}
	if u.User != nil {
		return Address{}, errors.New("address has credentials in an unexpected place")
	}
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return Address{}, errors.New("address must not have a query or fragment")
	}
	if strings.ContainsAny(u.Hostname(), " \t\r\n/\\@") {
		return Address{}, fmt.Errorf("invalid host %q", u.Hostname())
	}
	port := u.Port()
	if port == "" {
		switch {
		case !explicitScheme:
			port = "9200"
		case u.Scheme == "https":
			port = "443"
		default:
			port = "80"
		}
	} else {
		n, err := strconv.Atoi(port)
		if err != nil || n < 1 || n > 65535 {
			return Address{}, fmt.Errorf("invalid port %q", port)
		}
		port = strconv.Itoa(n)
	}
	var a Address
	if hasUser {
		user, pass, _ := strings.Cut(userinfo, ":")
		var err1, err2 error
		a.Username, err1 = url.PathUnescape(user)
		a.Password, err2 = url.PathUnescape(pass)
		if err1 != nil || err2 != nil || a.Username == "" {
			return Address{}, errors.New("invalid credentials in the address (write them user:password, percent-encoded)")
		}
	}
	u.Host = net.JoinHostPort(u.Hostname(), port)
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	a.URL = u
	return a, nil
}

// splitUserinfo takes "user:password@" out of "scheme://user:password@host..."
// (or "user:password@host..." without a scheme). The credentials end at the
// last "@" of the address (a password may hold any character, escaped or
// not); an address path cannot hold an "@".
func splitUserinfo(raw string) (rest, userinfo string, ok bool) {
	prefix := 0
	if i := strings.Index(raw, "://"); i >= 0 {
		prefix = i + 3
	}
	after := raw[prefix:]
	at := strings.LastIndex(after, "@")
	if at < 0 {
		return raw, "", false
	}
	return raw[:prefix] + after[at+1:], after[:at], true
}

// RedactURL returns s with any password in it replaced by "xxxxx"; it is
// used wherever a URL may reach a log. It works on malformed URLs too: what
// stands between "://" (or the start) and the last "@" is credentials; a
// user name without a password may be a token, and is replaced too.
func RedactURL(s string) string {
	rest, userinfo, ok := splitUserinfo(s)
	if !ok {
		return s
	}
	prefix := 0
	if i := strings.Index(rest, "://"); i >= 0 {
		prefix = i + 3
	}
	user, _, hasPass := strings.Cut(userinfo, ":")
	if !hasPass {
		return rest[:prefix] + "xxxxx@" + rest[prefix:]
	}
	return rest[:prefix] + user + ":xxxxx@" + rest[prefix:]
}

// redactAddress is RedactURL for an address refused by ParseAddress, with
// any query string or fragment (which an address must not have, and which
// may hold a key) replaced too.
func redactAddress(s string) string {
	s = RedactURL(s)
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i+1] + "xxxxx"
	}
	return s
}

// CloudID is a decoded Elastic Cloud ID.
type CloudID struct {
	// Name is the deployment name (the part before the first colon).
	Name string
	// Host is the parent domain, e.g. "us-central1.gcp.cloud.es.io".
	Host string
	// Port is the HTTPS port, 443 unless the ID says otherwise.
	Port int
	// ElasticsearchUUID and KibanaUUID are the cluster identifiers.
	ElasticsearchUUID, KibanaUUID string
}

// URL returns the Elasticsearch endpoint, "https://{es_uuid}.{host}:{port}".
func (c CloudID) URL() string {
	return "https://" + net.JoinHostPort(c.ElasticsearchUUID+"."+c.Host, strconv.Itoa(c.Port))
}

// ParseCloudID decodes an Elastic Cloud ID of the form "name:BASE64", where
// BASE64 decodes to "host[:port]$es_uuid[:port]$kibana_uuid".
func ParseCloudID(id string) (CloudID, error) {
	var c CloudID
	id = strings.TrimSpace(id)
	if id == "" {
		return c, errors.New("empty cloud ID")
	}
	encoded := id
	if name, rest, ok := strings.Cut(id, ":"); ok {
		c.Name, encoded = name, rest
	}
	decoded, err := base64.StdEncoding.DecodeString(encoded)
	if err != nil {
		decoded, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(encoded, "="))
		if err != nil {
			return CloudID{}, fmt.Errorf("cloud ID is not valid base64: %w", err)
		}
	}
	parts := strings.Split(string(decoded), "$")
	if len(parts) < 2 || parts[0] == "" || parts[1] == "" {
		return CloudID{}, errors.New("cloud ID does not decode to host$es_uuid$kibana_uuid")
	}
	host, esUUID := parts[0], parts[1]
	if len(parts) > 2 {
		c.KibanaUUID = parts[2]
	}
	port := 443
	if h, p, ok := strings.Cut(host, ":"); ok {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return CloudID{}, fmt.Errorf("cloud ID has an invalid port %q", p)
		}
		host, port = h, n
	}
	if u, p, ok := strings.Cut(esUUID, ":"); ok {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return CloudID{}, fmt.Errorf("cloud ID has an invalid port %q", p)
		}
		esUUID, port = u, n
	}
	for _, s := range []string{host, esUUID} {
		if !validHostName(s) {
			return CloudID{}, fmt.Errorf("cloud ID has an invalid host part %q", s)
		}
	}
	c.Host, c.Port, c.ElasticsearchUUID = host, port, esUUID
	return c, nil
}

// validHostName reports whether s is a DNS name (letters, digits, '-', '_'
// and non-empty dot-separated labels) or an IP address.
func validHostName(s string) bool {
	if net.ParseIP(s) != nil {
		return true
	}
	if s == "" || len(s) > 253 {
		return false
	}
	for label := range strings.SplitSeq(s, ".") {
		if label == "" || len(label) > 63 {
			return false
		}
		for _, r := range label {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
				return false
			}
		}
	}
	return true
}
