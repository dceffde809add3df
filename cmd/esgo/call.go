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
		Short: "Send one request and print the response, e.g. esgo call GET /_cluster/health",
		Long: "Send one request and print the response: JSON pretty-printed, anything else as it is.\n" +
			"PATH may carry a query string. The body comes from --data, or from standard input when --data is \"-\".\n" +
			"The _cat APIs answer in text (format=txt) unless the query string asks for another format.\n" +
			"A response status of 300 or more is an error (exit code 1), HEAD included: HEAD prints the\n" +
			"status, and exits 1 on 404, so `esgo call HEAD /books` tests that an index exists.",
		Example: "  esgo call GET '/_cat/indices?v'\n" +
			"  esgo call GET '/_cat/indices?format=json'\n" +
			"  esgo call PUT /books --data '{\"settings\":{\"number_of_shards\":1}}'\n" +
			"  esgo call HEAD /books && echo exists",
		Args: cobra.ExactArgs(2),
	}
	conn := addConnectionFlags(cmd)
	cmd.Flags().StringVarP(&data, "data", "d", "", "request body (JSON), - for standard input, or @FILE")
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
			return usageError(cmd, fmt.Errorf("bad query string %q: %w", rawQuery, err))
		}
		req := &transport.Request{Method: method, Path: path, Query: query}
		if path == "/_cat" || strings.HasPrefix(path, "/_cat/") {
			if query.Get("format") == "" {
				query.Set("format", "txt")
			}
			if query.Get("format") == "txt" {
				req.Header = http.Header{"Accept": {"text/plain"}}
			}
		}
		switch {
		case data == "":
		case data == "-":
			b, err := io.ReadAll(cmd.InOrStdin())
			if err != nil {
				return err
			}
			req.Body = b
		case strings.HasPrefix(data, "@"):
			b, err := os.ReadFile(data[1:])
			if err != nil {
				return err
			}
			req.Body = b
		default:
			req.Body = []byte(data)
		}
		if method == http.MethodHead {
			req.Ignore = []int{http.StatusNotFound}
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
			fmt.Fprintln(cmd.ErrOrStderr(), "warning:", w)
		}
		if method == http.MethodHead {
			fmt.Fprintln(cmd.OutOrStdout(), resp.StatusCode)
			if resp.StatusCode >= 300 {
				return fmt.Errorf("HEAD %s: %d %s", path, resp.StatusCode, http.StatusText(resp.StatusCode))
			}
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
