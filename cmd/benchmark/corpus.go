package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"handbooks/cmd/benchmark/synth"
)

// corpusVersion changes when the way corpora are built changes, so cached
// corpora of an older version are rebuilt.
const corpusVersion = 2

// Corpus is a library folder built for the benchmark.
type Corpus struct {
	Name      string `json:"name"` // e.g. domain×20, synthetic
	Kind      string `json:"kind"` // domain, synth, wild
	Dir       string `json:"dir"`
	Files     int    `json:"files"`
	Pages     int    `json:"pages"`
	TextBytes int64  `json:"text_bytes"` // extracted text (pdftotext for real PDFs)
	Version   int    `json:"version"`
	// Sample lists files (relative to Dir) of about sampleExtractPages pages
	// for the extraction comparison.
	Sample      []string `json:"sample"`
	SamplePages int      `json:"sample_pages"`
}

const manifestName = ".benchmark-corpus.json"

// sampleExtractPages is the size of the extraction sample of a corpus.
const sampleExtractPages = 500

// loadCached returns the corpus cached in dir, if complete and current.
func loadCached(dir string) (*Corpus, bool) {
	b, err := os.ReadFile(filepath.Join(dir, manifestName))
	if err != nil {
		return nil, false
	}
	var c Corpus
	if json.Unmarshal(b, &c) != nil || c.Version != corpusVersion {
		return nil, false
	}
	c.Dir = dir
	return &c, true
}

func (c *Corpus) save() error {
	c.Version = corpusVersion
	b, _ := json.MarshalIndent(c, "", "  ")
	return os.WriteFile(filepath.Join(c.Dir, manifestName), b, 0o644)
}

// sourceFile is one real PDF with its page count and text size.
type sourceFile struct {
	Name      string
	Pages     int
	TextBytes int64
}

var pagesRe = regexp.MustCompile(`(?m)^Pages:\s+(\d+)`)

// measureSource counts the pages (pdfinfo) and text bytes (pdftotext) of the
// PDFs in dir. Files poppler cannot read count as 0 pages.
func measureSource(ctx context.Context, dir string) ([]sourceFile, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []sourceFile
	for _, path := range names {
		sf := sourceFile{Name: filepath.Base(path)}
		if info, err := exec.CommandContext(ctx, "pdfinfo", path).Output(); err == nil {
			if m := pagesRe.FindSubmatch(info); m != nil {
				sf.Pages, _ = strconv.Atoi(string(m[1]))
			}
		}
		if text, err := exec.CommandContext(ctx, "pdftotext", "-q", "-enc", "UTF-8", path, "-").Output(); err == nil {
			sf.TextBytes = int64(len(text))
		}
		out = append(out, sf)
	}
	return out, nil
}

// buildDomain copies the PDFs of src into copies folders under dir, each
// copy made unique by rewriting the binary comment on the file's second line
// (same length, so offsets stay valid), with a catalog whose rows vary
// titles, types, regions, tags, publishers and years deterministically.
func buildDomain(ctx context.Context, src, dir string, copies int, logf func(string, ...any)) (*Corpus, error) {
	if c, ok := loadCached(dir); ok {
		return c, nil
	}
	logf("building corpus", "dir", dir, "copies", copies)
	files, err := measureSource(ctx, src)
	if err != nil {
		return nil, err
	}
	rows, err := readCatalog(filepath.Join(src, "catalog.csv"))
	if err != nil {
		return nil, err
	}
	os.RemoveAll(dir)
	c := &Corpus{Name: fmt.Sprintf("domain×%d", copies), Kind: "domain", Dir: dir}
	var out []synth.Row
	for k := range copies {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		sub := fmt.Sprintf("copy%04d", k)
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return nil, err
		}
		r := rand.New(rand.NewPCG(uint64(k), 0xD0))
		for _, f := range files {
			b, err := os.ReadFile(filepath.Join(src, f.Name))
			if err != nil {
				return nil, err
			}
			markCopy(b, k)
			rel := sub + "/" + f.Name
			if err := os.WriteFile(filepath.Join(dir, rel), b, 0o644); err != nil {
				return nil, err
			}
			c.Files++
			c.Pages += f.Pages
			c.TextBytes += f.TextBytes
			if k == 0 {
				c.Sample = append(c.Sample, rel)
				c.SamplePages += f.Pages
			}
			if row, ok := rows[f.Name]; ok {
				out = append(out, varyRow(r, row, k, rel))
			}
		}
	}
	if err := synth.WriteCatalog(filepath.Join(dir, "catalog.csv"), out); err != nil {
		return nil, err
	}
	return c, c.save()
}

