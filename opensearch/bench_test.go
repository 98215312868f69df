package opensearch

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"handbooks/cmd/benchmark/synth"
	"handbooks/search"
)

// go test ./opensearch -run TestCompareBackends -opensearch.bench 100000 -v
// indexes the same synthetic library of about that many pages with both
// backends and runs the same query mix against both, in this process, on
// the cluster of HANDBOOKS_OPENSEARCH_URL; it prints the figures that
// BENCHMARKS.md reports. Nothing is asserted about speed.
var benchPages = flag.Int("opensearch.bench", 0, "pages of the synthetic library of TestCompareBackends (0: skip)")

var benchClients = flag.Int("opensearch.clients", 8, "concurrent clients of TestCompareBackends")

var benchQueriesN = flag.Int("opensearch.queries", 700, "queries of the mix of TestCompareBackends")

type searcher interface {
	Search(context.Context, search.Request) (*search.Result, error)
}

// benchLibrary turns the benchmark's synthetic handbooks into documents.
func benchLibrary(pages int) ([]search.Document, []*synth.Vocab) {
	var vocabs []*synth.Vocab
	for i := range synth.Languages {
		vocabs = append(vocabs, synth.NewVocab(&synth.Languages[i]))
	}
	var docs []search.Document
	for i, n := range synth.Plan(7, pages) {
		h := synth.NewHandbook(vocabs, 7, i, n)
		r := h.Row
		d := search.Document{ID: "s" + strconv.Itoa(i), File: r.File, Title: r.Title, Types: r.Types,
			Regions: r.Regions, Countries: r.Countries, Tags: r.Tags, Publishers: r.Publisher, Year: r.Year,
			Edition: r.Edition, Language: r.Language, Summary: r.Summary, PageCount: len(h.Doc.Pages), Outcome: "indexed"}
		for p, lines := range h.Doc.Pages {
			var b strings.Builder
			for _, l := range lines {
				b.WriteString(l.Text)
				b.WriteByte('\n')
			}
			d.Pages = append(d.Pages, search.Page{Number: p + 1, Text: b.String()})
		}
		docs = append(docs, d)
	}
	return docs, vocabs
}

// benchQueries is the query mix: one and two words of the field, a
// phrase, a prefix, a word with a filter, a deep page and a sort by date.
func benchQueries(vocabs []*synth.Vocab, n int) []search.Request {
	r := rand.New(rand.NewPCG(11, 12))
	words := vocabs[0].FieldWords()
	w := func() string { return words[r.IntN(min(len(words), 200))] }
	var out []search.Request
	for len(out) < n {
		switch len(out) % 7 {
		case 0:
			out = append(out, search.Request{Query: w()})
		case 1:
			out = append(out, search.Request{Query: w() + " " + w()})
		case 2:
			out = append(out, search.Request{Query: `"` + w() + " " + w() + `"`})
		case 3:
			p := w()
			out = append(out, search.Request{Query: p[:min(len(p), 4)] + "*"})
		case 4:
			out = append(out, search.Request{Query: w(), Filters: search.Filters{Types: []string{"Guidance"}}})
		case 5:
			out = append(out, search.Request{Query: w(), Page: 5})
		case 6:
			out = append(out, search.Request{Query: w(), Sort: "newest"})
		}
	}
	return out
}

type loadFigures struct {
	rps, p50, p99 time.Duration
	qps           float64
	errors        int
}

