package faceted_test

import (
	"testing"

	"github.com/esgo/esgo/eslocal/eslocaltest"
)

func TestMain(m *testing.M) { eslocaltest.Main(m) }
