package search_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"handbooks/indexer"
	"handbooks/search"
)

var update = flag.Bool("update", false, "rewrite the golden files of ranked results")

func TestMain(m *testing.M) {
	indexer.InitWorker() // the test binary doubles as the indexer's extraction worker
	flag.Parse()
	code := m.Run()
	for _, dir := range built {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

var (
	buildMu sync.Mutex
	built   = map[string]string{} // library → index dir
)

// indexLibrary indexes a library folder once per test binary with the real
// indexer and opens it.
func indexLibrary(t *testing.T, library string) *search.Index {
	t.Helper()
	if _, err := os.Stat(library); err != nil {
		t.Skipf("no library at %s", library)
	}
	buildMu.Lock()
	defer buildMu.Unlock()
	dir, ok := built[library]
	if !ok {
		var err error
		if dir, err = os.MkdirTemp("", "search-relevance-"); err != nil {
			t.Fatal(err)
		}
		built[library] = dir
		_, err = indexer.Run(context.Background(), indexer.Config{
			Library: library, Index: dir, Workers: 2, Timeout: 60 * time.Second,
			// Rankings must not depend on whether Tesseract is installed.
			NoOCR: true,
		})
		if err != nil {
			t.Fatalf("index %s: %v", library, err)
		}
	}
	x, err := search.Open(dir, search.Options{ReloadInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	return x
}

// judged is a query with the document and page a practitioner expects in
// the first three results (page 0: any page; doc "": no document has all
// the words).
type judged struct {
	q    string
	doc  string
	page int
}

// From the facts table of testdata/library/README.md.
var libraryJudgements = []judged{
	{"duty to notify", "ho-frt-2025", 4}, // the newest edition is the one shown
	{"within 72 hours of the encounter", "ho-frt-2025", 4},
	{"Independent Child Trafficking Guardian", "ho-frt-2025", 5},
	{"reasonable grounds decision", "ho-frt-2021", 4},
	{"Gangmasters and Labour Abuse Authority", "ho-frt-2021", 2},
	{"eleven indicators of forced labour", "ilo-labour-inspectors-2012", 3},
	{"retention of identity documents", "ilo-labour-inspectors-2012", 3},
	{"interviewing workers away from supervisors", "ilo-labour-inspectors-2012", 4},
	{"brick kiln advance rupees", "ilo-labour-inspectors-2012", 5},
	{"joint inspection protocol", "ilo-labour-inspectors-2012", 6},
	{"onze indicateurs du travail force", "ilo-labour-inspectors-2013-fr", 3},
	{"servitude pour dettes", "ilo-labour-inspectors-2013-fr", 3},
	{"traite des etres humains", "ilo-labour-inspectors-2013-fr", 6},
	{"national round table", "osce-nrm-2006", 5},
	{"independent national rapporteur", "osce-nrm-2006", 8},
	{"reflection period", "osce-nrm-2006", 7},
	{"reflection period", "iom-shelter-standards-2004", 2},
	{"национальный координатор", "odihr-nrm-2008-ru", 2},
	{"горячая линия", "odihr-nrm-2008-ru", 4},
	{"принцип ненаказания", "odihr-nrm-2008-ru", 4},
	{"individual reintegration plan", "iom-shelter-standards-2004", 3},
	{"complaints answered in writing", "iom-shelter-standards-2004", 5},
	{"camara gesell", "redlac-entrevista-ninez-2016", 3},
	{"interés superior del niño", "redlac-entrevista-ninez-2016", 2},
	{"medidas de proteccion", "redlac-entrevista-ninez-2016", 5},
	{"CSEC", "ho-frt-2025", 3},
	{"CSEC", "redlac-entrevista-ninez-2016", 4},
	{"five-step due diligence cycle", "rsa-forced-labor-dd-2023", 2},
	{"employer pays principle", "rsa-forced-labor-dd-2023", 3},
	{"Songkhla seafood", "rsa-forced-labor-dd-2023", 4},
	{"grievance mechanism", "rsa-forced-labor-dd-2023", 5},
	{"forced labour due diligence", "rsa-forced-labor-dd-2023", 0}, // labour/labor
	{"cannabis farm", "eatln-non-punishment", 3},
	{"expunge criminal records", "eatln-non-punishment", 4},
	{"parallel financial investigation", "unodc-following-money-vn-2022", 2},
	{"red flag VND", "unodc-following-money-vn-2022", 3},
	{"Hai Phong employment agency", "unodc-following-money-vn-2022", 5},
	{"retention period of six years", "envss-data-protection-2018", 3},
	{"DPIA", "envss-data-protection-2018", 4},
	{"model house rules", "", 0}, // only in the image of a scanned page
}

func TestLibraryRelevance(t *testing.T) {
	x := indexLibrary(t, filepath.Join("..", "testdata", "library"))
	var golden strings.Builder
	for _, j := range libraryJudgements {
		res, err := x.Search(context.Background(), search.Request{Query: j.q})
		if err != nil {
			t.Errorf("%q: %v", j.q, err)
			continue
		}
		fmt.Fprintf(&golden, "%s\n%s", j.q, ranked(res))
		if j.doc == "" {
			// No document has all the words: the result leaves some out
			// and says which.
			if res.Total != 0 && len(res.Relaxed) == 0 {
				t.Errorf("%q: %d results with every word, want none", j.q, res.Total)
			}
			continue
		}
		if !inTopThree(res, j.doc, j.page) {
			t.Errorf("%q: want %s page %d in the first three; got\n%s", j.q, j.doc, j.page, ranked(res))
		}
	}
	checkGolden(t, "library-ranked.txt", golden.String())
}

// inTopThree reports whether doc (or an edition of it) is among the first
// three hits with page among its pages shown.
func inTopThree(res *search.Result, doc string, page int) bool {
	for i, h := range res.Hits {
		if i == 3 {
			break
		}
		if h.ID != doc {
			continue
		}
		if page == 0 {
			return true
		}
		for _, p := range h.Pages {
			if p.Page == page {
				return true
			}
		}
	}
	// An edition grouped under another edition of the same work that has
	// the words too (the newer toolkit repeats the older one's sections):
	// the work is found; its pages are those of the edition shown.
	for i, h := range res.Hits {
		if i == 3 {
			break
		}
		for _, e := range h.OtherEditions {
			if e.ID == doc && len(h.Pages) > 0 {
				return true
			}
		}
	}
	return false
}

// ranked prints a result as a golden file line per hit.
func ranked(res *search.Result) string {
	var b strings.Builder
	for _, h := range res.Hits {
		fmt.Fprintf(&b, "\t%s", h.ID)
		for _, p := range h.Pages {
			fmt.Fprintf(&b, " p%d", p.Page)
		}
		fmt.Fprintf(&b, " (%d matching pages)\n", h.MatchingPages)
	}
	return b.String()
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./search -run %s -update)", err, t.Name())
	}
	if string(want) != got {
		t.Errorf("ranked results differ from %s (review, then go test ./search -run %s -update):\n%s", path, t.Name(), diffLines(string(want), got))
	}
}

func diffLines(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out strings.Builder
	for i := 0; i < max(len(al), len(bl)); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			fmt.Fprintf(&out, "-%s\n+%s\n", x, y)
		}
	}
	return out.String()
}

