package esql_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/esql"
)

func ExampleFrom() {
	q := esql.From("employees").
		Where(esql.Field("still_hired").Eq(esql.Lit(true))).
		Eval(esql.As("height_cm", esql.Field("height").Mul(esql.Lit(100)))).
		Sort("height_cm DESC").
		Keep("first_name", "last_name", "height_cm").
		Limit(3)
	fmt.Println(q)
	// Output:
	// FROM employees
	// | WHERE still_hired == true
	// | EVAL height_cm = height * 100
	// | SORT height_cm DESC
	// | KEEP first_name, last_name, height_cm
	// | LIMIT 3
}

// A Go string is a column name, in functions as in commands; literals are
// typed: Str for text, Lit for numbers and booleans, Date for times.
func ExampleValue() {
	q := esql.From("sales").
		Where(esql.And(
			esql.StartsWith("product", esql.Str("Pro")),
			esql.Field("sold_at").Ge(esql.Date(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))),
		)).
		Stats(esql.As("avg_price", esql.Avg("price")), esql.As("n", esql.Count("order id"))).
		By(esql.Field("region"))
	fmt.Println(q)
	// Output:
	// FROM sales
	// | WHERE (STARTS_WITH(product, "Pro")) AND (sold_at >= TO_DATETIME("2024-01-01T00:00:00.000Z"))
	// | STATS avg_price = AVG(price),
	//         n = COUNT(`order id`)
	//         BY region
}

func ExampleStatement_Stats() {
	q := esql.From("employees").
		Stats(
			esql.As("avg_salary", esql.Round(esql.Avg("salary"), esql.Lit(2))),
			esql.As("seniors", esql.CountAll().Where(esql.Field("age").Ge(esql.Lit(50)))),
		).
		By(esql.Field("department"), esql.Bucket("hire_date", esql.Str("1 year")))
	fmt.Println(q)
	// Output:
	// FROM employees
	// | STATS avg_salary = ROUND(AVG(salary), 2),
	//         seniors = COUNT(*) WHERE age >= 50
	//         BY department, BUCKET(hire_date, "1 year")
}

func ExampleStatement_Fork() {
	q := esql.From("books").Metadata("_id", "_index", "_score").
		Fork(
			esql.Branch().Where(esql.Field("title").Match("Shakespeare")).Sort("_score DESC"),
			esql.Branch().Where(esql.Field("semantic_title").Match("Shakespeare")).Sort("_score DESC"),
		).
		Fuse(esql.FuseLinear)
	fmt.Println(q)
	// Output:
	// FROM books METADATA _id, _index, _score
	// | FORK ( WHERE title:"Shakespeare" | SORT _score DESC )
	//        ( WHERE semantic_title:"Shakespeare" | SORT _score DESC )
	// | FUSE LINEAR
}

func ExampleParam() {
	q := esql.From("logs-*").
		Where(esql.And(esql.Field("service").Eq(esql.Param("checkout")), esql.Field("latency_ms").Gt(esql.Param(250)))).
		Limit(20)
	text, params, err := q.Build()
	if err != nil {
		panic(err)
	}
	fmt.Println(text)
	fmt.Println(params)
	// Output:
	// FROM logs-*
	// | WHERE (service == ?) AND (latency_ms > ?)
	// | LIMIT 20
	// [checkout 250]
}

func ExampleRows() {
	res, err := esql.DecodeResult(strings.NewReader(`{
		"took": 3,
		"columns": [{"name": "host", "type": "keyword"}, {"name": "errors", "type": "long"}],
		"values": [["web-1", 42], ["web-2", 7]]
	}`))
	if err != nil {
		panic(err)
	}
	type hostErrors struct {
		Host   string `json:"host"`
		Errors int    `json:"errors"`
	}
	rows, err := esql.Rows[hostErrors](res)
	if err != nil {
		panic(err)
	}
	for _, r := range rows {
		fmt.Println(r.Host, r.Errors)
	}
	// Output:
	// web-1 42
	// web-2 7
}

func ExampleQuery() {
	client, err := esgo.New(esgo.WithAddresses("http://127.0.0.1:9200"))
	if err != nil {
		panic(err)
	}
	q := esql.From("logs-*").
		Stats(esql.As("errors", esql.CountAll())).By(esql.Field("host")).
		Sort("errors DESC").
		Limit(5)
	res, err := esql.Query(context.Background(), client, q, esql.WithTimeZone("UTC"))
	if err != nil {
		panic(err)
	}
	rows, err := res.Maps()
	if err != nil {
		panic(err)
	}
	for _, row := range rows {
		fmt.Println(row["host"], row["errors"])
	}
}

// An async query: the server answers at once with an ID if the query takes
// longer than the wait, and the results are fetched by ID later.
func ExampleQueryAsync() {
	client, err := esgo.New(esgo.WithAddresses("http://localhost:9200"))
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	q := esql.From("logs-*").Stats(esql.As("n", esql.CountAll())).By(esql.Field("host"))
	res, err := esql.QueryAsync(ctx, client, q, esql.WithWaitForCompletion(2*time.Second), esql.WithKeepOnCompletion())
	if err != nil {
		panic(err)
	}
	for res.IsRunning {
		if res, err = esql.GetAsync(ctx, client, res.ID, esql.WithWaitForCompletion(5*time.Second)); err != nil {
			panic(err)
		}
	}
	fmt.Println(res.Len(), "hosts")
	_ = esql.DeleteAsync(ctx, client, res.ID)
}

// A query answered as CSV, rendered by the server.
func ExampleQueryFormat() {
	client, err := esgo.New(esgo.WithAddresses("http://localhost:9200"))
	if err != nil {
		panic(err)
	}
	csv, err := esql.QueryFormat(context.Background(), client,
		esql.From("employees").Keep("emp_no", "first_name").Limit(10), esql.FormatCSV)
	if err != nil {
		panic(err)
	}
	for _, w := range csv.Warnings {
		fmt.Fprintln(os.Stderr, "warning:", w)
	}
	fmt.Print(string(csv.Body))
}
