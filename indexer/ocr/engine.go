package ocr

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"syscall"
)

// ErrNotInstalled means the tesseract program is not on PATH.
var ErrNotInstalled = errors.New("tesseract is not installed")

// Engine is an installed Tesseract: its version and languages.
type Engine struct {
	program   string
	version   string   // first line of "tesseract --version"
	languages []string // installed traineddata, sorted
}

// Find looks up tesseract on PATH and asks it for its version and
// languages.
func Find(ctx context.Context) (*Engine, error) {
	return FindProgram(ctx, "tesseract")
}

// FindProgram is Find for a given program name or path.
func FindProgram(ctx context.Context, program string) (*Engine, error) {
	p, err := exec.LookPath(program)
	if err != nil {
		return nil, ErrNotInstalled
	}
	e := &Engine{program: p}
	out, err := command(ctx, p, "--version").CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("%s --version: %v", p, err)
	}
	e.version, _, _ = strings.Cut(strings.TrimSpace(string(out)), "\n")
	out, err = command(ctx, p, "--list-langs").CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("%s --list-langs: %v", p, err)
	}
	for _, l := range strings.Split(string(out), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.Contains(l, " ") || l == "osd" {
			continue // the heading line, and orientation data
		}
		e.languages = append(e.languages, l)
	}
	slices.Sort(e.languages)
	if len(e.languages) == 0 {
		return nil, fmt.Errorf("%s has no language data installed", p)
	}
	return e, nil
}

// Version is Tesseract's own version line, e.g. "tesseract 5.3.0".
func (e *Engine) Version() string { return e.version }

// Languages are the installed Tesseract languages (eng, fra, ...).
func (e *Engine) Languages() []string { return slices.Clone(e.languages) }

// Has reports whether a Tesseract language is installed.
func (e *Engine) Has(lang string) bool {
	_, ok := slices.BinarySearch(e.languages, lang)
	return ok
}

// recipe changes whenever this package reads pages differently (image
// preparation, Tesseract options, how text is assembled), so that cached
// results of an older recipe are not taken for new ones.
const recipe = "ocr-1 psm3 oem-default"

// Key identifies what a page read with these languages gives: the engine's
// version, the languages and this package's recipe. Cached OCR text is
// valid while the key is the same.
func (e *Engine) Key(langs []string) string {
	h := sha256.Sum256([]byte(e.version + "\x00" + strings.Join(langs, "+") + "\x00" + recipe))
	return hex.EncodeToString(h[:6])
}

// command prepares a child process that dies with its parent and runs
// Tesseract single-threaded.
func command(ctx context.Context, program string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, program, args...)
	cmd.Env = append(cmd.Environ(), "OMP_THREAD_LIMIT=1", "LC_ALL=C")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	cmd.WaitDelay = 0
	return cmd
}

// run runs cmd with stdin, returning stdout, or an error with the end of
// stderr.
func run(ctx context.Context, cmd *exec.Cmd, stdin []byte) ([]byte, error) {
	var out, errb bytes.Buffer
	cmd.Stdin = bytes.NewReader(stdin)
	cmd.Stdout = &out
	cmd.Stderr = &errb
	if err := cmd.Run(); err != nil {
		if ctxErr := context.Cause(ctx); ctxErr != nil {
			return nil, ctxErr
		}
		msg := strings.TrimSpace(errb.String())
		if len(msg) > 300 {
			msg = msg[len(msg)-300:]
		}
		return nil, fmt.Errorf("%s: %v: %s", cmd.Args[0], err, strings.Join(strings.Fields(msg), " "))
	}
	return out.Bytes(), nil
}
