package server

import (
	"strconv"
	"time"

	"handbooks/search"
)

// The JSON of API v1. The server builds these from the search package's
// values, so that renaming a Go field never changes the API; openapi_test
// checks every field against openapi.json.

// searchResponse is the body of GET /api/search.
type searchResponse struct {
	Query        string                 `json:"query"`
	Total        int                    `json:"total"`
	Documents    int                    `json:"documents"`
	Sort         string                 `json:"sort"`
	TookMS       float64                `json:"took_ms"`
	AlsoSearched []string               `json:"also_searched"`
	Relaxed      []string               `json:"relaxed"`
	Removals     []removalJSON          `json:"removals"`
	DidYouMean   *string                `json:"did_you_mean"`
	Hits         []hitJSON              `json:"hits"`
	Facets       map[string][]facetJSON `json:"facets"`
	NextCursor   *string                `json:"next_cursor"`
}

// hitJSON is one work of a searchResponse.
type hitJSON struct {
	ID            string        `json:"id"`
	Title         string        `json:"title"`
	File          string        `json:"file"`
	URL           string        `json:"url"` // where this server serves the PDF
	Types         []string      `json:"types"`
	Regions       []string      `json:"regions"`
	Countries     []string      `json:"countries"`
	Tags          []string      `json:"tags"`
	Publishers    []string      `json:"publisher"`
	Year          int           `json:"year,omitempty"`
	Edition       string        `json:"edition,omitempty"`
	Language      string        `json:"language"`
	Summary       string        `json:"summary,omitempty"`
	SourceURL     string        `json:"source_url,omitempty"`
	Added         time.Time     `json:"added,omitzero"`
	Score         float64       `json:"score"`
	Current       bool          `json:"current"`
	SupersededBy  string        `json:"superseded_by,omitempty"`
	MatchingPages int           `json:"matching_pages"`
	Pages         []pageHitJSON `json:"pages"`
	OtherEditions []editionJSON `json:"other_editions"`
}

// pageHitJSON is a matching page of a hit with its passage.
type pageHitJSON struct {
	Page    int     `json:"page"`
	Label   string  `json:"label"`
	Snippet string  `json:"snippet"`
	Score   float64 `json:"score,omitempty"`
	// Source is "ocr" for a page read from a scan, with the OCR engine's
	// mean word Confidence (0–100); both absent for the text layer.
	Source     string   `json:"source,omitempty"`
	Confidence *float64 `json:"confidence,omitempty"`
}

// editionJSON is another edition or translation of a work.
type editionJSON struct {
	ID           string `json:"id"`
	Title        string `json:"title"`
	Year         int    `json:"year,omitempty"`
	Edition      string `json:"edition,omitempty"`
	Language     string `json:"language,omitempty"`
	Current      bool   `json:"current"`
	SupersededBy string `json:"superseded_by,omitempty"`
}

// facetJSON is one value of a facet with its document count.
type facetJSON struct {
	Value    string `json:"value"`
	Count    int    `json:"count"`
	Selected bool   `json:"selected"`
	Parent   string `json:"parent,omitempty"`
}

// facetsResponse is the body of GET /api/facets.
type facetsResponse struct {
	Facets map[string][]facetJSON `json:"facets"`
}

// suggestResponse is the body of GET /api/suggest.
type suggestResponse struct {
	Query       string   `json:"query"`
	Suggestions []string `json:"suggestions"`
}

// documentResponse is the body of GET /api/documents/{id}.
type documentResponse struct {
	ID            string        `json:"id"`
	File          string        `json:"file"`
	Title         string        `json:"title"`
	Types         []string      `json:"types"`
	Regions       []string      `json:"regions"`
	Countries     []string      `json:"countries"`
	Tags          []string      `json:"tags"`
	Publishers    []string      `json:"publisher"`
	Year          int           `json:"year,omitempty"`
	Edition       string        `json:"edition,omitempty"`
	Language      string        `json:"language"`
	Summary       string        `json:"summary,omitempty"`
	SourceURL     string        `json:"source_url,omitempty"`
	Work          string        `json:"work,omitempty"`
	Added         time.Time     `json:"added,omitzero"`
	PageCount     int           `json:"page_count"`
	Outcome       string        `json:"outcome"`
	Reason        string        `json:"reason,omitempty"`
	Current       bool          `json:"current"`
	SupersededBy  string        `json:"superseded_by,omitempty"`
	OtherEditions []editionJSON `json:"other_editions"`
	URL           string        `json:"url"` // where this server serves the PDF
}

