package eslocal

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// Module names an Elasticsearch module that the integ-test distribution
// lacks and that eslocal can build from the jars published on Maven Central.
type Module string

// The modules WithModules can add.
const (
	// ModuleESQL adds ES|QL (the modules x-pack-esql and x-pack-esql-core).
	// It works on Elasticsearch 8.19.x only: the ES|QL compute engine
	// (org.elasticsearch.plugin:x-pack-esql-compute) is not published on
	// Maven Central for 9.x. Functions that need machine learning
	// (CATEGORIZE, CHANGE_POINT) kill such a node: never send them.
	ModuleESQL Module = "x-pack-esql"
	// ModuleKQL adds x-pack-kql: the kql query.
	ModuleKQL Module = "x-pack-kql"
	// ModuleMapperVersion adds mapper-version: the version field type.
	ModuleMapperVersion Module = "mapper-version"
)

// ErrModuleUnavailable is returned (wrapped) when a module cannot be built
// for the requested product or version.
var ErrModuleUnavailable = errors.New("eslocal: module not available")

// WithModules adds modules to an Elasticsearch 8 or later node, built from
// Maven Central jars into a cached copy of the server's home (the plain
// unpacked distribution is never changed). ModuleESQL needs 8.19.x.
func WithModules(mods ...Module) Option {
	return func(c *config) { c.modules = append(c.modules, mods...) }
}

// h3Version is the elasticsearch-h3 jar used for ES|QL on 8.19.x: 8.19.21's
// is not on Maven Central and the H3 port is unchanged across 8.19.
const h3Version = "8.19.4"

// part is one module folder built from Maven dependencies.
type part struct {
	folder string // folder under modules/, also the plugin name in the jar
	jar    string // artifact holding META-INF/es-plugins/<folder>/
	deps   string // Maven <dependency> elements
	// extends replaces extended.plugins (modules missing from Maven Central,
	// such as lang-painless and x-pack-ml, are left out).
	extends string
	// after names earlier parts whose jars this one must not repeat.
	after []string
}

// moduleParts returns the folders that make up m on the given version.
func moduleParts(m Module, version string) ([]part, error) {
	const p = "org.elasticsearch.plugin"
	dep := func(artifact, extra string) string {
		return fmt.Sprintf("<dependency><groupId>%s</groupId><artifactId>%s</artifactId><version>%s</version>%s</dependency>",
			p, artifact, version, extra)
	}
	switch m {
	case ModuleESQL:
		if !strings.HasPrefix(version, "8.19.") {
			return nil, fmt.Errorf("%w: ES|QL (eslocal.ModuleESQL) needs Elasticsearch 8.19.x, not %s: its compute engine (%s:x-pack-esql-compute) is not on Maven Central for that version",
				ErrModuleUnavailable, version, p)
		}
		excl := func(g, a string) string {
			return "<exclusion><groupId>" + g + "</groupId><artifactId>" + a + "</artifactId></exclusion>"
		}
		esql := dep("x-pack-esql", "<exclusions>"+excl("org.elasticsearch", "elasticsearch-h3")+
			excl(p, "x-pack-esql-core")+excl("org.apache.lucene", "lucene-core")+
			excl("org.slf4j", "slf4j-nop")+"</exclusions>") +
			"<dependency><groupId>org.elasticsearch</groupId><artifactId>elasticsearch-h3</artifactId><version>" + h3Version + "</version></dependency>"
		return []part{
			{folder: "x-pack-esql-core", jar: "x-pack-esql-core", deps: dep("x-pack-esql-core", ""), extends: "x-pack-core"},
			{folder: "x-pack-esql", jar: "x-pack-esql", deps: esql, extends: "x-pack-esql-core", after: []string{"x-pack-esql-core"}},
		}, nil
	case ModuleKQL:
		return []part{{folder: "x-pack-kql", jar: "x-pack-kql", deps: dep("x-pack-kql", ""), extends: "x-pack-core"}}, nil
	case ModuleMapperVersion:
		return []part{{folder: "mapper-version", jar: "x-pack-mapper-version", deps: dep("x-pack-mapper-version", ""), extends: "x-pack-core"}}, nil
	}
	return nil, fmt.Errorf("%w: unknown module %q (known: %s, %s, %s)", ErrModuleUnavailable, m, ModuleESQL, ModuleKQL, ModuleMapperVersion)
}

