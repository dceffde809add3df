package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"

	"github.com/esgo/esgo/transport"
	"github.com/spf13/cobra"
)

func newCall() *cobra.Command {
	var data string
	cmd := &cobra.Command{
		Use:   "call METHOD PATH",
		Short: "Send one request and print the JSON response, e.g. esgo call GET /_cluster/health",
		Long: "Send one request and print the JSON response, pretty-printed.\n" +
			"PATH may carry a query string. The body comes from --data, or from standard input when --data is \"-\".",
		Example: "  esgo call GET '/_cat/indices?format=json'\n  esgo call PUT /books --data '{\"settings\":{\"number_of_shards\":1}}'",
		Args:    cobra.ExactArgs(2),
	}
	conn := addConnectionFlags(cmd)
	cmd.Flags().StringVarP(&data, "data", "d", "", "request body (JSON), or - for standard input")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		client, err := conn.client()
		if err != nil {
			return err
		}
		method := strings.ToUpper(args[0])
		path, rawQuery, _ := strings.Cut(args[1], "?")
		if !strings.HasPrefix(path, "/") {
			path = "/" + path
		}
		query, err := url.ParseQuery(rawQuery)
		if err != nil {
			return fmt.Errorf("bad query string %q: %w", rawQuery, err)
		}
		req := &transport.Request{Method: method, Path: path, Query: query}
		switch data {
		case "":
		case "-":
			b, err := io.ReadAll(cmd.InOrStdin())
			if err != nil {
				return err
			}
			req.Body = b
		default:
			req.Body = []byte(data)
		}
		resp, err := client.Perform(cmd.Context(), req)
		if err != nil {
			return err
		}
		defer resp.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			return err
		}
		for _, w := range resp.Warnings {
			fmt.Fprintln(os.Stderr, "warning:", w)
		}
		if method == http.MethodHead {
			fmt.Fprintln(cmd.OutOrStdout(), resp.StatusCode)
			return nil
		}
		var pretty bytes.Buffer
		if json.Indent(&pretty, body, "", "  ") == nil {
			body = append(pretty.Bytes(), '\n')
		}
		_, err = cmd.OutOrStdout().Write(body)
		return err
	}
	return cmd
}