// pageResponse is the body of GET /api/documents/{id}/pages/{n}.
type pageResponse struct {
	ID    string `json:"id"`
	Page  int    `json:"page"`
	Label string `json:"label"`
	Pages int    `json:"pages"`          // page count of the document
	Text  string `json:"text"`           // plain text
	HTML  string `json:"html,omitempty"` // escaped text with <mark>, when a query was given
	URL   string `json:"url"`            // the PDF, opened at this page
	// Source and Confidence are as in pageHitJSON.
	Source     string   `json:"source,omitempty"`
	Confidence *float64 `json:"confidence,omitempty"`
}

// healthResponse is the body of GET /healthz.
type healthResponse struct {
	Status string `json:"status"`
}

func newSearchResponse(r *search.Result) searchResponse {
	out := searchResponse{
		Query: r.Query, Total: r.Total, Documents: r.Documents, Sort: r.Sort, TookMS: r.TookMS,
		AlsoSearched: r.AlsoSearched, Relaxed: r.Relaxed, Removals: newRemovals(r.Removals), DidYouMean: r.DidYouMean,
		Facets: newFacets(r.Facets), NextCursor: r.NextCursor,
	}
	if r.Hits != nil {
		out.Hits = make([]hitJSON, len(r.Hits))
	}
	for i, h := range r.Hits {
		out.Hits[i] = hitJSON{
			ID: h.ID, Title: h.Title, File: h.File, URL: fileURL(h.ID),
			Types: h.Types, Regions: h.Regions, Countries: h.Countries, Tags: h.Tags, Publishers: h.Publishers,
			Year: h.Year, Edition: h.Edition, Language: h.Language, Summary: h.Summary, SourceURL: h.SourceURL, Added: h.Added,
			Score: h.Score, Current: h.Current, SupersededBy: h.SupersededBy, MatchingPages: h.MatchingPages,
			Pages: newPageHits(h.Pages), OtherEditions: newEditions(h.OtherEditions),
		}
	}
	return out
}

func newPageHits(ps []search.PageHit) []pageHitJSON {
	if ps == nil {
		return nil
	}
	out := make([]pageHitJSON, len(ps))
	for i, p := range ps {
		out[i] = pageHitJSON{Page: p.Page, Label: p.Label, Snippet: p.Snippet, Score: p.Score,
			Source: p.Source, Confidence: p.Confidence}
	}
	return out
}

func newEditions(es []search.Edition) []editionJSON {
	if es == nil {
		return nil
	}
	out := make([]editionJSON, len(es))
	for i, e := range es {
		out[i] = editionJSON{ID: e.ID, Title: e.Title, Year: e.Year, Edition: e.Edition, Language: e.Language,
			Current: e.Current, SupersededBy: e.SupersededBy}
	}
	return out
}

func newFacets(fs map[string][]search.Facet) map[string][]facetJSON {
	if fs == nil {
		return nil
	}
	out := make(map[string][]facetJSON, len(fs))
	for k, vs := range fs {
		var js []facetJSON
		if vs != nil {
			js = make([]facetJSON, len(vs))
		}
		for i, f := range vs {
			js[i] = facetJSON{Value: f.Value, Count: f.Count, Selected: f.Selected, Parent: f.Parent}
		}
		out[k] = js
	}
	return out
}

func newDocumentResponse(d *search.DocumentInfo) documentResponse {
	return documentResponse{
		ID: d.ID, File: d.File, Title: d.Title,
		Types: d.Types, Regions: d.Regions, Countries: d.Countries, Tags: d.Tags, Publishers: d.Publishers,
		Year: d.Year, Edition: d.Edition, Language: d.Language, Summary: d.Summary, SourceURL: d.URL,
		Work: d.Work, Added: d.Added, PageCount: d.PageCount, Outcome: d.Outcome, Reason: d.Reason,
		Current: d.Current, SupersededBy: d.SupersededBy,
		OtherEditions: newEditions(d.OtherEditions), URL: fileURL(d.ID),
	}
}

func newPageResponse(p *search.PageText) pageResponse {
	return pageResponse{ID: p.ID, Page: p.Page, Label: p.Label, Pages: p.Pages, Text: p.Text, HTML: p.HTML,
		URL: fileURL(p.ID) + "#page=" + strconv.Itoa(p.Page), Source: p.Source, Confidence: p.Confidence}
}
