package yamltest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Suite is one YAML test file.
type Suite struct {
	// File is the path of the file, relative to the directory it was loaded from.
	File string
	// Requires is the optional first `requires:` document (stack, serverless).
	Requires map[string]any
	// Setup runs before each test; Teardown after it, even when it failed.
	Setup, Teardown []Step
	// Tests are the named tests, in file order.
	Tests []*Test
}

// Test is one named test of a suite.
type Test struct {
	Name  string
	Steps []Step
}

// Step is one step of a test: its type (do, match ...) and its argument.
type Step struct {
	Kind string
	// Args is the step's value: a map for do/match/set..., a string for
	// is_true/is_false/exists.
	Args any
	// Keys keeps the key order of Args when it is a map.
	Keys []string
	// Line is the line of the step in its file.
	Line int
}

// LoadDir parses every *.yml and *.yaml file under dir, in lexical order.
func LoadDir(dir string) ([]*Suite, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && (strings.HasSuffix(p, ".yml") || strings.HasSuffix(p, ".yaml")) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var suites []*Suite
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		rel, _ := filepath.Rel(dir, f)
		s, err := Parse(filepath.ToSlash(rel), data)
		if err != nil {
			return nil, err
		}
		suites = append(suites, s)
	}
	return suites, nil
}

// Parse parses one YAML test file.
func Parse(name string, data []byte) (*Suite, error) {
	s := &Suite{File: name}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if len(doc.Content) == 0 {
			continue
		}
		root := doc.Content[0]
		if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
			continue
		}
		if root.Kind != yaml.MappingNode {
			return nil, fmt.Errorf("%s:%d: a document must be a mapping", name, root.Line)
		}
		for i := 0; i+1 < len(root.Content); i += 2 {
			key, val := root.Content[i].Value, root.Content[i+1]
			switch key {
			case "requires":
				v, err := toValue(val)
				if err != nil {
					return nil, fmt.Errorf("%s:%d: %w", name, val.Line, err)
				}
				s.Requires, _ = v.(map[string]any)
			case "setup", "teardown":
				steps, err := parseSteps(name, val)
				if err != nil {
					return nil, err
				}
				if key == "setup" {
					s.Setup = steps
				} else {
					s.Teardown = steps
				}
			default:
				steps, err := parseSteps(name, val)
				if err != nil {
					return nil, err
				}
				s.Tests = append(s.Tests, &Test{Name: key, Steps: steps})
			}
		}
	}
	return s, nil
}

func parseSteps(file string, n *yaml.Node) ([]Step, error) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%s:%d: steps must be a list", file, n.Line)
	}
	var steps []Step
	for _, item := range n.Content {
		if item.Kind != yaml.MappingNode || len(item.Content) != 2 {
			return nil, fmt.Errorf("%s:%d: a step must be a mapping with one key", file, item.Line)
		}
		st := Step{Kind: item.Content[0].Value, Line: item.Line}
		val := item.Content[1]
		v, err := toValue(val)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", file, val.Line, err)
		}
		st.Args = v
		if val.Kind == yaml.MappingNode {
			for i := 0; i < len(val.Content); i += 2 {
				st.Keys = append(st.Keys, val.Content[i].Value)
			}
		}
		steps = append(steps, st)
	}
	return steps, nil
}

// toValue converts a YAML node to nil, bool, int64, float64, string,
// []any or map[string]any.
func toValue(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return toValue(n.Content[0])
	case yaml.AliasNode:
		return toValue(n.Alias)
	case yaml.SequenceNode:
		list := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := toValue(c)
			if err != nil {
				return nil, err
			}
			list = append(list, v)
		}
		return list, nil
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Tag == "!!merge" {
				v, err := toValue(n.Content[i+1])
				if err != nil {
					return nil, err
				}
				if mm, ok := v.(map[string]any); ok {
					for kk, vv := range mm {
						m[kk] = vv
					}
				}
				continue
			}
			v, err := toValue(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[k.Value] = v
		}
		return m, nil
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return nil, nil
		case "!!bool":
			var b bool
			if err := n.Decode(&b); err != nil {
				return nil, err
			}
			return b, nil
		case "!!int":
			if i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64); err == nil {
				return i, nil
			}
			// Too big for int64: keep the digits.
			return bigNumber(n.Value), nil
		case "!!float":
			var f float64
			if err := n.Decode(&f); err != nil {
				return nil, err
			}
			if math.IsInf(f, 0) || math.IsNaN(f) {
				return n.Value, nil
			}
			return f, nil
		}
		return n.Value, nil
	}
	return nil, fmt.Errorf("unsupported YAML node kind %v", n.Kind)
}

// bigNumber is an integer too large for int64, kept as its digits.
type bigNumber string
