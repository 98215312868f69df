package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"handbooks/indexer"
	"handbooks/indexer/ocr"
	"handbooks/search"
)

// result is one tool on one condition.
type result struct {
	F1      []float64 // per page
	Seconds float64   // wall clock
	Lost    int       // pages without any text
	Note    string
}

func (r result) meanF1() float64 {
	if len(r.F1) == 0 {
		return 0
	}
	s := 0.0
	for _, f := range r.F1 {
		s += f
	}
	return s / float64(len(r.F1))
}

func (r result) pagesPerSecond() float64 {
	if r.Seconds == 0 {
		return 0
	}
	return float64(len(r.F1)) / r.Seconds
}

// row is a condition's results.
type row struct {
	Cond      condition
	Ours      result
	Peer      *result // ocrmypdf; nil when not measured
	Unchanged string  // what the unchanged re-run did
}

// Run makes the test set, measures, and writes the report.
func (m *Main) Run(ctx context.Context) error {
	eng, err := ocr.Find(ctx)
	if err != nil {
		return err
	}
	rend, err := ocr.FindRenderer()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(m.Work, 0o755); err != nil {
		return err
	}
	bin := filepath.Join(m.Work, "handbooks")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/handbooks").CombinedOutput(); err != nil {
		return fmt.Errorf("build handbooks: %v: %s", err, out)
	}
	dirs := []string{m.Library}
	if _, err := os.Stat(m.Corpus); err == nil {
		dirs = append(dirs, m.Corpus)
	} else {
		m.Log.Warn("corpus absent: pages of the sample library only", "corpus", m.Corpus)
	}
	pages, err := choosePages(ctx, rend, dirs, m.Pages)
	if err != nil {
		return err
	}
	m.Log.Info("test set", "pages", len(pages), "conditions", len(conditions))
	peer := ""
	if m.OCRmyPDF {
		if p, err := exec.LookPath("ocrmypdf"); err == nil {
			peer = p
		} else {
			m.Log.Warn("ocrmypdf not installed: measured alone")
		}
	}
	// Warm-up: the first Tesseract runs load its models from disk.
	if _, err := writeCondition(ctx, rend, conditions[0], pages[:1], filepath.Join(m.Work, "warm-up", "library")); err != nil {
		return err
	}
	os.RemoveAll(filepath.Join(m.Work, "warm-up", "index"))
	if out, err := exec.CommandContext(ctx, bin, "index", "-library", filepath.Join(m.Work, "warm-up", "library"),
		"-index", filepath.Join(m.Work, "warm-up", "index"), "-quiet").CombinedOutput(); err != nil {
		return fmt.Errorf("warm-up: %v: %s", err, out)
	}
	var rows []row
	for _, c := range conditions {
		dir := filepath.Join(m.Work, c.Slug)
		os.RemoveAll(dir)
		lib := filepath.Join(dir, "library")
		files, err := writeCondition(ctx, rend, c, pages, lib)
		if err != nil {
			return err
		}
		rw := row{Cond: c}
		rw.Ours, rw.Unchanged, err = runOurs(ctx, bin, dir, files, pages)
		if err != nil {
			return fmt.Errorf("%s: %w", c.Name, err)
		}
		m.Log.Info("handbooks", "condition", c.Name, "f1", rw.Ours.meanF1(), "pages/s", rw.Ours.pagesPerSecond())
		if peer != "" {
			res, err := runOCRmyPDF(ctx, peer, dir, files, pages)
			if err != nil {
				return fmt.Errorf("%s: ocrmypdf: %w", c.Name, err)
			}
			rw.Peer = &res
			m.Log.Info("ocrmypdf", "condition", c.Name, "f1", res.meanF1(), "pages/s", res.pagesPerSecond())
		}
		rows = append(rows, rw)
	}
	var domain string
	if _, err := os.Stat(m.Corpus); err == nil {
		domain, err = domainCheck(ctx, bin, m.Work, m.Corpus)
		if err != nil {
			return err
		}
	}
	report := markdown(eng, peerVersion(ctx, peer), pages, rows, domain)
	fmt.Print(report)
	if m.Out == "" {
		return nil
	}
	return writeSection(m.Out, report)
}

