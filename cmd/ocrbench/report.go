package main

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"

	"handbooks/indexer/ocr"
)

const (
	sectionStart = "<!-- ocrbench: start -->"
	sectionEnd   = "<!-- ocrbench: end -->"
)

// markdown writes the results section.
func markdown(eng *ocr.Engine, peer string, pages []sourcePage, rows []row, domain string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n## OCR of scanned pages (%s)\n\n", sectionStart, time.Now().UTC().Format("2006-01-02 15:04 UTC"))
	fmt.Fprintf(&b, "Produced by `go run ./cmd/ocrbench` (see its doc comment): %d pages with a text layer (from the sample library and `../shared/corpus/domain`, documents in turn) rendered by pdftoppm and wrapped as image-only PDFs of up to %d pages per condition; the reference is the page's original text layer. ", len(pages), pagesPerFile)
	fmt.Fprintf(&b, "Word F1 is the mean over pages; pages/s is wall clock on %d cores for the whole condition. `handbooks index` (%s, one worker per core, one single-threaded Tesseract per page) against %s (`--jobs %d --output-type pdf --optimize 0 --sidecar`), in the same run; ocrmypdf also writes a new PDF, which we skip.\n\n",
		runtime.NumCPU(), eng.Version(), orNone(peer), runtime.NumCPU())
	b.WriteString("| condition | handbooks F1 | ocrmypdf F1 | handbooks pages/s | ocrmypdf pages/s | ratio | lost (ours / theirs) | unchanged re-run |\n")
	b.WriteString("| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |\n")
	for _, r := range rows {
		pf, pp, ratio, lost := "–", "–", "–", fmt.Sprintf("%d / –", r.Ours.Lost)
		if r.Peer != nil {
			pf = fmt.Sprintf("%.3f", r.Peer.meanF1())
			pp = fmt.Sprintf("%.2f", r.Peer.pagesPerSecond())
			if r.Peer.pagesPerSecond() > 0 {
				ratio = fmt.Sprintf("%.2f×", r.Ours.pagesPerSecond()/r.Peer.pagesPerSecond())
			}
			lost = fmt.Sprintf("%d / %d", r.Ours.Lost, r.Peer.Lost)
		}
		fmt.Fprintf(&b, "| %s | %.3f (min %.3f) | %s | %.2f | %s | %s | %s | %s |\n", r.Cond.Name, r.Ours.meanF1(), minOf(r.Ours.F1), pf,
			r.Ours.pagesPerSecond(), pp, ratio, lost, r.Unchanged)
	}
	for _, r := range rows {
		if r.Peer != nil && r.Peer.Note != "" {
			fmt.Fprintf(&b, "\nocrmypdf on %s: %s\n", r.Cond.Name, r.Peer.Note)
		}
	}
	if domain != "" {
		b.WriteString("\n" + domain)
	}
	fmt.Fprintf(&b, "\n%s\n", sectionEnd)
	return b.String()
}

func orNone(s string) string {
	if s == "" {
		return "no peer (ocrmypdf not installed)"
	}
	return s
}

func minOf(f []float64) float64 {
	if len(f) == 0 {
		return 0
	}
	m := f[0]
	for _, x := range f {
		m = min(m, x)
	}
	return m
}

// writeSection puts the section into the file: in place of an earlier
// one, else after the file's introduction (before its first "## ").
func writeSection(path, section string) error {
	b, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	s := string(b)
	if i, j := strings.Index(s, sectionStart), strings.Index(s, sectionEnd); i >= 0 && j > i {
		s = s[:i] + strings.TrimSuffix(section, "\n") + s[j+len(sectionEnd):]
	} else if k := strings.Index(s, "\n## "); k >= 0 {
		s = s[:k+1] + section + "\n" + s[k+1:]
	} else {
		s += "\n" + section
	}
	return os.WriteFile(path, []byte(s), 0o644)
}
