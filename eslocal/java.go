package eslocal

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// minJava is the lowest Java feature version the servers run on.
const minJava = 21

// ErrNoJava is returned (wrapped) when no JDK of a version the server runs on is found.
var ErrNoJava = errors.New("eslocal: no suitable JDK found")

// FindJava returns the home directory of a JDK of version 21 or newer,
// looking at $ES_JAVA_HOME, $JAVA_HOME and then /usr/lib/jvm/*, preferring the
// newest there.
func FindJava() (string, error) { return findJava(minJava, 0) }

// findJava returns the home of a JDK whose feature version is at least lo
// and, when hi is not 0, at most hi: $ES_JAVA_HOME or $JAVA_HOME if it
// fits, else the newest fitting one under /usr/lib/jvm.
func findJava(lo, hi int) (string, error) {
	fits := func(v int) bool { return v >= lo && (hi == 0 || v <= hi) }
	var seen []string
	for _, env := range []string{"ES_JAVA_HOME", "JAVA_HOME"} {
		if home := os.Getenv(env); home != "" {
			v, err := javaVersion(home)
			if err == nil && fits(v) {
				return home, nil
			}
			seen = append(seen, fmt.Sprintf("$%s=%s (version %d)", env, home, v))
		}
	}
	homes, _ := filepath.Glob("/usr/lib/jvm/*")
	type jdk struct {
		home string
		v    int
	}
	var found []jdk
	for _, h := range homes {
		if fi, err := os.Lstat(h); err != nil || fi.Mode()&os.ModeSymlink != 0 {
			continue
		}
		if v, err := javaVersion(h); err == nil {
			found = append(found, jdk{h, v})
		}
	}
	sort.Slice(found, func(i, j int) bool { return found[i].v > found[j].v })
	for _, f := range found {
		if fits(f.v) {
			return f.home, nil
		}
		seen = append(seen, fmt.Sprintf("%s (version %d)", f.home, f.v))
	}
	msg := "none installed"
	if len(seen) > 0 {
		msg = "found only " + strings.Join(seen, ", ")
	}
	want := fmt.Sprintf("JDK %d or newer", lo)
	if hi != 0 {
		want = fmt.Sprintf("JDK between %d and %d", lo, hi)
	}
	return "", fmt.Errorf("%w: need a %s (%s): install one (e.g. apt-get install openjdk-%d-jdk-headless) or set ES_JAVA_HOME to its home",
		ErrNoJava, want, msg, max(lo, 17))
}

// javaVersion reads the feature version of the JDK at home from its release file.
func javaVersion(home string) (int, error) {
	if _, err := os.Stat(filepath.Join(home, "bin", "java")); err != nil {
		return 0, err
	}
	f, err := os.Open(filepath.Join(home, "release"))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if v, ok := strings.CutPrefix(line, "JAVA_VERSION="); ok {
			v = strings.Trim(v, `"`)
			major, _, _ := strings.Cut(v, ".")
			if major == "1" { // 1.8 style
				return 8, nil
			}
			return strconv.Atoi(major)
		}
	}
	return 0, fmt.Errorf("%s/release has no JAVA_VERSION", home)
}