// runOurs indexes a condition's library with "handbooks index", reads the
// pages back from the index, and indexes it again unchanged.
func runOurs(ctx context.Context, bin, dir string, files []scanFile, pages []sourcePage) (result, string, error) {
	lib, idx := filepath.Join(dir, "library"), filepath.Join(dir, "index")
	repPath := filepath.Join(dir, "report.json")
	start := time.Now()
	if out, err := exec.CommandContext(ctx, bin, "index", "-library", lib, "-index", idx, "-report", repPath, "-quiet").CombinedOutput(); err != nil {
		return result{}, "", fmt.Errorf("handbooks index: %v: %s", err, out)
	}
	res := result{Seconds: time.Since(start).Seconds()}
	rep, err := readReport(repPath)
	if err != nil {
		return res, "", err
	}
	ids := map[string]string{}
	for _, f := range rep.Files {
		ids[f.Path] = f.ID
	}
	x, err := search.Open(idx, search.Options{ReloadInterval: -1})
	if err != nil {
		return res, "", err
	}
	defer x.Close()
	for _, f := range files {
		for k, i := range f.Pages {
			text := ""
			if pt, err := x.Page(ctx, ids[f.Name], k+1, ""); err == nil {
				text = pt.Text
			}
			if strings.TrimSpace(text) == "" {
				res.Lost++
			}
			res.F1 = append(res.F1, wordF1(pages[i].Ref, text))
		}
	}
	if out, err := exec.CommandContext(ctx, bin, "index", "-library", lib, "-index", idx, "-report", repPath, "-quiet").CombinedOutput(); err != nil {
		return res, "", fmt.Errorf("handbooks index again: %v: %s", err, out)
	}
	again, err := readReport(repPath)
	if err != nil {
		return res, "", err
	}
	read := -1
	if again.OCR != nil {
		read = again.OCR.Pages
	}
	return res, fmt.Sprintf("%d of %d files unchanged, %d pages read", again.Counts[indexer.OutcomeUnchanged], len(files), read), nil
}

func readReport(path string) (*indexer.Report, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var rep indexer.Report
	return &rep, json.Unmarshal(b, &rep)
}

var tessLang = map[string]string{"en": "eng", "fr": "fra", "es": "spa", "ru": "rus", "ar": "ara"}

// runOCRmyPDF has ocrmypdf read a condition's PDFs, one after the other,
// each with as many jobs as cores, and scores its sidecar text.
func runOCRmyPDF(ctx context.Context, peer, dir string, files []scanFile, pages []sourcePage) (result, error) {
	out := filepath.Join(dir, "ocrmypdf")
	if err := os.MkdirAll(out, 0o755); err != nil {
		return result{}, err
	}
	var res result
	for _, f := range files {
		lang := tessLang[f.Lang]
		if lang == "" {
			lang = "eng"
		}
		side := filepath.Join(out, f.Name+".txt")
		start := time.Now()
		cmd := exec.CommandContext(ctx, peer, "--jobs", fmt.Sprint(runtime.NumCPU()), "-l", lang, "--output-type", "pdf",
			"--optimize", "0", "--sidecar", side, "--quiet", filepath.Join(dir, "library", f.Name), filepath.Join(out, f.Name))
		b, err := cmd.CombinedOutput()
		res.Seconds += time.Since(start).Seconds()
		if err != nil {
			var ee *exec.ExitError
			if !errors.As(err, &ee) {
				return res, err
			}
			res.Note = fmt.Sprintf("exit %d on %s: %s", ee.ExitCode(), f.Name, oneLine(string(b)))
		}
		text, _ := os.ReadFile(side)
		texts := strings.Split(string(text), "\f")
		for k, i := range f.Pages {
			t := ""
			if k < len(texts) {
				t = texts[k]
			}
			if strings.TrimSpace(t) == "" {
				res.Lost++
			}
			res.F1 = append(res.F1, wordF1(pages[i].Ref, t))
		}
	}
	return res, nil
}

func peerVersion(ctx context.Context, peer string) string {
	if peer == "" {
		return ""
	}
	b, err := exec.CommandContext(ctx, peer, "--version").Output()
	if err != nil {
		return "ocrmypdf"
	}
	return "ocrmypdf " + strings.TrimSpace(string(b))
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}
