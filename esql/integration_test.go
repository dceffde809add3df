package esql_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/eslocal"
	"github.com/esgo/esgo/eslocal/eslocaltest"
	"github.com/esgo/esgo/esql"
	"github.com/esgo/esgo/internal/rawtransport"
	"github.com/esgo/esgo/transport"
)

func TestMain(m *testing.M) { eslocaltest.Main(m) }

// These tests run ES|QL on a real Elasticsearch 8.19.21 with the ES|QL
// modules (eslocaltest.Elasticsearch8). Never send CATEGORIZE or
// CHANGE_POINT to it: they need machine learning, which it lacks, and kill
// the node.

// fixture is the data every test reads; it is made once per test process.
type fixture struct {
	client  *esgo.Client
	raw     *rawtransport.Transport
	emp     string   // employees
	langs   string   // a lookup-mode index: lang_code -> language_name
	modules []string // what the node reports in _nodes
}

var (
	fixOnce sync.Once
	fix     *fixture
	fixErr  error
)

const empMapping = `{"mappings":{"properties":{
	"emp_no":{"type":"long"},"first_name":{"type":"keyword"},"last_name":{"type":"keyword"},
	"languages":{"type":"integer"},"salary":{"type":"double"},"hired":{"type":"date"},
	"tags":{"type":"keyword"},"big":{"type":"long"},"msg":{"type":"keyword"},
	"still_hired":{"type":"boolean"},"lang_code":{"type":"integer"}}}}`

// Longs beyond 2^53 are written as JSON text so that nothing rounds them.
const empDocs = `{"index":{"_id":"1"}}
{"emp_no":10001,"first_name":"Georgi","last_name":"Facello","languages":2,"salary":57305.0,"hired":"1986-06-26T00:00:00Z","tags":["a","b"],"big":9007199254740993,"msg":"GET /a 200","still_hired":true,"lang_code":1}
{"index":{"_id":"2"}}
{"emp_no":10002,"first_name":"Bezalel","last_name":"Simmel","languages":5,"salary":56371.5,"hired":"1985-11-21T00:00:00Z","tags":"c","big":9223372036854775807,"msg":"POST /b 500","still_hired":false,"lang_code":2}
{"index":{"_id":"3"}}
{"emp_no":10003,"first_name":"Parto","last_name":"Bamford","salary":61805.0,"hired":"1986-08-28T12:30:00Z","big":-9007199254740993,"msg":"GET /c 404","still_hired":true,"lang_code":3}
`

func setup(t *testing.T) *fixture {
	t.Helper()
	c := eslocaltest.Elasticsearch8(t)
	fixOnce.Do(func() { fix, fixErr = newFixture(t, c.URL()) })
	if fixErr != nil {
		t.Fatal(fixErr)
	}
	return fix
}

func newFixture(t *testing.T, url string) (*fixture, error) {
	client, err := esgo.New(esgo.WithAddresses(url))
	if err != nil {
		return nil, err
	}
	f := &fixture{client: client, raw: rawtransport.New(url)}
	suffix := fmt.Sprint(time.Now().UnixNano())
	f.emp, f.langs = "esql-emp-"+suffix, "esql-langs-"+suffix
	rawtransport.Do(t, f.raw, "PUT", "/"+f.emp, empMapping, nil)
	rawtransport.Do(t, f.raw, "POST", "/"+f.emp+"/_bulk?refresh=true", empDocs, nil)
	rawtransport.Do(t, f.raw, "PUT", "/"+f.langs, `{"settings":{"index.mode":"lookup"},
		"mappings":{"properties":{"lang_code":{"type":"integer"},"language_name":{"type":"keyword"}}}}`, nil)
	rawtransport.Do(t, f.raw, "POST", "/"+f.langs+"/_bulk?refresh=true", `{"index":{}}`+"\n"+`{"lang_code":1,"language_name":"English"}`+"\n"+
		`{"index":{}}`+"\n"+`{"lang_code":2,"language_name":"French"}`+"\n", nil)
	var nodes struct {
		Nodes map[string]struct {
			Modules []struct{ Name string } `json:"modules"`
		} `json:"nodes"`
	}
	rawtransport.Do(t, f.raw, "GET", "/_nodes/_local/plugins", nil, &nodes)
	for _, n := range nodes.Nodes {
		for _, m := range n.Modules {
			f.modules = append(f.modules, m.Name)
		}
	}
	return f, nil
}

