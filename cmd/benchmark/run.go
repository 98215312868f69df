package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// Run builds the corpora, measures and writes the results file.
func (m *Main) Run(ctx context.Context) error {
	start := time.Now()
	res := &Results{Started: start, Command: "go run ./cmd/benchmark " + strings.Join(m.Args, " "),
		Machine: machine()}
	res.Command = strings.TrimSpace(res.Command)
	res.Commit = repoCommit()
	if err := os.MkdirAll(m.Work, 0o755); err != nil {
		return err
	}
	logf := func(msg string, args ...any) { m.log.Info(msg, args...) }

	bin, err := m.buildHandbooks(ctx, res)
	if err != nil {
		return err
	}
	corpora, err := m.buildCorpora(ctx, res, logf)
	if err != nil {
		return err
	}
	res.Corpora = corpora

	if m.Only["extract"] {
		if err := m.extractPhase(ctx, res, bin, corpora, logf); err != nil {
			return m.finish(res, start, err)
		}
	}
	if m.Only["index"] || m.Only["query"] {
		for _, c := range corpora {
			if c.Kind == "wild" {
				continue
			}
			if err := m.indexAndQuery(ctx, res, bin, c); err != nil {
				return m.finish(res, start, err)
			}
		}
	}
	if m.Only["profile"] && m.oursCanIndex(ctx, bin) {
		for _, c := range corpora {
			if c.Kind == "wild" {
				continue
			}
			index := filepath.Join(m.Work, "indexes", slug(c), "handbooks")
			if _, err := os.Stat(filepath.Join(index, "CURRENT")); err != nil {
				index = ""
			}
			if err := m.profilePhase(ctx, res, bin, c, index); err != nil {
				return m.finish(res, start, err)
			}
			break
		}
	}
	return m.finish(res, start, nil)
}

// finish writes what was measured, even after a failure.
func (m *Main) finish(res *Results, start time.Time, runErr error) error {
	res.Elapsed = time.Since(start)
	if runErr != nil {
		res.note("the run stopped early: %v", runErr)
	}
	if b, err := json.MarshalIndent(res, "", "  "); err == nil {
		os.WriteFile(filepath.Join(m.Work, "results-"+res.Started.Format("20060102-150405")+".json"), b, 0o644)
	}
	if err := writeReport(m.Out, res); err != nil {
		return err
	}
	m.log.Info("wrote results", "file", m.Out, "elapsed", res.Elapsed.Round(time.Second))
	return runErr
}

// buildHandbooks builds the handbooks command once into the work directory.
// It returns "" when the repository's command cannot index yet.
func (m *Main) buildHandbooks(ctx context.Context, res *Results) (string, error) {
	bin := filepath.Join(m.Work, "bin", "handbooks")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/handbooks")
	cmd.Dir = repoRoot()
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/handbooks: %v\n%s", err, out)
	}
	out, _ := exec.CommandContext(ctx, bin, "index", "-h").CombinedOutput()
	if bytes.Contains(out, []byte("not built yet")) {
		res.note("`handbooks index` is not implemented in this checkout: our indexing and queries are skipped")
		return bin, nil
	}
	return bin, nil
}

func (m *Main) oursCanIndex(ctx context.Context, bin string) bool {
	out, _ := exec.CommandContext(ctx, bin, "index", "-h").CombinedOutput()
	return !bytes.Contains(out, []byte("not built yet"))
}

// repoCommit names the commit measured.
func repoCommit() string {
	cmd := exec.Command("git", "rev-parse", "--short", "HEAD")
	cmd.Dir = repoRoot()
	out, err := cmd.Output()
	if err != nil {
		return "unknown"
	}
	commit := strings.TrimSpace(string(out))
	st := exec.Command("git", "status", "--porcelain", "--untracked-files=no")
	st.Dir = cmd.Dir
	if out, err := st.Output(); err == nil && len(bytes.TrimSpace(out)) > 0 {
		commit += "+dirty"
	}
	return commit
}

