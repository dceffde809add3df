package faceted_test

import (
	"testing"
	"time"

	"github.com/esgo/esgo/dsl"
	. "github.com/esgo/esgo/dsl/faceted"
	"github.com/esgo/esgo/internal/pydiff"
	"github.com/esgo/esgo/types"
)

func TestDifferentialAgainstPython(t *testing.T) {
	var c pydiff.Cases
	blog := func() Search {
		return New(dsl.NewSearch("blogs"), "title^5", "body").
			Facet("tags", Terms("tags")).
			Facet("stars", Ranges("stars", []Range{{Key: "low", To: types.Ptr(3.0)}, {Key: "high", From: types.Ptr(3.0)}})).
			Facet("size", Histogram("size", 10)).
			Facet("month", DateHistogram("published", CalendarInterval(types.CalendarIntervalMonth))).
			Facet("authors", Nested("comments", Terms("comments.author")))
	}
	c.Value("f/no_query", blog())
	c.Value("f/query", blog().Query("python web"))
	c.Value("f/filter_terms", blog().Query("python").Filter("tags", "go", "rust"))
	c.Value("f/filter_range", blog().Filter("stars", "high"))
	c.Value("f/filter_histogram", blog().FilterNumbers("size", 20))
	c.Value("f/filter_date", blog().FilterDates("month", time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)))
	c.Value("f/filter_nested", blog().Filter("authors", "kim"))
	c.Value("f/filters_combined", blog().Query("q").Filter("tags", "go").Filter("stars", "low", "high").FilterNumbers("size", 10, 30))
	c.Value("f/sort", blog().Query("q").Sort("-published", "title"))
	c.Value("f/page", blog().Query("q").Slice(10, 20))
	shop := func() Search {
		return New(dsl.NewSearch("shop")).Facet("brand", Terms("brand", Metric(dsl.MaxAgg("price"), "desc"), Size(5)))
	}
	c.Value("f/metric", shop())
	c.Value("f/metric_filter", shop().Query("phone").Filter("brand", "acme"))
	c.Run(t, "testdata/diff/cases.py")
}
