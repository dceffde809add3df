package main

import (
	"fmt"
	"strings"

	"github.com/esgo/esgo/clusters"
	"github.com/spf13/cobra"
)

func newConfig() *cobra.Command {
	cfgCmd := &cobra.Command{
		Use:   "config",
		Short: "Manage named clusters (like kubectl contexts)",
		Long: "Manage the clusters file: named clusters that every command reaches with --cluster NAME,\n" +
			"and a current one used when neither --cluster, --url nor $ELASTICSEARCH_URL is given.\n" +
			"The file is $ESGO_CONFIG, else ~/.config/esgo/clusters.json; Go programs load the same\n" +
			"file with connections.Default.LoadClusters(\"\"). Secrets are best kept in environment\n" +
			"variables the file names (--password-env); the file is written with mode 0600.",
		Args: cobra.NoArgs,
	}
	load := func() (*clusters.Config, string, error) {
		path, err := clusters.DefaultPath()
		if err != nil {
			return nil, "", err
		}
		cfg, err := clusters.Load(path)
		return cfg, path, err
	}

	var cl clusters.Cluster
	var use bool
	add := &cobra.Command{
		Use:     "add NAME --url URL",
		Short:   "Add or replace a named cluster",
		Example: "  esgo config add prod --url https://es.example:9200 --user elastic --password-env PROD_ES_PASSWORD --ca ca.crt --use",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(cl.URLs) == 0 {
				return usageError(cmd, fmt.Errorf("--url is required"))
			}
			cfg, path, err := load()
			if err != nil {
				return err
			}
			cfg.Clusters[args[0]] = cl
			if use || cfg.Current == "" {
				cfg.Current = args[0]
			}
			if err := cfg.Save(path); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "cluster %q saved in %s (current: %s)\n", args[0], path, cfg.Current)
			return nil
		},
	}
	f := add.Flags()
	f.StringSliceVar(&cl.URLs, "url", nil, "node address(es)")
	f.StringVar(&cl.Username, "user", "", "basic auth user")
	f.StringVar(&cl.PasswordEnv, "password-env", "", "environment variable that holds the password")
	f.StringVar(&cl.APIKeyEnv, "api-key-env", "", "environment variable that holds an encoded API key")
	f.StringVar(&cl.TokenEnv, "token-env", "", "environment variable that holds a bearer or service token")
	f.StringVar(&cl.CAFile, "ca", "", "PEM file of the CA to trust")
	f.StringVar(&cl.Fingerprint, "fingerprint", "", "SHA-256 fingerprint of the server certificate to pin")
	f.BoolVar(&cl.Insecure, "insecure", false, "skip TLS verification")
	f.BoolVar(&use, "use", false, "make it the current cluster")

	useCmd := &cobra.Command{
		Use:               "use NAME",
		Short:             "Make a named cluster the current one",
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeClusters,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, path, err := load()
			if err != nil {
				return err
			}
			if _, err := cfg.Get(args[0]); err != nil {
				return err
			}
			cfg.Current = args[0]
			if err := cfg.Save(path); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "current cluster: %s\n", args[0])
			return nil
		},
	}
	rm := &cobra.Command{
		Use:               "rm NAME",
		Short:             "Remove a named cluster",
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeClusters,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, path, err := load()
			if err != nil {
				return err
			}
			if _, err := cfg.Get(args[0]); err != nil {
				return err
			}
			delete(cfg.Clusters, args[0])
			if cfg.Current == args[0] {
				cfg.Current = ""
			}
			return cfg.Save(path)
		},
	}
	var lsOut *listing
	ls := &cobra.Command{
		Use:   "ls",
		Short: "List the named clusters (secrets are never shown: passwords in URLs are masked)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := lsOut.check(cmd); err != nil {
				return err
			}
			cfg, _, err := load()
			if err != nil {
				return err
			}
			var rows [][]string
			for _, name := range cfg.Names() {
				c := cfg.Clusters[name]
				mark := ""
				if name == cfg.Current {
					mark = "*"
				}
				rows = append(rows, []string{mark, name, strings.Join(redactAll(c.URLs), ","), c.Auth()})
			}
			return lsOut.print(cmd.OutOrStdout(), []string{"current", "name", "urls", "auth"}, rows)
		},
	}
	lsOut = addListing(ls)
	cfgCmd.AddCommand(add, useCmd, rm, ls)
	return cfgCmd
}
