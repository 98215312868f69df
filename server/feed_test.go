package server

import (
	"bytes"
	"encoding/xml"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"handbooks/search"
)

// xmlNode is an element of a parsed XML document.
type xmlNode struct {
	Name     xml.Name
	Attr     map[string]string
	Text     string
	Children []*xmlNode
}

func (n *xmlNode) all(local string) []*xmlNode {
	var out []*xmlNode
	for _, c := range n.Children {
		if c.Name.Local == local {
			out = append(out, c)
		}
	}
	return out
}

// parseXML reads a whole document strictly (encoding/xml rejects what is
// not well-formed).
func parseXML(t *testing.T, b []byte) *xmlNode {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	var stack []*xmlNode
	var root *xmlNode
	for {
		tok, err := d.Token()
		if err != nil {
			if err.Error() == "EOF" {
				break
			}
			t.Fatalf("not well-formed XML: %v\n%s", err, b)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &xmlNode{Name: tok.Name, Attr: map[string]string{}}
			for _, a := range tok.Attr {
				n.Attr[a.Name.Local] = a.Value
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.Children = append(p.Children, n)
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].Text += string(tok)
			}
		}
	}
	return root
}

// checkAtom checks the rules of RFC 4287 that readers depend on, and
// returns the entries' ids, titles and updated dates in order.
func checkAtom(t *testing.T, b []byte) (ids, titles []string, updated []time.Time) {
	t.Helper()
	feed := parseXML(t, b)
	if feed.Name.Space != atomNS || feed.Name.Local != "feed" {
		t.Fatalf("root %v, want an Atom feed", feed.Name)
	}
	one := func(n *xmlNode, what, local string) *xmlNode {
		t.Helper()
		els := n.all(local)
		if len(els) != 1 {
			t.Fatalf("%s has %d atom:%s elements, want exactly one", what, len(els), local)
		}
		if els[0].Name.Space != atomNS {
			t.Fatalf("%s: %s not in the Atom namespace", what, local)
		}
		return els[0]
	}
	iri := func(what, s string) {
		t.Helper()
		u, err := url.Parse(strings.TrimSpace(s))
		if err != nil || u.Scheme == "" {
			t.Errorf("%s %q is not an absolute IRI", what, s)
		}
	}
	date := func(what, s string) time.Time {
		t.Helper()
		d, err := time.Parse(time.RFC3339, strings.TrimSpace(s))
		if err != nil {
			t.Fatalf("%s %q is not an RFC 3339 date: %v", what, s, err)
		}
		return d
	}
	if feed == nil {
		t.Fatal("empty document")
	}
	iri("feed id", one(feed, "feed", "id").Text)
	one(feed, "feed", "title")
	feedUpdated := date("feed updated", one(feed, "feed", "updated").Text)
	feedAuthor := len(feed.all("author")) > 0
	self := false
	for _, l := range feed.all("link") {
		iri("feed link", l.Attr["href"])
		if l.Attr["rel"] == "self" {
			self = true
		}
	}
	if !self {
		t.Error("feed has no rel=self link")
	}
	seen := map[string]bool{}
	for i, e := range feed.all("entry") {
		what := "entry " + string(rune('0'+i))
		id := strings.TrimSpace(one(e, what, "id").Text)
		iri(what+" id", id)
		if seen[id] {
			t.Errorf("entry id %s twice", id)
		}
		seen[id] = true
		title := one(e, what, "title")
		if ty := title.Attr["type"]; ty != "" && ty != "text" {
			t.Errorf("%s title type %q", what, ty)
		}
		up := date(what+" updated", one(e, what, "updated").Text)
		if up.After(feedUpdated) {
			t.Errorf("%s updated %v after the feed's %v", what, up, feedUpdated)
		}
		if !feedAuthor && len(e.all("author")) == 0 {
			t.Errorf("%s has no author and the feed has none", what)
		}
		alt := 0
		for _, l := range e.all("link") {
			iri(what+" link", l.Attr["href"])
			if l.Attr["rel"] == "" || l.Attr["rel"] == "alternate" {
				alt++
			}
		}
		if alt != 1 {
			t.Errorf("%s has %d alternate links, want 1", what, alt)
		}
		if c := e.all("content"); len(c) == 1 && c[0].Attr["type"] == "html" {
			parseXML(t, []byte("<div>"+c[0].Text+"</div>")) // escaped HTML, itself well-formed
		}
		ids, titles, updated = append(ids, id), append(titles, title.Text), append(updated, up)
	}
	if path, err := exec.LookPath("xmllint"); err == nil {
		f := filepath.Join(t.TempDir(), "feed.xml")
		os.WriteFile(f, b, 0o644)
		// The structure against testdata/atom/atom.rng (RFC 4287's schema,
		// the parts this service writes).
		if out, err := exec.Command(path, "--noout", "--nonet", "--relaxng", filepath.Join("testdata", "atom", "atom.rng"), f).CombinedOutput(); err != nil {
			t.Errorf("xmllint: %v\n%s", err, out)
		}
	}
	return ids, titles, updated
}

// datedDocs are citeDocs with the dates they entered the library; the
// manual's is unknown.
func datedDocs() []search.Document {
	docs := citeDocs()
	docs[0].Added = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC) // hard: newest
	docs[1].Added = time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC) // toolkit
	return docs
}

