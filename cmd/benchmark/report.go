package main

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"time"
)

const reportHeader = `# Benchmarks

Produced by ` + "`go run ./cmd/benchmark`" + ` (see its doc comment for the flags); each run adds a
section at the top, so older results stay below for trends. Every comparison is a ratio
measured in the same run on the same machine; a figure is the median of the runs shown.

`

// writeReport puts the section of res at the top of the results file,
// keeping older sections.
func writeReport(path string, res *Results) error {
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	older := string(old)
	if i := strings.Index(older, "\n## "); i >= 0 {
		older = older[i+1:]
	} else if !strings.HasPrefix(older, "## ") {
		older = ""
	}
	var b strings.Builder
	b.WriteString(reportHeader)
	section(&b, res)
	if older != "" {
		b.WriteString("\n")
		b.WriteString(older)
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

func mb(n int64) string {
	x := float64(n) / (1 << 20)
	if x < 10 {
		return fmt.Sprintf("%.1f", x)
	}
	return fmt.Sprintf("%.0f", x)
}

func f1(x float64) string {
	switch {
	case x >= 100:
		return fmt.Sprintf("%.0f", x)
	case x >= 10:
		return fmt.Sprintf("%.1f", x)
	}
	return fmt.Sprintf("%.2f", x)
}

func ratio(a, b float64) string {
	if a <= 0 || b <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f×", a/b)
}

func section(b *strings.Builder, res *Results) {
	m := res.Machine
	fmt.Fprintf(b, "## %s\n\n", res.Started.UTC().Format("2006-01-02 15:04 UTC"))
	fmt.Fprintf(b, "Command: `%s` at commit %s (took %s).\n\n", res.Command, res.Commit, res.Elapsed.Round(time.Second))
	fmt.Fprintf(b, "Machine: %s, %d cores, %.1f GiB memory, %s, Linux %s. Shared with other work while it ran.\n",
		m.CPU, m.Cores, float64(m.MemoryMB)/1024, m.Go, m.Kernel)
	if m.ProcessStarts > 0 {
		fmt.Fprintf(b, "Process starts: %.0f runs of /bin/true per second (%.2f ms each), one after the other; load average %s when the run began.\n",
			m.ProcessStarts, 1000/m.ProcessStarts, m.LoadAverage)
	}
	var pk []string
	for _, p := range peerPackages {
		if v, ok := m.Tools[p]; ok {
			pk = append(pk, fmt.Sprintf("%s %s", p, v))
		} else {
			pk = append(pk, p+" (not installed)")
		}
	}
	fmt.Fprintf(b, "Peers (Debian packages): %s. The load client is this command's own (it cycles through\n"+
		"the query mix); wrk, also installed here, is not used.\n\n", strings.Join(pk, ", "))

	b.WriteString("| corpus | files | pages | extracted text | text per page |\n| --- | ---: | ---: | ---: | ---: |\n")
	for _, c := range res.Corpora {
		text, per := "–", "–"
		if c.TextBytes > 0 {
			text = mb(c.TextBytes) + " MB"
			per = fmt.Sprintf("%.1f KB", float64(c.TextBytes)/float64(c.Pages)/1024)
		}
		fmt.Fprintf(b, "| %s | %d | %d | %s | %s |\n", c.Name, c.Files, c.Pages, text, per)
	}
	b.WriteString("\n")

	if len(res.Extraction) > 0 {
		b.WriteString("### Extraction: pages/s, one file at a time, each tool pinned to one core\n\n")
		b.WriteString("| sample | files | pages | runs | pdftotext | handbooks extract | ÷ pdftotext | extract-worker (batch) | ÷ pdftotext | files failed (pdftotext / extract / worker) |\n")
		b.WriteString("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
		for _, r := range res.Extraction {
			batch := "–"
			if r.BatchPPS > 0 {
				batch = f1(r.BatchPPS)
			}
			fmt.Fprintf(b, "| %s | %d | %d | %d | %s | %s | %s | %s | %s | %d / %d / %d |\n", r.Corpus, r.Files, r.Pages, r.Runs,
				f1(r.PdftotextPPS), f1(r.OursPPS), ratio(r.OursPPS, r.PdftotextPPS), batch, ratio(r.BatchPPS, r.PdftotextPPS),
				r.PopplerFailed, r.OursFailed, r.BatchFailed)
		}
		b.WriteString("\npdftotext and `handbooks extract` run once per file (process start included); the extract-worker\n" +
			"column is the indexer's own path: one worker process reading file after file.\n\n")
	}

	if len(res.Indexing) > 0 {
		b.WriteString("### Indexing from an empty index, end to end (all cores)\n\n")
		b.WriteString("| corpus | pages | system | runs | pages/s | ÷ omindex | wall s | CPU s | pages/CPU-s | peak RSS MB | index MB | index ÷ text | + cache MB | unchanged re-run s | first ÷ re-run |\n")
		b.WriteString("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
		for _, r := range res.Indexing {
			var om float64
			for _, o := range res.Indexing {
				if o.Corpus == r.Corpus && o.System == "omindex" {
					om = o.PPS
				}
			}
			rr, rerun := "–", "–"
			if r.Rerun > 0 {
				rerun = f1(r.Rerun)
				rr = ratio(r.Seconds, r.Rerun)
			}
			cache, perCPU := "–", "–"
			if r.CacheBytes > 0 {
				cache = mb(r.CacheBytes)
			}
			if r.CPUSeconds > 0 {
				perCPU = f1(float64(r.Pages) / r.CPUSeconds)
			}
			fmt.Fprintf(b, "| %s | %d | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
				r.Corpus, r.Pages, r.System, r.Runs, f1(r.PPS), ratio(r.PPS, om), f1(r.Seconds), f1(r.CPUSeconds), perCPU,
				mb(r.PeakRSS), mb(r.IndexBytes), ratio(float64(r.IndexBytes), float64(r.TextBytes)), cache, rerun, rr)
		}
		b.WriteString("\nPeak RSS is the largest sum over the process tree (omindex and recollindex run pdftotext\n" +
			"as children; ours may run extraction workers). Extracted text is pdftotext's output for real PDFs and the\n" +
			"generator's text for synthetic ones. Our index folder also keeps a compressed cache of extracted text\n" +
			"(for incremental runs), shown apart. CPU s counts the whole process tree; omindex and recollindex use\n" +
			"about one core, ours all of them. omindex and recollindex keep document-level positions; ours keeps\n" +
			"page-level positions and passages.\n\n")
	}

	if len(res.Queries) > 0 {
		b.WriteString("### Queries over HTTP: closed loop, load client in a separate process on the same cores\n\n")
		b.WriteString("| corpus | system | clients | runs | req/s | ÷ omega | p50 ms | p95 ms | p99 ms | errors | server RSS MB |\n")
		b.WriteString("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
		for _, r := range res.Queries {
			var om float64
			for _, o := range res.Queries {
				if o.Corpus == r.Corpus && o.Clients == r.Clients && o.System == "omega" {
					om = o.Throughput
				}
			}
			fmt.Fprintf(b, "| %s | %s | %d | %d | %s | %s | %s | %s | %s | %d | %s |\n", r.Corpus, r.System, r.Clients, r.Runs,
				f1(r.Throughput), ratio(r.Throughput, om), f1(r.P50), f1(r.P95), f1(r.P99), r.Errors, mb(r.RSS))
		}
		b.WriteString("\nThe mix: 40% 1–3 words drawn from the corpus vocabulary (Zipf over frequency ranks), 10% quoted\n" +
			"phrases that occur in the text, 25% words with 1–3 filters (type, region, tag, year_from), 10% result\n" +
			"pages 3–20, 15% suggestions of a 2–5 letter prefix. Ours answers with all facets and page passages.\n" +
			"Omega gets the same text (filters dropped, since omindex has no catalog metadata; a suggestion\n" +
			"becomes a search for the prefix; deep pages via TOPDOC) through its default `query` template,\n" +
			"one CGI process per request behind lighttpd; its RSS is lighttpd's plus the CGI processes'.\n\n")
		for _, r := range res.Queries {
			if r.FirstError != "" {
				fmt.Fprintf(b, "- first error of %s with %d clients: `%s`\n", r.System, r.Clients, tail(r.FirstError, 200))
			}
		}
	}

	if len(res.InProcess) > 0 {
		b.WriteString("### The search package in process (same mix, no HTTP)\n\n")
		b.WriteString("| corpus | goroutines | queries/s | p50 ms | p99 ms | errors |\n| --- | ---: | ---: | ---: | ---: | ---: |\n")
		for _, r := range res.InProcess {
			fmt.Fprintf(b, "| %s | %d | %s | %s | %s | %d |\n", r.Corpus, r.Goroutines, f1(r.Throughput), f1(r.P50), f1(r.P99), r.Errors)
		}
		b.WriteString("\n")
	}

	goals(b, res)

	if len(res.Profiles) > 0 {
		b.WriteString("### Where our time goes: CPU profiles (`go tool pprof -top`)\n\n")
		for _, p := range res.Profiles {
			fmt.Fprintf(b, "%s:\n\n```\n%s\n```\n\n", p.Name, p.Top)
		}
	}

	if len(res.Notes) > 0 {
		b.WriteString("### Notes\n\n")
		for _, n := range res.Notes {
			fmt.Fprintf(b, "- %s\n", n)
		}
		b.WriteString("\n")
	}
}

// goals compares the run with the goals of the benchmarks issue.
func goals(b *strings.Builder, res *Results) {
	var lines []string
	mark := func(ok bool) string {
		if ok {
			return "met"
		}
		return "**not met**"
	}
	// Indexing and size goals, on the largest corpus measured.
	byCorpus := map[string]map[string]IndexRow{}
	var names []string
	for _, r := range res.Indexing {
		if byCorpus[r.Corpus] == nil {
			byCorpus[r.Corpus] = map[string]IndexRow{}
			names = append(names, r.Corpus)
		}
		byCorpus[r.Corpus][r.System] = r
	}
	sort.SliceStable(names, func(i, j int) bool {
		return byCorpus[names[i]]["handbooks"].Pages < byCorpus[names[j]]["handbooks"].Pages
	})
	for _, n := range names {
		ours, ok := byCorpus[n]["handbooks"]
		if !ok {
			continue
		}
		if om, ok := byCorpus[n]["omindex"]; ok {
			x := ours.PPS / om.PPS
			lines = append(lines, fmt.Sprintf("%s: indexing %.2f× omindex's pages/s (goal ≥ 2×): %s", n, x, mark(x >= 2)))
		}
		if ours.Rerun > 0 {
			x := ours.Seconds / ours.Rerun
			lines = append(lines, fmt.Sprintf("%s: unchanged re-run %.1f× faster than the first (goal ≥ 20×): %s", n, x, mark(x >= 20)))
		}
		if ours.TextBytes > 0 {
			x := float64(ours.IndexBytes) / float64(ours.TextBytes)
			lines = append(lines, fmt.Sprintf("%s: index %.2f× the extracted text (goal ≤ 3×): %s; with the extraction cache %.2f×",
				n, x, mark(x <= 3), float64(ours.IndexBytes+ours.CacheBytes)/float64(ours.TextBytes)))
		}
	}
	lines = append(lines, queryGoals(res, mark)...)
	if len(lines) == 0 {
		return
	}
	b.WriteString("### Against the goals\n\n")
	for _, l := range lines {
		fmt.Fprintf(b, "- %s\n", l)
	}
	b.WriteString("\n")
}

// queryGoals are the query goals of the issue on query cost at 10^5–10^6
// pages: at ~100,000 pages, 8 clients ≥ 1.5× Omega's requests/s with p99
// ≤ 25 ms, 32 clients p99 ≤ 60 ms and no fewer requests/s than 8, in
// process ≥ 800 queries/s with p99 ≤ 15 ms at 2 goroutines; at 10^6
// pages, 8 clients p99 ≤ 100 ms and server RSS ≤ 1.5 GB.
func queryGoals(res *Results, mark func(bool) string) []string {
	var lines []string
	find := func(corpus, system string, clients int) (QueryRow, bool) {
		for _, o := range res.Queries {
			if o.Corpus == corpus && o.System == system && o.Clients == clients {
				return o, true
			}
		}
		return QueryRow{}, false
	}
	for _, r := range res.Queries {
		if r.System != "handbooks" || r.Clients != 8 || r.Pages < 50000 {
			continue
		}
		huge := r.Pages >= 500000
		if om, ok := find(r.Corpus, "omega", 8); ok && om.Throughput > 0 && !huge {
			lines = append(lines, fmt.Sprintf("%s, 8 clients: %.0f req/s = %.2f× Omega's (goal ≥ 1.5×): %s",
				r.Corpus, r.Throughput, r.Throughput/om.Throughput, mark(r.Throughput >= 1.5*om.Throughput)))
		}
		p99Goal := 25.0
		if huge {
			p99Goal = 100
		}
		lines = append(lines, fmt.Sprintf("%s, 8 clients: p99 %.1f ms (goal ≤ %.0f ms): %s", r.Corpus, r.P99, p99Goal, mark(r.P99 <= p99Goal)))
		if r32, ok := find(r.Corpus, "handbooks", 32); ok && !huge {
			lines = append(lines, fmt.Sprintf("%s, 32 clients: p99 %.1f ms (goal ≤ 60 ms): %s; %.0f req/s against %.0f at 8 clients (goal: not fewer): %s",
				r.Corpus, r32.P99, mark(r32.P99 <= 60), r32.Throughput, r.Throughput, mark(r32.Throughput >= r.Throughput)))
		}
		var rss int64
		for _, o := range res.Queries {
			if o.Corpus == r.Corpus && o.System == "handbooks" {
				rss = max(rss, o.RSS)
			}
		}
		rssGoal, rssName := int64(300<<20), "300 MB at ~100,000 pages"
		if huge {
			rssGoal, rssName = 1536<<20, "1.5 GB at 10⁶ pages"
		}
		lines = append(lines, fmt.Sprintf("%s: server RSS at most %s MB under load (goal ≤ %s): %s",
			r.Corpus, mb(rss), rssName, mark(rss <= rssGoal)))
	}
	for _, r := range res.InProcess {
		if r.Goroutines != 2 || r.Pages < 50000 || r.Pages >= 500000 {
			continue
		}
		lines = append(lines, fmt.Sprintf("%s, in process, 2 goroutines: %.0f queries/s (goal ≥ 800): %s; p99 %.1f ms (goal ≤ 15 ms): %s",
			r.Corpus, r.Throughput, mark(r.Throughput >= 800), r.P99, mark(r.P99 <= 15)))
	}
	return lines
}
