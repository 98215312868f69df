package main

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"handbooks/indexer/pdftext"
)

// printFolder prints the summary table of one folder.
func printFolder(w io.Writer, dir string, results []fileResult) {
	outcomes := map[string]int{}
	var p, r, f []float64
	var got, want, glued, split, pages, refPages int
	var cpu, refCPU float64
	var missed []string
	for _, fr := range results {
		outcomes[fr.Outcome]++
		pages += fr.Pages
		refPages += fr.RefPages
		cpu += fr.CPU.Seconds()
		refCPU += fr.RefCPU.Seconds()
		if !fr.RefOK || fr.Score.Want == 0 {
			continue
		}
		s := fr.Score
		p = append(p, s.Precision())
		r = append(r, s.Recall())
		f = append(f, s.F1())
		got += s.Got
		want += s.Want
		glued += s.Glued
		split += s.Split
		if fr.Outcome != pdftext.OutcomeOK || s.Got == 0 {
			missed = append(missed, filepath.Base(fr.Path)+" ("+fr.Outcome+")")
		}
	}
	fmt.Fprintf(w, "== %s: %d files\n", dir, len(results))
	var keys []string
	for k := range outcomes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s %d", k, outcomes[k]))
	}
	fmt.Fprintf(w, "outcomes:            %s\n", strings.Join(parts, ", "))
	fmt.Fprintf(w, "scored files:        %d (pdftotext finds text)\n", len(f))
	for _, m := range []struct {
		name string
		v    []float64
	}{{"precision", p}, {"recall", r}, {"F1", f}} {
		med, mean := medianMean(m.v)
		fmt.Fprintf(w, "%-20s median %.4f  mean %.4f\n", m.name+":", med, mean)
	}
	fmt.Fprintf(w, "glued words:         %.2f%% of our words\n", 100*ratio(glued, got))
	fmt.Fprintf(w, "split words:         %.2f%% of reference words\n", 100*ratio(split, want))
	fmt.Fprintf(w, "text missed:         %d of %d scored files (%.1f%%): pdftotext finds text, we find none or fail\n",
		len(missed), len(f), 100*ratio(len(missed), len(f)))
	for _, m := range missed {
		fmt.Fprintf(w, "                     %s\n", m)
	}
	fmt.Fprintf(w, "pages/s (CPU):       ours %.1f (%d pages, %.2fs)  pdftotext %.1f (%d pages, %.2fs)\n",
		perSecond(pages, cpu), pages, cpu, perSecond(refPages, refCPU), refPages, refCPU)
}

// printWorst lists the n scored files with the lowest F1.
func printWorst(w io.Writer, results []fileResult, n int) {
	var scored []fileResult
	for _, fr := range results {
		if fr.RefOK && fr.Score.Want > 0 {
			scored = append(scored, fr)
		}
	}
	sort.SliceStable(scored, func(i, j int) bool { return scored[i].Score.F1() < scored[j].Score.F1() })
	if n > len(scored) {
		n = len(scored)
	}
	fmt.Fprintf(w, "== worst %d files by F1\n", n)
	for _, fr := range scored[:n] {
		reason := ""
		if fr.Reason != "" {
			reason = "  (" + truncate(fr.Reason, 80) + ")"
		}
		fmt.Fprintf(w, "%.3f  P %.3f R %.3f  glued %d split %d  %-8s %s%s\n",
			fr.Score.F1(), fr.Score.Precision(), fr.Score.Recall(), fr.Score.Glued, fr.Score.Split,
			fr.Outcome, fr.Path, reason)
	}
}

// medianMean returns the median and the mean of v (0, 0 when empty).
func medianMean(v []float64) (median, mean float64) {
	if len(v) == 0 {
		return 0, 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	for _, x := range s {
		mean += x
	}
	mean /= float64(len(s))
	if len(s)%2 == 1 {
		return s[len(s)/2], mean
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2, mean
}

func perSecond(n int, secs float64) float64 {
	if secs == 0 {
		return 0
	}
	return float64(n) / secs
}

func truncate(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
