package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"html"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"handbooks/cite"
	"handbooks/search"
)

// DefaultFeedEntries is how many documents a feed lists unless per_page
// says.
const DefaultFeedEntries = 20

// feedParams are the parameters of /feed: those of /api/search, checked the
// same way. The order is always the date documents entered the library.
var feedParams = routeParams["/api/search"]

func init() { routeParams["/feed"] = feedParams }

// handleFeed serves GET /feed?q=&type=&…: an Atom feed of the newest
// documents in the library that match the search, by the date they entered
// the library (kept across re-indexing, so an old document never comes back
// as new). It answers conditional requests (ETag, Last-Modified) so that
// feed readers poll cheaply.
func (s *Server) handleFeed(w http.ResponseWriter, r *http.Request) error {
	q, err := parseQuery(r.URL.RawQuery, feedParams, apiFilterParams...)
	if err != nil {
		return err
	}
	req, err := searchRequest(q)
	if err != nil {
		return err
	}
	if req.Sort != "" && !slices.Contains(search.Sorts, req.Sort) {
		return badParam("sort", "unknown order; give one of "+strings.Join(search.Sorts, ", ")+" (a feed is always in the order documents entered the library)")
	}
	req.Sort = "added"
	if req.PerPage == 0 {
		req.PerPage = DefaultFeedEntries
	}
	res, err := s.searchOnce(r.Context(), req)
	if err != nil {
		return err
	}
	st, _ := s.search.Stats() // only the date of the last run is used
	feed := buildFeed(baseURL(r), searchState(dropParams(q.Values, "sort", "page", "per_page", "cursor")), res, st.LastRun.Finished)
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(feed); err != nil {
		return err
	}
	buf.WriteByte('\n')
	sum := sha256.Sum256(buf.Bytes())
	h := w.Header()
	h.Set("Content-Type", "application/atom+xml")
	h.Set("Cache-Control", "private, no-cache")
	h.Set("ETag", `"`+hex.EncodeToString(sum[:8])+`"`)
	http.ServeContent(w, r, "", time.Time(feed.Updated), bytes.NewReader(buf.Bytes()))
	return nil
}

// buildFeed makes the feed of a result. lastRun dates entries whose date
// of entry is unknown.
func buildFeed(base string, st searchState, res *search.Result, lastRun time.Time) *atomFeed {
	title := "Handbook library: newest documents"
	if desc := describeSearch(st); desc != "" {
		title = "Handbook library: " + desc
	}
	page := st.with("sort", "added")
	f := &atomFeed{
		NS: atomNS, Lang: "en", ID: nameUUID("handbooks feed " + url.Values(st).Encode()),
		Title:    atomText{Body: title},
		Subtitle: &atomText{Body: "The newest documents in the library that match this search, by the date they entered the library."},
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: base + "/feed" + strings.TrimPrefix(searchState(st).URL(), "/")},
			{Rel: "alternate", Type: "text/html", Href: base + page.URL()},
		},
		Author:    &atomPerson{Name: "Handbook library"},
		Generator: "Handbook library",
		Icon:      base + assetURL("icon.svg"),
		Entries:   []atomEntry{},
	}
	if lastRun.IsZero() {
		lastRun = time.Unix(0, 0)
	}
	updated := time.Time{}
	for _, h := range res.Hits {
		e := feedEntry(base, h, st.get("q"), lastRun)
		if t := time.Time(e.Updated); t.After(updated) {
			updated = t
		}
		f.Entries = append(f.Entries, e)
	}
	if updated.IsZero() {
		updated = lastRun
	}
	f.Updated = atomTime(updated)
	return f
}

// feedEntry is one document of a feed.
func feedEntry(base string, h search.Hit, q string, lastRun time.Time) atomEntry {
	added := h.Added
	if added.IsZero() {
		added = lastRun
	}
	rec := recordOfHit(base, h)
	e := atomEntry{
		Lang: h.Language, ID: nameUUID("handbooks document " + h.ID),
		Title:   atomText{Body: h.Title},
		Updated: atomTime(added), Published: (*atomTime)(&added),
		Links: []atomLink{
			{Rel: "alternate", Type: "text/html", Href: rec.Link},
			{Rel: "enclosure", Type: "application/pdf", Href: rec.FileURL},
		},
	}
	if h.SourceURL != "" {
		e.Links = append(e.Links, atomLink{Rel: "related", Href: h.SourceURL, Title: "The publisher’s copy"})
	}
	for _, p := range h.Publishers {
		if p = strings.TrimSpace(p); p != "" {
			e.Authors = append(e.Authors, atomPerson{Name: p})
		}
	}
	for _, c := range []struct {
		scheme string
		values []string
	}{{"type", h.Types}, {"region", h.Regions}, {"country", h.Countries}, {"tag", h.Tags}} {
		for _, v := range c.values {
			e.Categories = append(e.Categories, atomCategory{Term: v, Scheme: base + "/?" + c.scheme + "=", Label: v})
		}
	}
	if h.Summary != "" {
		e.Summary = &atomText{Body: h.Summary}
	}
	e.Content = &atomText{Type: "html", Body: entryHTML(base, h, q, rec)}
	return e
}

// entryHTML is an entry's content: its citation and its matching pages,
// each linked to the page in the viewer with the words of q marked.
func entryHTML(base string, h search.Hit, q string, rec cite.Record) string {
	var b strings.Builder
	b.WriteString("<p>" + html.EscapeString(cite.Reference(rec, nil)) + "</p>")
	if len(h.Pages) > 0 {
		b.WriteString("<ul>")
		for _, p := range h.Pages {
			pg := cite.Page{Number: p.Page, Label: p.Label}
			b.WriteString(`<li><a href="` + html.EscapeString(base+viewerURL(h.ID, p.Page, q)) + `">` + html.EscapeString(pg.String()) + "</a> ")
			b.WriteString(string(snippetHTML(p.Snippet)) + "</li>")
		}
		b.WriteString("</ul>")
	}
	return b.String()
}

// describeSearch says what a search looks for, for the feed's title:
// “duty to notify”, Region: Europe, Year: 2015–2020.
func describeSearch(st searchState) string {
	var parts []string
	if q := st.get("q"); q != "" {
		parts = append(parts, "“"+q+"”")
	}
	for _, c := range st.chips() {
		parts = append(parts, c.Label+": "+c.Value)
	}
	if w := st.get("within"); w != "" {
		parts = append(parts, "in document "+w)
	}
	return strings.Join(slices.Compact(parts), ", ")
}