// repoRoot is the module root (the directory of go.mod).
func repoRoot() string {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err == nil {
		if p := strings.TrimSpace(string(out)); p != "" && p != os.DevNull {
			return filepath.Dir(p)
		}
	}
	return "."
}

const domainPages = 243 // pages of ../shared/corpus/domain, for the copy count

func (m *Main) buildCorpora(ctx context.Context, res *Results, logf func(string, ...any)) ([]*Corpus, error) {
	var out []*Corpus
	domain := filepath.Join(m.Shared, "corpus", "domain")
	if _, err := os.Stat(domain); err != nil {
		res.note("%s not found: no corpora of real PDFs", domain)
	} else {
		for _, size := range m.Sizes {
			copies := max(1, size/domainPages)
			c, err := buildDomain(ctx, domain, filepath.Join(m.Work, "corpora", fmt.Sprintf("domain-x%d", copies)), copies, logf)
			if err != nil {
				return nil, err
			}
			out = append(out, c)
		}
	}
	if len(out) > 0 {
		res.note("copies of domain/ differ from each other in four bytes of the binary comment on each PDF's " +
			"second line, so that content hashes differ; their catalog rows vary titles, types, regions, " +
			"countries, tags, publishers and years")
	}
	if len(m.SynthSizes) > 0 {
		res.note("synthetic handbooks: 60%% English, the rest French, Spanish and German (standard-14 fonts " +
			"with WinAnsiEncoding, so no Cyrillic or Arabic), 2–240 pages each (log-normal, median 20), " +
			"sections of 1–5 pages under numbered headings, words drawn from Zipf distributions over " +
			"function words (45%%), the field's words (43%%) and a rare tail (12%%)")
	}
	for _, size := range m.SynthSizes {
		c, err := buildSynth(ctx, filepath.Join(m.Work, "corpora", fmt.Sprintf("synth-%d", size)), size, runtime.NumCPU(), logf)
		if err != nil {
			return nil, err
		}
		c.Name = fmt.Sprintf("synthetic %s", pagesLabel(size))
		out = append(out, c)
	}
	wild := filepath.Join(m.Shared, "corpus", "wild")
	if _, err := os.Stat(wild); err == nil && m.Only["extract"] {
		c, err := wildCorpus(ctx, filepath.Join(m.Work, "corpora", "wild"), wild)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

func (m *Main) extractPhase(ctx context.Context, res *Results, bin string, corpora []*Corpus, logf func(string, ...any)) error {
	if err := available("pdftotext"); err != nil {
		res.note("extraction comparison skipped: %v", err)
		return nil
	}
	done := map[string]bool{}
	for _, c := range corpora {
		// The samples of all sizes of one kind are the same files.
		if done[c.Kind] || len(c.Sample) == 0 {
			continue
		}
		done[c.Kind] = true
		sample := *c
		switch c.Kind {
		case "domain":
			sample.Name = "domain (11 files)"
		case "synth":
			sample.Name = fmt.Sprintf("synthetic (%d files)", len(c.Sample))
		case "wild":
			sample.Name = fmt.Sprintf("wild (%d files)", len(c.Sample))
		}
		runs := m.Runs
		if c.Kind == "wild" {
			// 159 files, three tools each: one run keeps the default short.
			runs = 1
		}
		row, err := compareExtraction(ctx, bin, &sample, runs, logf)
		if err != nil {
			return err
		}
		res.Extraction = append(res.Extraction, row)
	}
	return nil
}

func pagesLabel(n int) string {
	switch {
	case n >= 1_000_000 && n%1_000_000 == 0:
		return fmt.Sprintf("%dM", n/1_000_000)
	case n >= 1000 && n%1000 == 0:
		return fmt.Sprintf("%dk", n/1000)
	}
	return itoa(n)
}