// clients returns the full client and a bare transport, so that each test
// runs through both (the client sends compatible-with=8 headers to 8.19).
func (f *fixture) clients() map[string]transport.Interface {
	return map[string]transport.Interface{"client": f.client, "raw": f.raw}
}

func query(t *testing.T, tr transport.Interface, q esql.Builder, opts ...esql.Option) *esql.Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res, err := esql.Query(ctx, tr, q, opts...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return res
}

func maps(t *testing.T, res *esql.Result) []map[string]any {
	t.Helper()
	m, err := res.Maps()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func columns(res *esql.Result) []string {
	var out []string
	for _, c := range res.Columns {
		out = append(out, c.Name)
	}
	return out
}

func column(t *testing.T, res *esql.Result, name string) []any {
	t.Helper()
	var out []any
	for _, row := range maps(t, res) {
		out = append(out, row[name])
	}
	return out
}

func eq(t *testing.T, what string, got, want any) {
	t.Helper()
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	if string(g) != string(w) {
		t.Errorf("%s = %s, want %s", what, g, w)
	}
}

func TestESQLCommands(t *testing.T) {
	f := setup(t)
	emp := esql.From(f.emp)
	for name, tr := range f.clients() {
		t.Run(name, func(t *testing.T) {
			t.Run("FROM METADATA", func(t *testing.T) {
				res := query(t, tr, emp.Metadata("_id", "_index").Keep("emp_no", "_id", "_index").Sort("emp_no"))
				eq(t, "columns", columns(res), []string{"emp_no", "_id", "_index"})
				eq(t, "_id", column(t, res, "_id"), []string{"1", "2", "3"})
				eq(t, "_index", column(t, res, "_index")[0], f.emp)
			})
			t.Run("ROW", func(t *testing.T) {
				res := query(t, tr, esql.Row(esql.As("a", 1), esql.As("b", esql.Str("two")), esql.As("c", esql.Null()), esql.As("d", esql.List(1, 2)), esql.As("e", 1.5)))
				eq(t, "row", maps(t, res)[0], map[string]any{"a": 1, "b": "two", "c": nil, "d": []int{1, 2}, "e": 1.5})
			})
			t.Run("WHERE EVAL", func(t *testing.T) {
				res := query(t, tr, emp.Where(esql.Field("salary").Gt(esql.Lit(57000)), esql.RawExpr("still_hired == true")).
					Eval(esql.As("k", esql.Field("salary").Div(esql.Lit(1000))), esql.As("up", esql.ToUpper("first_name"))).
					Keep("emp_no", "k", "up").Sort("emp_no"))
				eq(t, "rows", maps(t, res), []map[string]any{{"emp_no": 10001, "k": 57.305, "up": "GEORGI"}, {"emp_no": 10003, "k": 61.805, "up": "PARTO"}})
			})
			t.Run("STATS BY", func(t *testing.T) {
				res := query(t, tr, emp.Stats(esql.As("n", esql.CountAll()), esql.As("top", esql.Max(esql.Field("salary"))),
					esql.As("avg_lang", esql.Avg("languages"))).By(esql.Field("still_hired")).Sort("still_hired"))
				eq(t, "rows", maps(t, res), []map[string]any{
					{"n": 1, "top": 56371.5, "avg_lang": 5.0, "still_hired": false},
					{"n": 2, "top": 61805.0, "avg_lang": 2.0, "still_hired": true}})
			})
			t.Run("SORT NULLS LIMIT", func(t *testing.T) {
				first := query(t, tr, emp.Sort("languages ASC NULLS FIRST").Keep("emp_no").Limit(2))
				eq(t, "nulls first", column(t, first, "emp_no"), []int{10003, 10001})
				last := query(t, tr, emp.SortBy(esql.Field("languages").Desc(), esql.Field("emp_no")).Keep("emp_no"))
				eq(t, "desc (nulls first by default)", column(t, last, "emp_no"), []int{10003, 10002, 10001})
				nl := query(t, tr, emp.Sort("languages DESC NULLS LAST").Keep("emp_no"))
				eq(t, "nulls last", column(t, nl, "emp_no"), []int{10002, 10001, 10003})
			})
			t.Run("KEEP DROP RENAME", func(t *testing.T) {
				res := query(t, tr, emp.Keep("first*", "emp_no").Drop("emp_no").Rename("first_name", "fn").Limit(1))
				eq(t, "columns", columns(res), []string{"fn"})
				// A pattern whose parts need quoting: `first-name`*.
				res = query(t, tr, esql.Row(esql.As("first-name", 1), esql.As("first-name2", 2), esql.As("other", 3)).Keep("first-name*"))
				eq(t, "quoted pattern", columns(res), []string{"first-name", "first-name2"})
				res = query(t, tr, esql.Row(esql.As("a b", 1), esql.As("c", 2)).Drop("a b").Rename("c", "d e"))
				eq(t, "quoted names", maps(t, res), []map[string]any{{"d e": 2}})
			})
			t.Run("MV_EXPAND", func(t *testing.T) {
				res := query(t, tr, emp.Keep("emp_no", "tags").MvExpand("tags").Sort("emp_no", "tags"))
				eq(t, "tags", column(t, res, "tags"), []any{"a", "b", "c", nil})
			})
			t.Run("DISSECT GROK", func(t *testing.T) {
				res := query(t, tr, emp.Dissect("msg", "%{verb} %{path} %{code}").
					Grok("msg", "%{WORD:v} %{NOTSPACE} %{NUMBER:c:int}").Keep("emp_no", "verb", "path", "c").Sort("emp_no"))
				eq(t, "rows", maps(t, res), []map[string]any{
					{"emp_no": 10001, "verb": "GET", "path": "/a", "c": 200},
					{"emp_no": 10002, "verb": "POST", "path": "/b", "c": 500},
					{"emp_no": 10003, "verb": "GET", "path": "/c", "c": 404}})
				if res.Columns[3].Type != "integer" {
					t.Errorf("GROK :int column type = %s", res.Columns[3].Type)
				}
			})
			t.Run("LOOKUP JOIN", func(t *testing.T) {
				res := query(t, tr, emp.LookupJoin(f.langs, "lang_code").Keep("emp_no", "language_name").Sort("emp_no"))
				eq(t, "language_name", column(t, res, "language_name"), []any{"English", "French", nil})
			})
			t.Run("ENRICH", func(t *testing.T) {
				// The policy is named by the builder as written; a policy that
				// does not exist is the server's verification error.
				_, err := esql.Query(context.Background(), tr, emp.Enrich("no_such_policy").On("lang_code"))
				if got := errorType(err); got != "verification_exception" {
					t.Errorf("ENRICH with an unknown policy: %v; want a verification_exception", err)
				}
				if !slices.Contains(f.modules, "x-pack-enrich") {
					t.Skipf("enriching needs a policy, made by the x-pack-enrich module; the node reports only %v (x-pack-enrich is not on Maven Central)", f.modules)
				}
			})
			t.Run("STATS functions", func(t *testing.T) {
				res := query(t, tr, emp.Eval(esql.As("y", esql.DateTrunc(esql.RawExpr("1 year"), "hired"))).
					Stats(esql.As("n", esql.CountAll()), esql.As("total", esql.Sum(esql.Field("salary"))),
						esql.As("names", esql.CountDistinct("last_name"))).By(esql.Field("y")).Sort("y"))
				eq(t, "rows", maps(t, res), []map[string]any{
					{"n": 1, "total": 56371.5, "names": 1, "y": "1985-01-01T00:00:00.000Z"},
					{"n": 2, "total": 119110.0, "names": 2, "y": "1986-01-01T00:00:00.000Z"}})
			})
		})
	}
}

func errorType(err error) string {
	var e *transport.Error
	if errors.As(err, &e) {
		return e.Type
	}
	return ""
}

func TestESQLParams(t *testing.T) {
	f := setup(t)
	for name, tr := range f.clients() {
		t.Run(name, func(t *testing.T) {
			// "?" in raw text with WithParams.
			res := query(t, tr, esql.Raw("FROM "+f.emp+" | WHERE emp_no == ? OR first_name == ? | KEEP emp_no | SORT emp_no"),
				esql.WithParams(10002, "Parto"))
			eq(t, "positional", column(t, res, "emp_no"), []int{10002, 10003})
			// Named parameters.
			res = query(t, tr, esql.Raw("FROM "+f.emp+" | WHERE salary > ?min | KEEP emp_no | SORT emp_no"),
				esql.WithParams(map[string]any{"min": 57000}))
			eq(t, "named", column(t, res, "emp_no"), []int{10001, 10003})
			// Param placeholders carry their values; a string stays a value,
			// never query text.
			res = query(t, tr, esql.From(f.emp).Where(esql.Field("last_name").Eq(esql.Param("Simmel | LIMIT 0"))).Keep("emp_no"))
			if res.Len() != 0 {
				t.Errorf("an injected parameter matched rows: %v", maps(t, res))
			}
			res = query(t, tr, esql.From(f.emp).Where(esql.Field("last_name").Eq(esql.Param("Simmel"))).Keep("emp_no"))
			eq(t, "Param", column(t, res, "emp_no"), []int{10002})
		})
	}
}

// employee is a typed row: nulls, multi-values, dates and longs beyond 2^53.
type employee struct {
	EmpNo      int64     `json:"emp_no"`
	FirstName  string    `json:"first_name"`
	Languages  *int      `json:"languages"`
	Salary     float64   `json:"salary"`
	Hired      time.Time `json:"hired"`
	Tags       []string  `json:"tags"`
	Big        int64     `json:"big"`
	StillHired bool      `json:"still_hired"`
	ID         string    `json:"_id"`
}

func TestESQLTypedRows(t *testing.T) {
	f := setup(t)
	for name, tr := range f.clients() {
		t.Run(name, func(t *testing.T) {
			rows, err := esql.QueryRows[employee](context.Background(), tr, esql.From(f.emp).Metadata("_id").Sort("emp_no"))
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 3 {
				t.Fatalf("%d rows", len(rows))
			}
			g, b, p := rows[0], rows[1], rows[2]
			if g.EmpNo != 10001 || g.FirstName != "Georgi" || g.Languages == nil || *g.Languages != 2 || g.Salary != 57305 || !g.StillHired || g.ID != "1" {
				t.Errorf("row 1 = %+v", g)
			}
			if !slices.Equal(g.Tags, []string{"a", "b"}) || !slices.Equal(b.Tags, []string{"c"}) || p.Tags != nil {
				t.Errorf("multi-values: %q %q %q", g.Tags, b.Tags, p.Tags)
			}
			if p.Languages != nil {
				t.Errorf("null languages decoded as %d", *p.Languages)
			}
			if g.Big != 9007199254740993 || b.Big != 9223372036854775807 || p.Big != -9007199254740993 {
				t.Errorf("longs beyond 2^53: %d %d %d", g.Big, b.Big, p.Big)
			}
			if want := time.Date(1986, 8, 28, 12, 30, 0, 0, time.UTC); !p.Hired.Equal(want) {
				t.Errorf("date = %v, want %v", p.Hired, want)
			}
			// Maps keep longs exact too.
			res := query(t, tr, esql.From(f.emp).Sort("emp_no").Keep("big"))
			eq(t, "Maps big", column(t, res, "big"), []json.Number{"9007199254740993", "9223372036854775807", "-9007199254740993"})
			if v := maps(t, res)[1]["big"]; v != int64(9223372036854775807) {
				t.Errorf("Maps big = %T %v", v, v)
			}
		})
	}
}

func TestESQLAsync(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	for name, tr := range f.clients() {
		t.Run(name, func(t *testing.T) {
			q := esql.From(f.emp).Keep("emp_no").Sort("emp_no")
			res, err := esql.QueryAsync(ctx, tr, q, esql.WithWaitForCompletion(30*time.Second), esql.WithKeepOnCompletion(), esql.WithKeepAlive(time.Minute))
			if err != nil {
				t.Fatal(err)
			}
			if res.ID == "" {
				t.Fatalf("no ID with keep_on_completion: %+v", res)
			}
			for res.IsRunning {
				if res, err = esql.GetAsync(ctx, tr, res.ID, esql.WithWaitForCompletion(5*time.Second)); err != nil {
					t.Fatal(err)
				}
			}
			eq(t, "async rows", column(t, &res.Result, "emp_no"), []int{10001, 10002, 10003})
			again, err := esql.GetAsync(ctx, tr, res.ID)
			if err != nil {
				t.Fatal(err)
			}
			eq(t, "fetched again", column(t, &again.Result, "emp_no"), []int{10001, 10002, 10003})
			if err := esql.DeleteAsync(ctx, tr, res.ID); err != nil {
				t.Fatal(err)
			}
			_, err = esql.GetAsync(ctx, tr, res.ID)
			var e *transport.Error
			if !errors.As(err, &e) || e.Status != 404 || !errors.Is(err, esgo.ErrNotFound) {
				t.Fatalf("GetAsync after DeleteAsync: %v; want 404", err)
			}
			// Without keep_on_completion a quick query answers at once, without an ID.
			res, err = esql.QueryAsync(ctx, tr, q, esql.WithWaitForCompletion(30*time.Second))
			if err != nil || res.IsRunning || res.Len() != 3 {
				t.Fatalf("quick async query: %+v, %v", res, err)
			}
		})
	}
}

func TestESQLFormats(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	q := esql.From(f.emp).Keep("emp_no", "first_name").Sort("emp_no").Limit(2)
	for name, tr := range f.clients() {
		t.Run(name, func(t *testing.T) {
			text, err := esql.QueryFormat(ctx, tr, q, esql.FormatCSV)
			if err != nil {
				t.Fatal(err)
			}
			b := text.Body
			records, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
			if err != nil {
				t.Fatalf("csv %q: %v", b, err)
			}
			eq(t, "csv", records, [][]string{{"emp_no", "first_name"}, {"10001", "Georgi"}, {"10002", "Bezalel"}})
			text, err = esql.QueryFormat(ctx, tr, q, esql.FormatTXT)
			if err != nil {
				t.Fatal(err)
			}
			b = text.Body
			lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
			if len(lines) != 4 || !strings.Contains(lines[0], "emp_no") || !strings.HasPrefix(lines[1], "---") ||
				!strings.Contains(lines[2], "10001") || !strings.Contains(lines[3], "Bezalel") {
				t.Errorf("txt:\n%s", b)
			}
			if _, err := esql.QueryFormat(ctx, tr, q, "yaml"); !errors.Is(err, esql.ErrInvalid) {
				t.Errorf("format yaml: %v; want ErrInvalid", err)
			}
		})
	}
}

func TestESQLServerErrorsAreTyped(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	// Through the client: *transport.Error, a 400 matched by errors.Is.
	_, err := esql.Query(ctx, f.client, esql.From(f.emp).Keep("no_such_column"))
	var e *transport.Error
	if !errors.As(err, &e) || e.Type != "verification_exception" || !errors.Is(err, esgo.ErrBadRequest) || !strings.Contains(e.Reason, "no_such_column") {
		t.Errorf("unknown column via the client: %v; want a 400 verification_exception naming it", err)
	}
	// Through a bare transport: the same *transport.Error.
	_, err = esql.Query(ctx, f.raw, esql.From(f.emp).Where(esql.Field("first_name").Gt(esql.Lit(1))))
	var s *transport.Error
	if !errors.As(err, &s) || s.Status != 400 || s.Type != "verification_exception" || s.Reason == "" {
		t.Errorf("type mismatch via a transport: %v; want a 400 verification_exception", err)
	}
	_, err = esql.Query(ctx, f.raw, esql.Raw("FROM "+f.emp+" | WHER x"))
	if !errors.As(err, &s) || s.Type != "parsing_exception" {
		t.Errorf("bad syntax: %v; want a parsing_exception", err)
	}
	// A name given as a column can never run as a command: quoted, it is
	// an unknown column; as a pattern with '|', it is refused before sending.
	_, err = esql.Query(ctx, f.raw, esql.From(f.emp).Keep("emp_no | EVAL x = 1"))
	if !errors.As(err, &s) || s.Type != "verification_exception" || !strings.Contains(s.Reason, "emp_no | EVAL x = 1") {
		t.Errorf("injected KEEP name: %v; want an unknown-column verification_exception", err)
	}
	_, err = esql.Query(ctx, f.raw, esql.From(f.emp).Keep("emp* | EVAL x = 1"))
	if !errors.Is(err, esql.ErrInvalid) || errors.As(err, &s) {
		t.Errorf("injected KEEP pattern: %v; want ErrInvalid before sending", err)
	}
}

// Names that are ES|QL keywords or that the grammar cannot read bare are
// quoted and reach the server as the columns they name; index patterns,
// policies, methods and sort keys that could carry a command or a comment
// are refused before anything is sent.
func TestESQLNamesAndInjectionOnTheServer(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	for name, tr := range f.clients() {
		t.Run(name, func(t *testing.T) {
			q := esql.Row(esql.As("by", 1), esql.As("null", 2), esql.As("first.name", 3), esql.As("a..b", 4), esql.As("_", 5)).
				Keep("by", "null", "first.name", "a..b", "_").Sort("by DESC NULLS LAST")
			res := query(t, tr, q)
			eq(t, "keyword columns", maps(t, res), []map[string]any{{"by": 1, "null": 2, "first.name": 3, "a..b": 4, "_": 5}})

			emp := esql.From(f.emp)
			for _, b := range []esql.Builder{
				esql.From(f.emp + " // comment"),
				esql.From(f.emp + "/* x */"),
				esql.From(f.emp + " | DROP salary"),
				esql.From(f.emp + ",other"),
				emp.LookupJoin(f.langs+" // comment", "lang_code"),
				emp.Fuse("x | DROP salary"),
				emp.Enrich("p // comment"),
				emp.Sort("emp_no | DROP salary"),
				esql.Show("INFO | DROP x"),
			} {
				_, err := esql.Query(ctx, tr, b)
				var se *transport.Error
				if !errors.Is(err, esql.ErrInvalid) || errors.As(err, &se) {
					t.Errorf("%q: %v; want ErrInvalid before sending", b, err)
				}
			}
		})
	}
}

// The server's Warning headers reach the caller as text: the default
// LIMIT it added, and an evaluation that failed and gave null.
func TestESQLWarnings(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	for name, tr := range f.clients() {
		t.Run(name, func(t *testing.T) {
			res := query(t, tr, esql.From(f.emp).Keep("emp_no"))
			if !slices.Contains(res.Warnings, "No limit defined, adding default limit of [1000]") {
				t.Errorf("no LIMIT: warnings %q", res.Warnings)
			}
			res = query(t, tr, esql.Row(esql.As("a", esql.Lit(1).Div(esql.Lit(0)))).Limit(1))
			if len(res.Warnings) == 0 || !strings.Contains(strings.Join(res.Warnings, "\n"), "/ by zero") {
				t.Errorf("1/0: warnings %q", res.Warnings)
			}
			eq(t, "1/0", maps(t, res), []map[string]any{{"a": nil}})
			res = query(t, tr, esql.From(f.emp).Keep("emp_no").Limit(10))
			if res.Warnings != nil {
				t.Errorf("a query with a LIMIT: warnings %q", res.Warnings)
			}
			text, err := esql.QueryFormat(ctx, tr, esql.Row(esql.As("a", esql.Lit(1).Div(esql.Lit(0)))), esql.FormatCSV)
			if err != nil || !strings.Contains(strings.Join(text.Warnings, "\n"), "/ by zero") {
				t.Errorf("QueryFormat 1/0: %v, warnings %q", err, text.Warnings)
			}
			async, err := esql.QueryAsync(ctx, tr, esql.From(f.emp).Keep("emp_no"), esql.WithWaitForCompletion(30*time.Second))
			if err != nil || !slices.Contains(async.Warnings, "No limit defined, adding default limit of [1000]") {
				t.Errorf("QueryAsync without LIMIT: %v, warnings %v", err, async)
			}
		})
	}
}

// A server without ES|QL (9.5.3 without the module, OpenSearch) is told
// apart with errors.Is(err, esql.ErrUnsupported); the server's error
// stays reachable.
func TestESQLUnsupportedServer(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name string
		get  func(testing.TB) *eslocal.Cluster
	}{{"elasticsearch 9.5.3 without ES|QL", eslocaltest.Elasticsearch}, {"opensearch", eslocaltest.OpenSearch}} {
		t.Run(c.name, func(t *testing.T) {
			url := c.get(t).URL()
			client, err := esgo.New(esgo.WithAddresses(url))
			if err != nil {
				t.Fatal(err)
			}
			for trName, tr := range map[string]transport.Interface{"client": client, "raw": rawtransport.New(url)} {
				_, err := esql.Query(ctx, tr, esql.Row(esql.As("a", 1)))
				var se *transport.Error
				if !errors.Is(err, esql.ErrUnsupported) || !errors.As(err, &se) || se.Status != 405 {
					t.Errorf("%s: Query: %v; want ErrUnsupported wrapping the 405", trName, err)
				}
				_, err = esql.QueryAsync(ctx, tr, esql.Row(esql.As("a", 1)))
				if !errors.Is(err, esql.ErrUnsupported) {
					t.Errorf("%s: QueryAsync: %v; want ErrUnsupported", trName, err)
				}
				_, err = esql.GetAsync(ctx, tr, "abc")
				if !errors.Is(err, esql.ErrUnsupported) {
					t.Errorf("%s: GetAsync: %v; want ErrUnsupported", trName, err)
				}
			}
		})
	}
}

