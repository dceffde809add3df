package transport

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

var traceMu sync.Mutex

// secretHeaders are never written to the trace.
var secretHeaders = map[string]bool{"Authorization": true, "Proxy-Authorization": true, "Cookie": true, "Es-Secondary-Authorization": true}

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// prettyJSON indents data when it is JSON (each line for NDJSON is kept
// compact, one document per line).
func prettyJSON(data []byte, ndjson bool) string {
	if ndjson || len(data) == 0 {
		return string(data)
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, data, "", "  "); err != nil {
		return string(data)
	}
	return buf.String()
}

// CurlCommand renders a request as a runnable curl command. Secret headers
// are left out and passwords in the URL are redacted.
func CurlCommand(method, rawURL string, header http.Header, body []byte) string {
	var b strings.Builder
	fmt.Fprintf(&b, "curl -X %s %s", method, shellQuote(RedactURL(rawURL)))
	keys := make([]string, 0, len(header))
	for k := range header {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	redacted := false
	for _, k := range keys {
		switch {
		case secretHeaders[k]:
			redacted = true
			continue
		case k == "Content-Encoding" || k == "Accept-Encoding" || k == "User-Agent" || k == "X-Elastic-Client-Meta":
			continue
		}
		for _, v := range header[k] {
			fmt.Fprintf(&b, " -H %s", shellQuote(k+": "+v))
		}
	}
	if len(body) > 0 {
		ndjson := isNDJSON(header.Get("Content-Type"))
		if ndjson {
			fmt.Fprintf(&b, " --data-binary %s", shellQuote(string(body)))
		} else {
			fmt.Fprintf(&b, " -d %s", shellQuote(prettyJSON(body, false)))
		}
	}
	if redacted {
		b.WriteString(" # credentials redacted: add -u or -H 'Authorization: ...'")
	}
	return b.String()
}

// writeTrace writes one request (and its response or error) to the trace
// writer.
func (t *Transport) writeTrace(hreq *http.Request, body []byte, resp *Response, respBody []byte, elapsed time.Duration, err error) {
	var b strings.Builder
	b.WriteString(CurlCommand(hreq.Method, hreq.URL.String(), hreq.Header, body))
	b.WriteByte('\n')
	if err != nil {
		fmt.Fprintf(&b, "# error after %s: %v\n", elapsed.Round(time.Microsecond), err)
	} else {
		fmt.Fprintf(&b, "# [%d] %s in %s\n", resp.StatusCode, http.StatusText(resp.StatusCode), elapsed.Round(time.Microsecond))
		if len(respBody) > 0 {
			for line := range strings.SplitSeq(strings.TrimRight(prettyJSON(respBody, false), "\n"), "\n") {
				b.WriteString("# ")
				b.WriteString(line)
				b.WriteByte('\n')
			}
		}
	}
	traceMu.Lock()
	defer traceMu.Unlock()
	_, _ = t.cfg.trace.Write([]byte(b.String()))
}
