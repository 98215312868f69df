package main

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"handbooks/indexer"
	"handbooks/search"
)

// domainCheck indexes the real corpus with OCR on and says which pages
// needed OCR, what became of them, and whether searching for the words
// OCR read on a page finds that page.
func domainCheck(ctx context.Context, bin, work, corpus string) (string, error) {
	idx := filepath.Join(work, "domain-index")
	repPath := filepath.Join(work, "domain-report.json")
	if out, err := exec.CommandContext(ctx, bin, "index", "-library", corpus, "-index", idx, "-full", "-report", repPath, "-quiet").CombinedOutput(); err != nil {
		return "", fmt.Errorf("index %s: %v: %s", corpus, err, out)
	}
	rep, err := readReport(repPath)
	if err != nil {
		return "", err
	}
	x, err := search.Open(idx, search.Options{ReloadInterval: -1})
	if err != nil {
		return "", err
	}
	defer x.Close()
	var b strings.Builder
	o := rep.OCR
	fmt.Fprintf(&b, "Indexing `%s` (%d files) with OCR on: %d pages read by OCR (%d from the cache), %d still needing it, %d unreadable.\n\n",
		corpus, len(rep.Files), o.Pages, o.Cached, len(needing(rep)), o.Failed)
	found, tried := 0, 0
	for _, f := range rep.Files {
		for _, n := range f.OCRPages {
			pt, err := x.Page(ctx, f.ID, n, "")
			if err != nil {
				continue
			}
			q := distinctive(pt.Text, 4)
			if q == "" {
				continue
			}
			tried++
			res, err := x.Search(ctx, search.Request{Query: q, PerPage: 20})
			ok := false
			for _, h := range res.Hits {
				if h.ID == f.ID && slices.ContainsFunc(h.Pages, func(p search.PageHit) bool { return p.Page == n }) {
					ok = true
				}
			}
			if err == nil && ok {
				found++
			} else {
				fmt.Fprintf(&b, "- %s page %d: the query %q does not find the page\n", f.Path, n, q)
			}
		}
	}
	fmt.Fprintf(&b, "Searching for four distinctive words read on each OCR'd page finds that page for %d of %d pages.\n", found, tried)
	for _, f := range rep.Files {
		if strings.Contains(f.Path, "toolkit") {
			fmt.Fprintf(&b, "\n`%s`: page 23 %s.", f.Path, pageFate(f.OCRPages, f.NeedsOCR, f.PageErrors, 23))
		}
	}
	b.WriteString("\n")
	return b.String(), nil
}

// needing lists "file page" for the pages that still need OCR.
func needing(rep *indexer.Report) []string {
	var out []string
	for _, f := range rep.Files {
		for _, n := range f.NeedsOCR {
			out = append(out, fmt.Sprintf("%s %d", f.Path, n))
		}
	}
	return out
}

func pageFate(ocrd, needs []int, errs []string, n int) string {
	switch {
	case slices.Contains(ocrd, n):
		return "was read by OCR"
	case slices.Contains(needs, n):
		for _, e := range errs {
			if strings.HasPrefix(e, fmt.Sprintf("page %d:", n)) {
				return "needs OCR: " + e
			}
		}
		return "needs OCR"
	}
	return "was not sent to OCR: it has neither a text layer nor a picture to read (a blank page or a drawing)"
}

// distinctive picks the n longest words of a text, as a query.
func distinctive(text string, n int) string {
	ws := words(text)
	slices.SortStableFunc(ws, func(a, b string) int { return len([]rune(b)) - len([]rune(a)) })
	ws = slices.Compact(ws)
	var out []string
	for _, w := range ws {
		if len(out) == n {
			break
		}
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}