// checkModules reports modules that cannot be built for this product and version.
func checkModules(p Product, version string, mods []Module) error {
	if len(mods) == 0 {
		return nil
	}
	if p != Elasticsearch || strings.HasPrefix(version, "7.") {
		return fmt.Errorf("%w: modules (%v) can be added to Elasticsearch 8 and later only, not %s %s", ErrModuleUnavailable, mods, p, version)
	}
	for _, m := range mods {
		if _, err := moduleParts(m, version); err != nil {
			return err
		}
	}
	return nil
}

// normModules returns mods sorted and without duplicates.
func normModules(mods []Module) []Module {
	out := slices.Clone(mods)
	slices.Sort(out)
	return slices.Compact(out)
}

// InstallElasticsearchModules returns the home of Elasticsearch version with
// the modules added: a copy of the unpacked distribution, built once and
// cached beside it (the plain distribution is left as it is). With no
// modules it is InstallElasticsearch.
func InstallElasticsearchModules(ctx context.Context, version string, mods ...Module) (string, error) {
	base, err := InstallElasticsearch(ctx, version)
	if err != nil || len(mods) == 0 {
		return base, err
	}
	mods = normModules(mods)
	if err := checkModules(Elasticsearch, version, mods); err != nil {
		return "", err
	}
	names := make([]string, len(mods))
	for i, m := range mods {
		names[i] = string(m)
	}
	dest := base + "-with-" + strings.Join(names, "-")
	stamp := filepath.Join(dest, ".esgo-unpacked")
	if _, err := os.Stat(stamp); err == nil {
		return dest, nil
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dest), filepath.Base(dest)+".tmp-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	home := filepath.Join(tmp, "home")
	if err := os.CopyFS(home, os.DirFS(base)); err != nil {
		return "", fmt.Errorf("eslocal: copying %s: %w", base, err)
	}
	os.Remove(filepath.Join(home, ".esgo-unpacked"))
	for _, m := range mods {
		parts, _ := moduleParts(m, version)
		for _, pt := range parts {
			if err := buildPart(ctx, home, filepath.Join(tmp, "work-"+pt.folder), version, m, pt); err != nil {
				return "", err
			}
		}
	}
	if err := os.WriteFile(filepath.Join(home, ".esgo-unpacked"), nil, 0o644); err != nil {
		return "", err
	}
	if err := os.Chmod(home, 0o755); err != nil {
		return "", err
	}
	if _, err := os.Stat(stamp); err == nil { // built meanwhile by another process, maybe running
		return dest, nil
	}
	os.RemoveAll(dest) // a half-built leftover
	if err := os.Rename(home, dest); err != nil {
		if _, serr := os.Stat(stamp); serr == nil { // built concurrently
			return dest, nil
		}
		return "", err
	}
	return dest, nil
}

