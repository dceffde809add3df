package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// The compiled specification of elastic/elasticsearch-specification (its
// output/schema/schema.json, gzipped), committed beside the generator with
// its provenance and licence (internal/gen/spec/README.md). It is the
// source of every request body, response and shared type; the rest-api-spec
// jar stays the source of paths and query parameters (see doc.go).
const schemaFile = "internal/gen/spec/schema-9.5.json.gz"

// schema mirrors the parts of schema.json the generator reads.
type schema struct {
	Endpoints []*sEndpoint `json:"endpoints"`
	Types     []*sType     `json:"types"`
}

type sName struct {
	Name      string `json:"name"`
	Namespace string `json:"namespace"`
}

func (n sName) key() string { return n.Namespace + ":" + n.Name }

type sEndpoint struct {
	Name     string `json:"name"`
	Request  *sName `json:"request"`
	Response *sName `json:"response"`
}

// sValue is a type expression: instance_of, array_of, union_of,
// dictionary_of, user_defined_value or literal_value.
type sValue struct {
	Kind      string          `json:"kind"`
	Type      *sName          `json:"type"`
	Generics  []*sValue       `json:"generics"`
	Items     []*sValue       `json:"items"`
	Key       *sValue         `json:"key"`
	SingleKey bool            `json:"singleKey"`
	RawValue  json.RawMessage `json:"value"`
	value     *sValue         // RawValue decoded, for array_of and dictionary_of
}

func (v *sValue) elem() *sValue {
	if v.value == nil && len(v.RawValue) > 0 && v.Kind != "literal_value" {
		v.value = &sValue{}
		if err := json.Unmarshal(v.RawValue, v.value); err != nil {
			panic(err)
		}
	}
	return v.value
}

type sProp struct {
	Name        string  `json:"name"`
	Description string  `json:"description"`
	Required    bool    `json:"required"`
	Type        *sValue `json:"type"`
	Deprecation *struct {
		Version     string `json:"version"`
		Description string `json:"description"`
	} `json:"deprecation"`
	ServerDefault json.RawMessage `json:"serverDefault"`
}

type sInherits struct {
	Type     sName     `json:"type"`
	Generics []*sValue `json:"generics"`
}

type sBehavior struct {
	Type     sName     `json:"type"`
	Generics []*sValue `json:"generics"`
	Meta     struct {
		Fieldname string `json:"fieldname"`
	} `json:"meta"`
}

type sVariants struct {
	Kind         string `json:"kind"`
	Tag          string `json:"tag"`
	NonExhaustve bool   `json:"nonExhaustive"`
}

type sMember struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Aliases     []string `json:"aliases"`
}

type sBody struct {
	Kind       string   `json:"kind"`
	Properties []*sProp `json:"properties"`
	Value      *sValue  `json:"value"`
}

type sType struct {
	Kind             string       `json:"kind"`
	Name             sName        `json:"name"`
	Description      string       `json:"description"`
	Properties       []*sProp     `json:"properties"`
	Inherits         *sInherits   `json:"inherits"`
	Generics         []sName      `json:"generics"`
	Behaviors        []*sBehavior `json:"behaviors"`
	Variants         *sVariants   `json:"variants"`
	VariantName      string       `json:"variantName"`
	ShortcutProperty string       `json:"shortcutProperty"`
	Members          []*sMember   `json:"members"`
	Type             *sValue      `json:"type"`
	Body             *sBody       `json:"body"`
	Path             []*sProp     `json:"path"`
	Query            []*sProp     `json:"query"`
	EsQuirk          string       `json:"esQuirk"`
	CodegenNames     []string     `json:"codegenNames"`
}

// readSchema reads the committed specification.
func readSchema(root string) (*schema, error) {
	f, err := os.Open(filepath.Join(root, schemaFile))
	if err != nil {
		return nil, fmt.Errorf("the specification: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", schemaFile, err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", schemaFile, err)
	}
	var s schema
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("%s: %w", schemaFile, err)
	}
	return &s, nil
}

// docComment turns a specification description into a Go doc comment for
// name: "BoolQuery matches documents ..." where the description starts with
// a verb, "X is a ..." where it starts with an article.
func docComment(name, desc string) string {
	desc = strings.TrimSpace(desc)
	if desc == "" {
		return ""
	}
	first, rest, _ := strings.Cut(desc, " ")
	lower := strings.ToLower(first[:1]) + first[1:]
	switch {
	case first == "A" || first == "An" || first == "The":
		return name + " is " + lower + " " + rest
	case strings.HasSuffix(first, "s") && !strings.HasSuffix(first, "ss") && first[0] >= 'A' && first[0] <= 'Z' && rest != "" && !strings.Contains(first, "`"):
		return name + " " + lower + " " + rest
	default:
		return name + ": " + desc
	}
}

// writeDoc writes text as a // comment with the given indent.
func writeDoc(b *bytes.Buffer, indent, text string) {
	text = strings.TrimSpace(text)
	if text == "" {
		return
	}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, " \t")
		if line == "" {
			b.WriteString(indent + "//\n")
			continue
		}
		b.WriteString(indent + "// " + line + "\n")
	}
}
