package main

import (
	"archive/zip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// specVersion is the Elasticsearch version whose REST API specification is
// generated.
const specVersion = "9.5.3"

// specArtifact is the Maven coordinate of the specification jar.
const specArtifact = "org.elasticsearch:rest-api-spec:" + specVersion

// defaultJarPath returns where Maven keeps the specification jar.
func defaultJarPath() string {
	home, err := os.UserHomeDir()
	if err != nil {
		home = "."
	}
	return filepath.Join(home, ".m2", "repository", "org", "elasticsearch", "rest-api-spec",
		specVersion, "rest-api-spec-"+specVersion+".jar")
}

// ensureJar returns path when it exists, and otherwise asks Maven to fetch
// the artifact into its local repository.
func ensureJar(path string) error {
	if _, err := os.Stat(path); err == nil {
		return nil
	}
	cmd := exec.Command("mvn", "-q", "dependency:get", "-Dartifact="+specArtifact, "-Dtransitive=false")
	cmd.Stdout = os.Stderr
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("fetching %s with mvn: %w", specArtifact, err)
	}
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("mvn ran but %s is still missing: %w", path, err)
	}
	return nil
}

// rawEndpoint is one endpoint as written in rest-api-spec/api/NAME.json.
type rawEndpoint struct {
	Documentation struct {
		URL         string `json:"url"`
		Description string `json:"description"`
	} `json:"documentation"`
	Stability  string            `json:"stability"`
	Visibility string            `json:"visibility"`
	Deprecated *rawDeprecation   `json:"deprecated"`
	Headers    rawHeaders        `json:"headers"`
	URL        rawURL            `json:"url"`
	Params     map[string]rawArg `json:"params"`
	Body       *struct {
		Description string `json:"description"`
		Required    bool   `json:"required"`
		Serialize   string `json:"serialize"`
	} `json:"body"`
}

type rawDeprecation struct {
	Version     string `json:"version"`
	Description string `json:"description"`
}

type rawHeaders struct {
	Accept      []string `json:"accept"`
	ContentType []string `json:"content_type"`
}

type rawURL struct {
	Paths []rawPath `json:"paths"`
}

type rawPath struct {
	Path       string            `json:"path"`
	Methods    []string          `json:"methods"`
	Parts      map[string]rawArg `json:"parts"`
	Deprecated *rawDeprecation   `json:"deprecated"`
}

// rawArg is a path part or a query parameter.
type rawArg struct {
	Type        string          `json:"type"`
	Description string          `json:"description"`
	Options     []string        `json:"options"`
	Required    bool            `json:"required"`
	Deprecated  *rawDeprecation `json:"deprecated"`
	Visibility  string          `json:"visibility"`
}

// spec is the parsed specification.
type spec struct {
	Endpoints map[string]*rawEndpoint
	Common    map[string]rawArg
}

// readSpec reads every rest-api-spec/api/*.json file of the jar at path.
func readSpec(path string) (*spec, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, fmt.Errorf("opening spec jar: %w", err)
	}
	defer zr.Close()
	s := &spec{Endpoints: map[string]*rawEndpoint{}}
	for _, f := range zr.File {
		dir, base := filepath.Split(f.Name)
		if dir != "rest-api-spec/api/" || !strings.HasSuffix(base, ".json") {
			continue
		}
		data, err := readZipFile(f)
		if err != nil {
			return nil, err
		}
		if base == "_common.json" {
			var common struct {
				Params map[string]rawArg `json:"params"`
			}
			if err := json.Unmarshal(data, &common); err != nil {
				return nil, fmt.Errorf("%s: %w", f.Name, err)
			}
			s.Common = common.Params
			continue
		}
		var m map[string]*rawEndpoint
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		for name, e := range m {
			if _, dup := s.Endpoints[name]; dup {
				return nil, fmt.Errorf("%s: endpoint %q defined twice", f.Name, name)
			}
			s.Endpoints[name] = e
		}
	}
	if len(s.Endpoints) == 0 {
		return nil, errors.New("no rest-api-spec/api/*.json files in " + path)
	}
	return s, nil
}

func readZipFile(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name, err)
	}
	return data, nil
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