func TestFeed(t *testing.T) {
	s := newIndexServer(t, datedDocs(), Limits{})
	w := get(s, "GET", "/feed?q=duty+notify&sort=title")
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/atom+xml" {
		t.Fatalf("%d %q: %s", w.Code, w.Header().Get("Content-Type"), w.Body)
	}
	ids, titles, updated := checkAtom(t, w.Body.Bytes())
	if len(ids) != 3 || titles[0] != hardTitle || titles[1] != "First Responder Toolkit" {
		t.Fatalf("titles %q: want the newest in the library first, the hard title intact", titles)
	}
	if !updated[0].Equal(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)) || !updated[1].Before(updated[0]) {
		t.Errorf("updated %v: want the dates the documents entered the library", updated)
	}
	body := w.Body.String()
	for _, want := range []string{`&lt;Victims&gt; &amp; &#34;survivors&#34;`, `xml:lang="fr"`, "الاتجار بالبشر 🧭",
		`<link rel="self" type="application/atom+xml" href="http://example.com/feed?q=duty+notify"></link>`,
		`href="http://example.com/?q=duty+notify&amp;sort=added"`, "Handbook library: “duty notify”",
		`&lt;a href=&#34;http://example.com/documents/hard/pages/3/view?q=duty+notify&#34;&gt;p. 2 (PDF p. 3)&lt;/a&gt;`} {
		if !strings.Contains(body, want) {
			t.Errorf("feed lacks %q", want)
		}
	}

	// Ids are stable: the same document has the same id in another feed
	// and in the same feed asked again.
	again, _, _ := checkAtom(t, get(s, "GET", "/feed?q=duty+notify").Body.Bytes())
	other, otherTitles, _ := checkAtom(t, get(s, "GET", "/feed?type=Report").Body.Bytes())
	if strings.Join(again, " ") != strings.Join(ids, " ") || len(other) != 1 || other[0] != ids[0] || otherTitles[0] != hardTitle {
		t.Errorf("ids not stable: %v, %v, %v", ids, again, other)
	}

	// A reader polling with its ETag gets 304.
	r := get(s, "GET", "/feed?q=duty+notify")
	req := httptest.NewRequest("GET", "/feed?q=duty+notify", nil)
	req.Header.Set("If-None-Match", r.Header().Get("ETag"))
	w = httptest.NewRecorder()
	s.ServeHTTP(w, req)
	if w.Code != 304 {
		t.Errorf("If-None-Match: %d, want 304", w.Code)
	}

	// An empty result is still a valid feed.
	if ids, _, _ := checkAtom(t, get(s, "GET", "/feed?q=nothingmatchesthis").Body.Bytes()); len(ids) != 0 {
		t.Errorf("entries %v for no match", ids)
	}
}

func TestFeedParameters(t *testing.T) {
	s := newIndexServer(t, datedDocs(), Limits{})
	for _, tc := range []struct {
		query       string
		code, param string
	}{
		{"foo=1", codeUnknownParameter, "foo"},
		{"per_page=0", codeInvalidParameter, "per_page"},
		{"per_page=1000", codeLimitExceeded, "per_page"},
		{"year_from=abc", codeInvalidParameter, "year_from"},
		{"year_from=2020&year_to=2010", codeInvalidParameter, "year_to"},
		{"sort=best", codeInvalidParameter, "sort"},
		{"q=a&q=b", codeInvalidParameter, "q"},
		{"type=", codeInvalidParameter, "type"},
		{"q=%ff", codeInvalidParameter, "q"},
	} {
		checkError(t, get(s, "GET", "/feed?"+tc.query), 400, tc.code, tc.param)
	}
	w := get(s, "GET", "/feed?per_page=1")
	if ids, _, _ := checkAtom(t, w.Body.Bytes()); len(ids) != 1 {
		t.Errorf("per_page=1 gave %d entries", len(ids))
	}
}

func TestOpenSearchDescription(t *testing.T) {
	s := newIndexServer(t, datedDocs(), Limits{})
	w := get(s, "GET", "/opensearch.xml")
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/opensearchdescription+xml" {
		t.Fatalf("%d %q", w.Code, w.Header().Get("Content-Type"))
	}
	d := parseXML(t, w.Body.Bytes())
	if d.Name.Space != "http://a9.com/-/spec/opensearch/1.1/" || d.Name.Local != "OpenSearchDescription" {
		t.Fatalf("root %v", d.Name)
	}
	if sn := d.all("ShortName"); len(sn) != 1 || len(sn[0].Text) > 16 || sn[0].Text == "" {
		t.Errorf("ShortName must be 1 to 16 characters")
	}
	html := false
	for _, u := range d.all("Url") {
		tmpl := u.Attr["template"]
		if u.Attr["type"] == "text/html" {
			html = tmpl == "http://example.com/?q={searchTerms}"
		}
		if !strings.HasPrefix(tmpl, "http://example.com/") {
			t.Errorf("template %q is not absolute", tmpl)
		}
	}
	if !html {
		t.Error("no text/html Url with {searchTerms}")
	}
	checkError(t, get(s, "GET", "/opensearch.xml?x=1"), 400, codeUnknownParameter, "x")
}
