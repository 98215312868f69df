package server

import (
	"net/http"
	"strings"

	"handbooks/cite"
	"handbooks/search"
)

// baseURL is the scheme and host the request was made to, for the absolute
// links of exports and feeds. Behind a proxy that terminates TLS, the
// proxy's X-Forwarded-Proto says https.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	if p := strings.ToLower(r.Header.Get("X-Forwarded-Proto")); p == "https" || p == "http" {
		scheme = p
	}
	host := r.Host
	if host == "" || strings.ContainsAny(host, "/\\ @") {
		host = "localhost"
	}
	return scheme + "://" + host
}

// recordOfHit is a result's document as cited, with its matching pages.
func recordOfHit(base string, h search.Hit) cite.Record {
	rec := cite.Record{
		ID: h.ID, Title: h.Title, Publishers: h.Publishers, Year: h.Year, Edition: h.Edition,
		Language: h.Language, Types: h.Types, Regions: h.Regions, Countries: h.Countries, Tags: h.Tags,
		Summary: h.Summary, SourceURL: h.SourceURL, Link: base + docURL(h.ID, ""), FileURL: base + pdfURL(h.ID, 0),
	}
	for _, p := range h.Pages {
		rec.Pages = append(rec.Pages, cite.Page{Number: p.Page, Label: p.Label})
	}
	return rec
}

// recordOfDocument is a document as cited.
func recordOfDocument(base string, d *search.DocumentInfo) cite.Record {
	return cite.Record{
		ID: d.ID, Title: d.Title, Publishers: d.Publishers, Year: d.Year, Edition: d.Edition,
		Language: d.Language, Types: d.Types, Regions: d.Regions, Countries: d.Countries, Tags: d.Tags,
		Summary: d.Summary, SourceURL: d.URL, Link: base + docURL(d.ID, ""), FileURL: base + pdfURL(d.ID, 0),
	}
}
