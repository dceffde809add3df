package eslocal

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
)

// ErrDownload is returned (wrapped) when an artifact cannot be fetched or is broken.
var ErrDownload = errors.New("eslocal: download failed")

// CacheDir returns the directory where artifacts are unpacked: $ESGO_CACHE,
// else /var/cache/esgo for root (so the unprivileged server user can read
// it), else the user's cache directory.
func CacheDir() (string, error) {
	if d := os.Getenv("ESGO_CACHE"); d != "" {
		return d, nil
	}
	if os.Geteuid() == 0 {
		return "/var/cache/esgo", nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("eslocal: no cache directory (set ESGO_CACHE): %w", err)
	}
	return filepath.Join(d, "esgo"), nil
}

// artifact names a Maven artifact.
type artifact struct {
	group, name, version, ext string
}

func (a artifact) coords() string {
	return a.group + ":" + a.name + ":" + a.version + ":" + a.ext
}

// localPath is where Maven keeps the artifact.
func (a artifact) localPath() (string, error) {
	repo := os.Getenv("ESGO_MAVEN_REPO")
	if repo == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		repo = filepath.Join(home, ".m2", "repository")
	}
	return filepath.Join(repo, filepath.FromSlash(strings.ReplaceAll(a.group, ".", "/")), a.name, a.version,
		a.name+"-"+a.version+"."+a.ext), nil
}

// mvn runs Maven with args in dir and returns a one-line error on failure.
func mvn(ctx context.Context, dir, what string, args ...string) error {
	path, err := exec.LookPath("mvn")
	if err != nil {
		return fmt.Errorf("%w: Maven (mvn) is needed to download %s from Maven Central: install it (apt-get install maven)", ErrDownload, what)
	}
	cmd := exec.CommandContext(ctx, path, append([]string{"-q", "-B"}, args...)...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%w: mvn could not fetch %s (%v): %s; check access to Maven Central and run again", ErrDownload, what, err, mavenError(out.String()))
	}
	return nil
}

// fetch returns the local path of the artifact, downloading it with Maven
// when it is not in the local repository.
func fetch(ctx context.Context, a artifact) (string, error) {
	p, err := a.localPath()
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(p); err == nil {
		return p, nil
	}
	if err := mvn(ctx, "", a.coords(), "dependency:get", "-Dartifact="+a.coords(), "-Dtransitive=false"); err != nil {
		return "", err
	}
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("%w: mvn reported success but %s is missing", ErrDownload, p)
	}
	return p, nil
}

// unpackOnce unzips archive into dest unless dest already holds a complete
// unpacking (marked by a stamp file). It unpacks into a temporary sibling
// and renames, so a crash never leaves a half-unpacked tree in place. The
// single top-level folder of the archive is stripped.
func unpackOnce(archive, dest string) error {
	stamp := filepath.Join(dest, ".esgo-unpacked")
	if _, err := os.Stat(stamp); err == nil {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dest), filepath.Base(dest)+".tmp-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if err := unzip(archive, tmp); err != nil {
		// A broken archive is removed so the next run downloads it afresh.
		os.Remove(archive)
		return fmt.Errorf("%w: %s is broken (%v); it was removed: run again to download it afresh", ErrDownload, archive, err)
	}
	if err := os.WriteFile(filepath.Join(tmp, ".esgo-unpacked"), nil, 0o644); err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	os.RemoveAll(dest)
	return os.Rename(tmp, dest)
}

func unzip(archive, dest string) error {
	zr, err := zip.OpenReader(archive)
	if err != nil {
		return err
	}
	defer zr.Close()
	for _, f := range zr.File {
		name := f.Name
		if i := strings.IndexByte(name, '/'); i >= 0 {
			name = name[i+1:] // strip the top-level folder
		}
		if name == "" {
			continue
		}
		target := filepath.Join(dest, filepath.FromSlash(name))
		if !strings.HasPrefix(target, dest+string(os.PathSeparator)) {
			return fmt.Errorf("entry %q escapes the archive", f.Name)
		}
		if f.FileInfo().IsDir() {
			if err := os.MkdirAll(target, 0o755); err != nil {
				return err
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		mode := os.FileMode(0o644)
		if f.Mode()&0o111 != 0 {
			mode = 0o755
		}
		if err := extract(f, target, mode); err != nil {
			return err
		}
	}
	return nil
}

func extract(f *zip.File, target string, mode os.FileMode) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	out, err := os.OpenFile(target, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, rc); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

var ansiRE = regexp.MustCompile("\x1b\\[[0-9;]*m")

// mavenError returns the first [ERROR] line of Maven's output (without
// colours and the help pointer), else its last line.
func mavenError(out string) string {
	out = ansiRE.ReplaceAllString(out, "")
	for _, l := range strings.Split(out, "\n") {
		if m, ok := strings.CutPrefix(strings.TrimSpace(l), "[ERROR] "); ok && strings.TrimSpace(m) != "" {
			m, _, _ = strings.Cut(m, " -> [Help")
			return strings.TrimSpace(m)
		}
	}
	return lastLine(out)
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if l := strings.TrimSpace(lines[i]); l != "" {
			return l
		}
	}
	return "no output"
}