// buildPart resolves the part's jars with Maven and writes modules/<folder>
// of home: the jars the server does not already have, and the descriptor
// (and entitlement policy) taken from the module's own jar.
func buildPart(ctx context.Context, home, work, version string, m Module, pt part) error {
	if err := os.MkdirAll(work, 0o755); err != nil {
		return err
	}
	pom := `<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>esgo.local</groupId><artifactId>esgo-module-` + pt.folder + `</artifactId><version>1</version>
<dependencies>` + pt.deps + `</dependencies></project>
`
	if err := os.WriteFile(filepath.Join(work, "pom.xml"), []byte(pom), 0o644); err != nil {
		return err
	}
	lib := filepath.Join(work, "lib")
	args := []string{"dependency:copy-dependencies", "-DoutputDirectory=" + lib}
	if repo := os.Getenv("ESGO_MAVEN_REPO"); repo != "" {
		args = append(args, "-Dmaven.repo.local="+repo)
	}
	if err := mvn(ctx, work, fmt.Sprintf("module %s (org.elasticsearch.plugin:%s:%s and its dependencies)", m, pt.jar, version), args...); err != nil {
		return err
	}
	mainJar := filepath.Join(lib, pt.jar+"-"+version+".jar")
	if _, err := os.Stat(mainJar); err != nil {
		return fmt.Errorf("%w: module %s: Maven did not deliver %s-%s.jar; check that org.elasticsearch.plugin:%s:%s is on Maven Central",
			ErrDownload, m, pt.jar, version, pt.jar, version)
	}
	// Jars already on the server's class path, x-pack-core's, or an extended
	// part's would be jar hell.
	have := map[string]bool{}
	dirs := []string{filepath.Join(home, "lib"), filepath.Join(home, "modules", "x-pack-core")}
	for _, a := range pt.after {
		dirs = append(dirs, filepath.Join(home, "modules", a))
	}
	for _, d := range dirs {
		jars, _ := filepath.Glob(filepath.Join(d, "*.jar"))
		for _, j := range jars {
			have[artifactName(j)] = true
		}
	}
	dest := filepath.Join(home, "modules", pt.folder)
	os.RemoveAll(dest)
	if err := os.MkdirAll(dest, 0o755); err != nil {
		return err
	}
	jars, _ := filepath.Glob(filepath.Join(lib, "*.jar"))
	for _, j := range jars {
		if have[artifactName(j)] {
			continue
		}
		if err := copyFile(j, filepath.Join(dest, filepath.Base(j))); err != nil {
			return err
		}
	}
	return writeDescriptor(mainJar, pt.folder, dest, pt.extends, version)
}

var versionSuffix = regexp.MustCompile(`-[0-9][0-9.]*(-[A-Za-z0-9]+)?\.jar$`)

// artifactName returns the artifact name of a jar file: foo-bar-1.2.3.jar -> foo-bar.
func artifactName(jar string) string {
	return versionSuffix.ReplaceAllString(filepath.Base(jar), "")
}

// writeDescriptor writes plugin-descriptor.properties (and the entitlement
// policy, when the jar has one) from META-INF/es-plugins/<name>/ of jar, with
// extended.plugins replaced and the versions forced to the server's.
func writeDescriptor(jar, name, dest, extends, version string) error {
	zr, err := zip.OpenReader(jar)
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrDownload, jar, err)
	}
	defer zr.Close()
	prefix := "META-INF/es-plugins/" + name + "/"
	found := false
	for _, f := range zr.File {
		base, ok := strings.CutPrefix(f.Name, prefix)
		if !ok || (base != "plugin-descriptor.properties" && base != "entitlement-policy.yaml") {
			continue
		}
		b, err := readZipFile(f)
		if err != nil {
			return err
		}
		if base == "plugin-descriptor.properties" {
			found = true
			lines := strings.Split(string(b), "\n")
			for i, l := range lines {
				switch {
				case strings.HasPrefix(l, "extended.plugins="):
					lines[i] = "extended.plugins=" + extends
				case strings.HasPrefix(l, "elasticsearch.version="):
					lines[i] = "elasticsearch.version=" + version
				case strings.HasPrefix(l, "version="):
					lines[i] = "version=" + version
				}
			}
			b = []byte(strings.Join(lines, "\n"))
		}
		if err := os.WriteFile(filepath.Join(dest, base), b, 0o644); err != nil {
			return err
		}
	}
	if !found {
		return fmt.Errorf("%w: %s has no %splugin-descriptor.properties", ErrDownload, filepath.Base(jar), prefix)
	}
	return nil
}

func readZipFile(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
