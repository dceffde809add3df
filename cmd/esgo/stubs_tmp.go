package main

import "github.com/spf13/cobra"

func newESQL() *cobra.Command  { return &cobra.Command{Use: "esql"} }
func newIndex() *cobra.Command { return &cobra.Command{Use: "index"} }
