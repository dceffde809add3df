// Command esgo-dsl-match builds one match query with esgo's DSL and sends
// it; bench measures its binary size (issue 12: the DSL must not link the
// code of the other query types).
package main

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/esgo/esgo"
	"github.com/esgo/esgo/dsl"
)

type logDoc struct {
	Host string `json:"host"`
	Msg  string `json:"msg"`
}

func main() {
	client, err := esgo.New(esgo.WithAddresses(os.Getenv("ES_URL")))
	if err != nil {
		log.Fatal(err)
	}
	s := dsl.NewSearch("logs").Using(client).Query(dsl.Match("msg", "served"))
	res, err := dsl.Execute[logDoc](context.Background(), s)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(res.Hits.Hits), "hits")
}