// TestDomainDutyToNotify: on the shared corpus, "duty to notify" gives the
// first responder toolkits and guide, at the pages of their duty-to-notify
// sections, in the first three results.
func TestDomainDutyToNotify(t *testing.T) {
	x := indexLibrary(t, filepath.Join("..", "..", "shared", "corpus", "domain"))
	res, err := x.Search(context.Background(), search.Request{Query: "duty to notify"})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(res.Hits)
	if len(res.Hits) == 0 {
		t.Fatal("no hits")
	}
	top := res.Hits[0]
	if !strings.Contains(top.ID, "first-responder-toolkit") && !strings.Contains(top.ID, "first-responder-guide") {
		t.Fatalf("first hit %s; want a first responder toolkit or guide", top.ID)
	}
	// The first page shown is the duty-to-notify section, with the phrase in its heading.
	p, err := x.Page(context.Background(), top.ID, top.Pages[0].Page, "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(strings.TrimSpace(strings.ToLower(p.Text)), "duty to notify") {
		t.Errorf("first page %d of %s starts %.80q; want the Duty to Notify section", top.Pages[0].Page, top.ID, p.Text)
	}
	found := false
	for _, h := range res.Hits[:min(3, len(res.Hits))] {
		for _, pg := range h.Pages {
			found = found || strings.Contains(pg.Snippet, "<mark>Duty</mark> to <mark>Notify</mark>")
		}
	}
	if !found {
		t.Errorf("no passage with the phrase in the first three: %s", b)
	}
	// The guide is long, but its page 9 is the section "4. Duty to Notify".
	const guide = "ukho-first-responder-guide-for-england-and-wales-4cffdc"
	if !inTopThree(res, guide, 9) {
		t.Errorf("want %s page 9 in the first three; got\n%s", guide, ranked(res))
	}
	checkGolden(t, "domain-duty-to-notify.txt", ranked(res))
}