// markCopy overwrites the high bytes of a "%" comment on the second line of
// a PDF with the copy number, keeping them ≥ 0x80 and the length unchanged.
func markCopy(b []byte, k int) {
	nl := strings.IndexAny(string(b[:min(len(b), 64)]), "\r\n")
	if nl < 0 {
		return
	}
	i := nl
	for i < len(b) && (b[i] == '\r' || b[i] == '\n') {
		i++
	}
	if i+5 > len(b) || b[i] != '%' {
		return
	}
	for j := 1; j <= 4; j++ {
		if b[i+j] < 0x80 {
			return
		}
	}
	for j := 1; j <= 4; j++ {
		b[i+j] = 0x80 | byte(k>>(7*(j-1))&0x7f)
	}
}

// varyRow derives the catalog row of copy k from an original row: the title
// gains a topic, and types, regions, tags, publisher and year are redrawn
// for all copies but the first.
func varyRow(r *rand.Rand, row synth.Row, k int, file string) synth.Row {
	row.File = file
	if k == 0 {
		return row
	}
	orig := row
	synth.RandomMeta(r, &row)
	row.Title = fmt.Sprintf("%s — %s", orig.Title, synth.Tags[r.IntN(len(synth.Tags))])
	row.Tags = append([]string{orig.Tags[0]}, row.Tags...)
	row.Language = orig.Language
	row.Summary = orig.Summary
	return row
}

// readCatalog reads a catalog.csv into rows by file name.
func readCatalog(path string) (map[string]synth.Row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cr := csv.NewReader(f)
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	get := func(rec []string, k string) string {
		if i, ok := col[k]; ok && i < len(rec) {
			return rec[i]
		}
		return ""
	}
	multi := func(s string) []string {
		if s == "" {
			return nil
		}
		return strings.Split(s, ";")
	}
	rows := map[string]synth.Row{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		year, _ := strconv.Atoi(get(rec, "year"))
		r := synth.Row{File: get(rec, "file"), Title: get(rec, "title"), Types: multi(get(rec, "types")),
			Regions: multi(get(rec, "regions")), Countries: multi(get(rec, "countries")),
			Tags: multi(get(rec, "tags")), Publisher: multi(get(rec, "publisher")), Year: year,
			Edition: get(rec, "edition"), Language: get(rec, "language"), Summary: get(rec, "summary"),
			URL: get(rec, "url")}
		if len(r.Tags) == 0 {
			r.Tags = []string{"trafficking"}
		}
		rows[r.File] = r
	}
	return rows, nil
}

// buildSynth generates (or reuses) a synthetic corpus of about pages pages.
func buildSynth(ctx context.Context, dir string, pages, workers int, logf func(string, ...any)) (*Corpus, error) {
	if c, ok := loadCached(dir); ok {
		return c, nil
	}
	logf("generating synthetic corpus", "dir", dir, "pages", pages)
	os.RemoveAll(dir)
	counts := synth.Plan(synthSeed, pages)
	rows, textBytes, err := synth.Generate(ctx, dir, synthSeed, pages, workers)
	if err != nil {
		return nil, err
	}
	c := &Corpus{Name: "synthetic", Kind: "synth", Dir: dir, Files: len(rows), Pages: pages, TextBytes: textBytes}
	for i, row := range rows {
		if c.SamplePages >= sampleExtractPages {
			break
		}
		c.Sample = append(c.Sample, row.File)
		c.SamplePages += counts[i]
	}
	return c, c.save()
}

const synthSeed = 20240601

// wildCorpus describes the wild test PDFs in place (they are never copied).
func wildCorpus(ctx context.Context, cacheDir, src string) (*Corpus, error) {
	if c, ok := loadCached(cacheDir); ok {
		c.Dir = src
		return c, nil
	}
	c := &Corpus{Name: "wild", Kind: "wild", Dir: src}
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(strings.ToLower(path), ".pdf") {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		c.Files++
		c.Sample = append(c.Sample, rel)
		if info, err := exec.CommandContext(ctx, "pdfinfo", path).Output(); err == nil {
			if m := pagesRe.FindSubmatch(info); m != nil {
				n, _ := strconv.Atoi(string(m[1]))
				c.Pages += n
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	c.SamplePages = c.Pages
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return nil, err
	}
	saved := *c
	saved.Dir = cacheDir
	if err := saved.save(); err != nil {
		return nil, err
	}
	return c, nil
}
