package esql

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

const sampleResponse = `{
  "took": 12,
  "is_partial": false,
  "columns": [
    {"name": "emp_no", "type": "integer"},
    {"name": "user.name", "type": "keyword"},
    {"name": "salary", "type": "double"},
    {"name": "big", "type": "unsigned_long"},
    {"name": "hired", "type": "boolean"},
    {"name": "langs", "type": "long"},
    {"name": "hire_date", "type": "date"}
  ],
  "values": [
    [10001, "Georgi", 57305.0, 18446744073709551615, true, [1, 2], "1986-06-26T00:00:00.000Z"],
    [10002, null, 56371.5, 1, false, 3, null]
  ]
}`

func TestResultMaps(t *testing.T) {
	res, err := DecodeResult(strings.NewReader(sampleResponse))
	if err != nil {
		t.Fatal(err)
	}
	if res.Took != 12 || res.IsPartial || res.Len() != 2 || len(res.Columns) != 7 {
		t.Fatalf("unexpected result header: %+v", res)
	}
	rows, err := res.Maps()
	if err != nil {
		t.Fatal(err)
	}
	want := []map[string]any{
		{"emp_no": int64(10001), "user.name": "Georgi", "salary": 57305.0, "big": uint64(18446744073709551615),
			"hired": true, "langs": []any{int64(1), int64(2)}, "hire_date": "1986-06-26T00:00:00.000Z"},
		{"emp_no": int64(10002), "user.name": nil, "salary": 56371.5, "big": int64(1),
			"hired": false, "langs": int64(3), "hire_date": nil},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("Maps() =\n%#v\nwant\n%#v", rows, want)
	}
}

type employee struct {
	EmpNo  int      `json:"emp_no"`
	Name   *string  `json:"user.name"`
	Salary float64  `json:"salary"`
	Hired  bool     `json:"hired"`
	Langs  any      `json:"langs"`
	Unused []string `json:"unused"`
}

func TestRowsIntoStructs(t *testing.T) {
	res, err := DecodeResult(strings.NewReader(sampleResponse))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := Rows[employee](res)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("%d rows, want 2", len(rows))
	}
	if rows[0].EmpNo != 10001 || rows[0].Name == nil || *rows[0].Name != "Georgi" || rows[0].Salary != 57305 || !rows[0].Hired {
		t.Errorf("row 0 = %+v", rows[0])
	}
	if rows[1].Name != nil || rows[1].Salary != 56371.5 || rows[1].Hired {
		t.Errorf("row 1 = %+v", rows[1])
	}
	if !reflect.DeepEqual(rows[0].Langs, []any{1.0, 2.0}) {
		t.Errorf("row 0 langs = %#v", rows[0].Langs)
	}
}

func TestAllRowsReportsBadRowsAndStopsOnBreak(t *testing.T) {
	res := &Result{
		Columns: []Column{{Name: "n", Type: "integer"}},
	}
	for _, raw := range []string{`1`, `"two"`, `3`, `4`} {
		res.Values = append(res.Values, []json.RawMessage{json.RawMessage(raw)})
	}
	type row struct {
		N int `json:"n"`
	}
	var got []int
	var errs int
	for r, err := range AllRows[row](res) {
		if err != nil {
			errs++
			if !strings.Contains(err.Error(), "row 1") {
				t.Errorf("error %q does not name row 1", err)
			}
			continue
		}
		got = append(got, r.N)
		if r.N == 3 {
			break
		}
	}
	if errs != 1 || !reflect.DeepEqual(got, []int{1, 3}) {
		t.Errorf("got %v with %d errors, want [1 3] with 1", got, errs)
	}
	if _, err := Rows[row](res); err == nil {
		t.Error("Rows did not fail on a bad row")
	}
}

func TestDecodeResultErrors(t *testing.T) {
	for _, body := range []string{
		`{"columns": [{"name": "a", "type": "long"}], "values": [[1, 2]]}`,
		`{"columns": [{"name": "a", "type": "long"}], "values": [[1], []]}`,
		`{"columns": `,
		`[1, 2]`,
	} {
		if _, err := DecodeResult(strings.NewReader(body)); err == nil {
			t.Errorf("DecodeResult(%s) did not fail", body)
		}
	}
	mismatched := &Result{Columns: []Column{{Name: "a"}, {Name: "b"}}, Values: [][]json.RawMessage{{json.RawMessage("1")}}}
	if _, err := mismatched.Maps(); err == nil || !strings.Contains(err.Error(), "row 0") {
		t.Errorf("Maps on a short row: %v", err)
	}
	if _, err := Rows[map[string]any](mismatched); err == nil {
		t.Error("Rows on a short row did not fail")
	}
	var syntax *json.SyntaxError
	_, err := DecodeResult(strings.NewReader(`{"took": x}`))
	if !errors.As(err, &syntax) {
		t.Errorf("DecodeResult error %v does not unwrap to *json.SyntaxError", err)
	}
}

// A cell with one value is a scalar, one with several a list: a slice
// field takes both.
func TestRowsScalarIntoSlice(t *testing.T) {
	res, err := DecodeResult(strings.NewReader(`{"columns":[{"name":"tags","type":"keyword"},{"name":"n","type":"long"},{"name":"Raw","type":"keyword"}],
		"values":[[["a","b"],9007199254740993,"x"],["c",1,null],[null,2,"y"]]}`))
	if err != nil {
		t.Fatal(err)
	}
	type embedded struct {
		Tags []string `json:"tags"`
	}
	type row struct {
		embedded
		N   []int64
		Raw json.RawMessage
	}
	rows, err := Rows[row](res)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || len(rows[0].Tags) != 2 || rows[1].Tags[0] != "c" || rows[2].Tags != nil ||
		rows[0].N[0] != 9007199254740993 || string(rows[0].Raw) != `"x"` {
		t.Fatalf("rows = %+v", rows)
	}
}