// A Go string is a column on the server too; literals are typed.
func TestESQLStringIsAColumn(t *testing.T) {
	f := setup(t)
	emp := esql.From(f.emp)
	for name, tr := range f.clients() {
		t.Run(name, func(t *testing.T) {
			res := query(t, tr, emp.Stats(esql.As("avg", esql.Avg("salary")), esql.As("top", esql.Max("salary"))))
			eq(t, "AVG(salary)", maps(t, res), []map[string]any{{"avg": (57305.0 + 56371.5 + 61805.0) / 3, "top": 61805.0}})
			res = query(t, tr, emp.Where(esql.StartsWith("first_name", esql.Str("G"))).Keep("emp_no"))
			eq(t, "STARTS_WITH", column(t, res, "emp_no"), []int{10001})
			res = query(t, tr, emp.Where(esql.Field("hired").Ge(esql.Date(time.Date(1986, 1, 1, 0, 0, 0, 0, time.UTC)))).Keep("emp_no").Sort("emp_no"))
			eq(t, "Date", column(t, res, "emp_no"), []int{10001, 10003})
			res = query(t, tr, emp.Where(esql.Field("emp_no").Eq(esql.Lit(10003))).
				Eval(esql.As("h", esql.DateTrunc(esql.Duration(time.Hour), "hired")), esql.As("later", esql.Field("hired").Add(esql.Duration(90*time.Minute)))).
				Keep("h", "later"))
			eq(t, "Duration", maps(t, res), []map[string]any{{"h": "1986-08-28T12:00:00.000Z", "later": "1986-08-28T14:00:00.000Z"}})
			res = query(t, tr, emp.Where(esql.Field("emp_no").In(esql.Lit(10002), esql.Lit(10003)), esql.Field("still_hired").Eq(esql.Lit(true))).Keep("emp_no"))
			eq(t, "IN", column(t, res, "emp_no"), []int{10003})
			res = query(t, tr, emp.Eval(esql.As("full", esql.Concat(esql.Field("first_name"), esql.Str(" "), esql.Field("last_name"))),
				esql.As("r", esql.Round(esql.Field("salary").Div(esql.Lit(1000)), esql.Lit(1)))).
				Keep("full", "r").Sort("full").Limit(1))
			eq(t, "CONCAT ROUND", maps(t, res), []map[string]any{{"full": "Bezalel Simmel", "r": 56.4}})
			res = query(t, tr, esql.Row(esql.As("s", esql.Str("x")), esql.As("l", esql.List(1.5, 2.0)), esql.As("n", esql.Null()),
				esql.As("m", esql.Literal([]string{"a", "b"}))))
			eq(t, "ROW literals", maps(t, res), []map[string]any{{"s": "x", "l": []float64{1.5, 2}, "n": nil, "m": []string{"a", "b"}}})
		})
	}
}