func runLoad(ctx context.Context, s searcher, qs []search.Request, clients int) loadFigures {
	lat := make([]time.Duration, len(qs))
	var next, errs int
	var mu sync.Mutex
	start := time.Now()
	var wg sync.WaitGroup
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= len(qs) {
					return
				}
				t := time.Now()
				_, err := s.Search(ctx, qs[i])
				lat[i] = time.Since(t)
				if err != nil {
					mu.Lock()
					errs++
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	el := time.Since(start)
	slices.Sort(lat)
	return loadFigures{qps: float64(len(qs)) / el.Seconds(), p50: lat[len(lat)/2], p99: lat[len(lat)*99/100], errors: errs}
}

func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

// rssOf reads VmRSS of a process, in bytes.
func rssOf(pid string) int64 {
	b, err := os.ReadFile("/proc/" + pid + "/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}

func putAll(t *testing.T, u generation, docs []search.Document) time.Duration {
	ctx := context.Background()
	start := time.Now()
	for i := 0; i < len(docs); i += 100 {
		if err := u.Put(ctx, docs[i:min(i+100, len(docs))]...); err != nil {
			t.Fatal(err)
		}
	}
	u.SetPlaces(search.Places{})
	if err := u.Commit(ctx, search.RunInfo{Finished: time.Now(), Documents: len(docs)}, nil); err != nil {
		t.Fatal(err)
	}
	return time.Since(start)
}

func TestCompareBackends(t *testing.T) {
	if *benchPages == 0 {
		t.Skip("a measurement: run with -opensearch.bench PAGES")
	}
	cfg := testCluster(t)
	ctx := context.Background()
	docs, vocabs := benchLibrary(*benchPages)
	pages := 0
	for _, d := range docs {
		pages += len(d.Pages)
	}
	t.Logf("library: %d documents, %d pages", len(docs), pages)

	dir := t.TempDir()
	bs, err := search.OpenStore(dir, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	bu, err := bs.Begin(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	bleveTime := putAll(t, bu, docs)
	bleveSize := dirSize(dir)

	st, err := OpenStore(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ou, err := st.Begin(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	osTime := putAll(t, ou, docs)
	var stats struct {
		All struct {
			Total struct {
				Store struct {
					Bytes int64 `json:"size_in_bytes"`
				} `json:"store"`
			} `json:"total"`
		} `json:"_all"`
	}
	if err := st.c.do(ctx, "GET", "/"+cfg.Prefix+"-g-*/_stats/store", nil, &stats); err != nil {
		t.Fatal(err)
	}
	docs = nil // only the indexes hold the library now

	bx, err := search.Open(dir, search.Options{ReloadInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer bx.Close()
	ox, err := Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	qs := benchQueries(vocabs, *benchQueriesN)
	t.Logf("indexed: Bleve %v, OpenSearch %v", bleveTime.Round(time.Millisecond), osTime.Round(time.Millisecond))
	// Warm both up with a tenth of the mix, then measure each on all of it.
	runLoad(ctx, bx, qs[:len(qs)/10], *benchClients)
	runLoad(ctx, ox, qs[:len(qs)/10], *benchClients)
	bl := runLoad(ctx, bx, qs, *benchClients)
	t.Logf("Bleve: %d queries at %.1f/s", len(qs), bl.qps)
	ol := runLoad(ctx, ox, qs, *benchClients)

	jvm := int64(0)
	if d := os.Getenv("HANDBOOKS_OPENSEARCH_DIR"); d != "" {
		matches, _ := filepath.Glob(filepath.Join(d, "node-*.pid"))
		for _, m := range matches {
			b, _ := os.ReadFile(m)
			jvm += rssOf(strings.TrimSpace(string(b)))
		}
	}
	load, _ := os.ReadFile("/proc/loadavg")
	mb := func(n int64) string { return fmt.Sprintf("%.0f MB", float64(n)/(1<<20)) }
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
	t.Logf("load average before the queries: %s", strings.Fields(string(load))[:3])
	t.Logf("| backend | indexing pages/s | index size | queries/s (%d clients) | p50 | p99 | errors | RSS |", *benchClients)
	t.Logf("| Bleve (in process) | %.0f | %s | %.1f | %s | %s | %d | %s (whole test process) |",
		float64(pages)/bleveTime.Seconds(), mb(bleveSize), bl.qps, ms(bl.p50), ms(bl.p99), bl.errors, mb(rssOf("self")))
	t.Logf("| OpenSearch (1 node, client in process) | %.0f | %s | %.1f | %s | %s | %d | %s (JVM) |",
		float64(pages)/osTime.Seconds(), mb(stats.All.Total.Store.Bytes), ol.qps, ms(ol.p50), ms(ol.p99), ol.errors, mb(jvm))
	t.Logf("ratios OpenSearch/Bleve: indexing %.2f, queries/s %.2f, p50 %.2f, p99 %.2f, index size %.2f",
		bleveTime.Seconds()/osTime.Seconds(), ol.qps/bl.qps, float64(ol.p50)/float64(bl.p50), float64(ol.p99)/float64(bl.p99),
		float64(stats.All.Total.Store.Bytes)/float64(bleveSize))
}
