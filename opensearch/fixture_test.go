package opensearch

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"handbooks/search"
)

// The tests of this package run against a real cluster, never a mock:
// HANDBOOKS_OPENSEARCH_URL names its nodes (deploy/opensearch/run.sh
// starts one). Without it, or when it does not answer, they are skipped.
const envURL = "HANDBOOKS_OPENSEARCH_URL"

// testCluster returns a Config for the cluster of the environment with an
// index prefix of its own, removed when the test ends.
func testCluster(t testing.TB) Config {
	t.Helper()
	urls := os.Getenv(envURL)
	if urls == "" {
		t.Skipf("no OpenSearch: set %s (deploy/opensearch/run.sh starts one)", envURL)
	}
	cfg, err := FromEnv(urls, "")
	if err != nil {
		t.Fatal(err)
	}
	resp, err := (&http.Client{Timeout: 5 * time.Second}).Get(cfg.URLs[0])
	if err != nil {
		t.Skipf("no OpenSearch at %s: %v", cfg.URLs[0], err)
	}
	resp.Body.Close()
	b := make([]byte, 4)
	rand.Read(b)
	cfg.Prefix = "hbtest-" + hex.EncodeToString(b)
	cfg.Replicas = -1
	// A deadline for a loaded test machine, not a measure of speed.
	cfg.Limits.Timeout = time.Minute
	t.Cleanup(func() {
		c, err := newClient(cfg)
		if err != nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		c.do(ctx, "DELETE", "/"+cfg.Prefix+"-*", nil, nil)
	})
	return cfg
}

func pages(texts ...string) []search.Page {
	out := make([]search.Page, len(texts))
	for i, s := range texts {
		out[i] = search.Page{Number: i + 1, Text: s}
	}
	return out
}

// fixtureDocs is a small library: each document's pages say something
// checkable, in five languages, with editions of one work, translations,
// nested regions, a document without a year and one without text.
func fixtureDocs() []search.Document {
	filler := strings.Repeat("General guidance for practitioners working with partners on cases. ", 8)
	return []search.Document{
		{
			ID: "frg-2025", File: "uk/first-responder-guide-2025.pdf", Title: "First Responder Guide",
			Types: []string{"Guidance"}, Regions: []string{"Europe", "Western Europe"}, Countries: []string{"United Kingdom"},
			Tags: []string{"identification", "referral"}, Publishers: []string{"Home Office"}, Year: 2025,
			Edition: "2025", Language: "en", Summary: "How first responders identify and refer potential victims.",
			Added: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC),
			Work:  "frg", PageCount: 4,
			Pages: pages(
				filler,
				"Identifying potential victims of modern slavery. Indicators include control of documents. "+filler,
				filler+" The duty to notify: public authorities must notify the Home Office when they encounter a potential victim. "+filler,
				"Annex: contacts. "+filler,
			),
		},
		{
			ID: "frg-2024", File: "uk/first-responder-guide-2024.pdf", Title: "First Responder Guide",
			Types: []string{"Guidance"}, Regions: []string{"Europe", "Western Europe"}, Countries: []string{"United Kingdom"},
			Tags: []string{"identification"}, Publishers: []string{"Home Office"}, Year: 2024, Edition: "2024",
			Added:    time.Date(2025, 2, 1, 9, 0, 0, 0, time.UTC),
			Language: "en", Work: "frg", PageCount: 2,
			Pages: pages(filler, "The duty to notify applies to specified public authorities. "+filler),
		},
		{
			ID: "labour-insp", File: "ilo/labour-inspection.pdf", Title: "Labour Inspection and Forced Labour",
			Types: []string{"Toolkit"}, Regions: []string{"Asia", "South-eastern Asia"}, Countries: []string{"Thailand"},
			Tags: []string{"forced labour", "labour inspection"}, Publishers: []string{"ILO"}, Year: 2019,
			Language: "en", Summary: "Labour inspectors and forced labour indicators.", PageCount: 3,
			Pages: pages(
				"Labour inspectors visit workplaces. "+filler,
				"Debt bondage is a common indicator of forced labour in fishing. "+filler,
				"Trafficking in human beings for labour exploitation. "+filler,
			),
		},
		{
			ID: "child-prot", File: "unicef/child-protection.pdf", Title: "Child Protection and Trauma-Informed Interviews",
			Types: []string{"Good Practices"}, Regions: []string{"Africa"}, Countries: []string{"Kenya"},
			Tags: []string{"children", "interviewing"}, Publishers: []string{"UNICEF"}, Year: 2021,
			Language: "en", PageCount: 3,
			Pages: pages(
				"Interviewing children. "+filler,
				"A trauma informed interview with a child avoids repeated questioning and lets the child rest. "+filler,
				"Commercial sexual exploitation of children online. "+filler,
			),
		},
		{
			ID: "proteccion-es", File: "es/proteccion.pdf", Title: "Protección de víctimas de trata",
			Types: []string{"Guidance"}, Regions: []string{"Americas"}, Countries: []string{"Mexico"},
			Tags: []string{"victim support"}, Publishers: []string{"OIM"}, Year: 2016, Language: "es",
			Work: "victim-support", PageCount: 2,
			Pages: pages("Introducción general al manual.", "La proteccion de las victimas de trata de personas requiere albergues seguros."),
		},
		{
			ID: "support-fr", File: "fr/soutien.pdf", Title: "Soutien aux victimes de la traite",
			Types: []string{"Good Practices"}, Regions: []string{"Europe", "Western Europe"}, Countries: []string{"France"},
			Tags: []string{"victim support"}, Publishers: []string{"OSCE"}, Year: 2018, Language: "fr",
			Work: "victim-support", PageCount: 2,
			Pages: pages("Introduction.", "L'hébergement des victimes de la traite des êtres humains et leur protection."),
		},
		{
			ID: "ru-guide", File: "ru/guide.pdf", Title: "Руководство по противодействию торговле людьми",
			Types: []string{"Guidance"}, Regions: []string{"Europe", "Eastern Europe"}, Countries: []string{"Ukraine"},
			Tags: []string{"referral"}, Publishers: []string{"OSCE"}, Year: 2015, Language: "ru", PageCount: 2,
			Pages: pages("Введение.", "Национальный механизм перенаправления жертв торговли людьми."),
		},
		{
			ID: "ar-guide", File: "ar/guide.pdf", Title: "دليل مكافحة الاتجار بالبشر",
			Types: []string{"Guidance"}, Regions: []string{"Asia", "Western Asia"}, Countries: []string{"Jordan"},
			Tags: []string{"identification"}, Publishers: []string{"UNODC"}, Year: 2020, Language: "ar", PageCount: 1,
			Pages: pages("حماية ضحايا الاتجار بالبشر"),
		},
		{
			ID: "supply", File: "supply-chain.pdf", Title: "Supply Chain Due Diligence",
			Types: []string{"Toolkit"}, Regions: []string{"Global"}, Tags: []string{"business", "supply chains"},
			Publishers: []string{"OECD"}, Language: "en", PageCount: 2, // no year
			Pages: pages("Companies should map their supply chains. "+filler, "Remediation for workers. <script>alert(1)</script> & due diligence. "+filler),
		},
		{
			ID: "scanned", File: "scanned.pdf", Title: "Scanned Leaflet", Types: []string{"Leaflet"},
			Regions: []string{"Europe"}, Language: "de", Year: 2010, PageCount: 2, Outcome: "no_text",
			Pages: []search.Page{{Number: 2, Label: "ii", Text: "Menschenhandel erkennen und melden."}},
		},
	}
}

