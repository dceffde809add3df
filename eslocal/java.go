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

// ErrNoJava is returned (wrapped) when no JDK of version 21 or newer is found.
var ErrNoJava = errors.New("no JDK 21 or newer found")

// FindJava returns the home directory of a JDK of version 21 or newer,
// looking at $ES_JAVA_HOME, $JAVA_HOME and then /usr/lib/jvm/*, preferring the
// newest there.
func FindJava() (string, error) {
	var seen []string
	for _, env := range []string{"ES_JAVA_HOME", "JAVA_HOME"} {
		if home := os.Getenv(env); home != "" {
			v, err := javaVersion(home)
			if err == nil && v >= minJava {
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
	if len(found) > 0 && found[0].v >= minJava {
		return found[0].home, nil
	}
	for _, f := range found {
		seen = append(seen, fmt.Sprintf("%s (version %d)", f.home, f.v))
	}
	msg := "none installed"
	if len(seen) > 0 {
		msg = "found only " + strings.Join(seen, ", ")
	}
	return "", fmt.Errorf("%w (%s): install one (e.g. apt-get install openjdk-21-jdk-headless) or set ES_JAVA_HOME to its home", ErrNoJava, msg)
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
