package dsl_test

import (
	"testing"

	"github.com/esgo/esgo/dsl/internal/dsltest"
	"github.com/esgo/esgo/eslocal/eslocaltest"
)

func TestMain(m *testing.M) { eslocaltest.Main(m) }

type testConn = dsltest.Conn

var (
	esConn               = dsltest.ES
	osConn               = dsltest.OpenSearch
	deleteIndexAtCleanup = dsltest.DeleteIndexAtCleanup
)