// fixturePlaces is the region tree of the fixtures.
func fixturePlaces() search.Places {
	return search.Places{
		RegionParent: map[string]string{"Western Europe": "Europe", "Eastern Europe": "Europe",
			"South-eastern Asia": "Asia", "Western Asia": "Asia"},
		CountryRegion: map[string]string{"United Kingdom": "Western Europe", "France": "Western Europe",
			"Ukraine": "Eastern Europe", "Thailand": "South-eastern Asia", "Jordan": "Western Asia",
			"Kenya": "Africa", "Mexico": "Americas"},
	}
}

// generation is what both backends' updates can do.
type generation interface {
	Put(ctx context.Context, docs ...search.Document) error
	Delete(ctx context.Context, ids ...string) error
	SetPlaces(p search.Places)
	Commit(ctx context.Context, info search.RunInfo, state []byte) error
}

func write(t testing.TB, u generation, docs []search.Document, del []string, state string) {
	t.Helper()
	ctx := context.Background()
	if len(del) > 0 {
		if err := u.Delete(ctx, del...); err != nil {
			t.Fatal(err)
		}
	}
	if err := u.Put(ctx, docs...); err != nil {
		t.Fatal(err)
	}
	u.SetPlaces(fixturePlaces())
	n := 0
	for _, d := range docs {
		n += len(d.Pages)
	}
	if err := u.Commit(ctx, search.RunInfo{Finished: time.Now(), Documents: len(docs), Pages: n}, []byte(state)); err != nil {
		t.Fatal(err)
	}
}

// openBoth builds the fixture library in a Bleve index folder and on the
// cluster, and opens both.
func openBoth(t *testing.T) (*search.Index, *Index, Config) {
	t.Helper()
	cfg := testCluster(t)
	ctx := context.Background()
	dir := t.TempDir()
	bs, err := search.OpenStore(dir, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	bu, err := bs.Begin(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	write(t, bu, fixtureDocs(), nil, "one")
	bx, err := search.Open(dir, search.Options{ReloadInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { bx.Close() })

	st, err := OpenStore(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ou, err := st.Begin(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	write(t, ou, fixtureDocs(), nil, "one")
	ox, err := Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return bx, ox, cfg
}
