package search

import "time"

// Filters restrict a search to documents with the given metadata. Several
// values of one facet combine with OR, different facets with AND.
type Filters struct {
	Types      []string
	Regions    []string
	Countries  []string
	Tags       []string
	Publishers []string
	Languages  []string
	YearFrom   int // 0: open
	YearTo     int // 0: open
}

// Request is one search.
type Request struct {
	Query   string
	Filters Filters
	Sort    string // relevance (default), newest, oldest, title
	Page    int    // from 1
	PerPage int
	Cursor  string // opaque; continues after the last hit of a previous page
	// Within restricts the search to one document (search inside a document):
	// all its matching pages are returned, not only the best three.
	Within string
}

// Result is the answer to a Request; its JSON is the API's search response.
type Result struct {
	Query string `json:"query"`
	// Total counts results: works, with their editions and translations
	// grouped (pages, for a search within one document).
	Total int `json:"total"`
	// Documents counts the matching documents, every edition apart: what
	// facet counts add up to.
	Documents    int      `json:"documents"`
	TookMS       float64  `json:"took_ms"`
	AlsoSearched []string `json:"also_searched"`
	// Relaxed lists the words of the query left out because no result had
	// them all (least informative first); empty when every word matched.
	Relaxed    []string           `json:"relaxed"`
	DidYouMean *string            `json:"did_you_mean"`
	Hits       []Hit              `json:"hits"`
	Facets     map[string][]Facet `json:"facets"`
	NextCursor *string            `json:"next_cursor"`
}

// Hit is one document (work) in a result.
type Hit struct {
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	File       string   `json:"file"`
	URL        string   `json:"url"` // where this service serves the PDF: /documents/ID/file
	Types      []string `json:"types"`
	Regions    []string `json:"regions"`
	Countries  []string `json:"countries"`
	Tags       []string `json:"tags"`
	Publishers []string `json:"publisher"`
	Year       int      `json:"year,omitempty"`
	Edition    string   `json:"edition,omitempty"`
	Language   string   `json:"language"`
	Summary    string   `json:"summary,omitempty"`
	SourceURL  string   `json:"source_url,omitempty"`
	// Added is when the document entered the library (sort=added).
	Added time.Time `json:"added,omitzero"`
	Score float64   `json:"score"`
	// Current is true when no edition of the work in the hit's language is
	// newer; otherwise SupersededBy is the id of the newest one (listed in
	// OtherEditions).
	Current      bool   `json:"current"`
	SupersededBy string `json:"superseded_by,omitempty"`
	// MatchingPages is the number of pages of the document that match the
	// query: pages with every required word (or an equivalent of it) on
	// them; only when no page has them all, pages with any of the words.
	MatchingPages int       `json:"matching_pages"`
	Pages         []PageHit `json:"pages"`
	OtherEditions []Edition `json:"other_editions"`
}

// PageHit is a matching page with a passage. Snippet is HTML-escaped text in
// which only <mark> and </mark> are markup.
type PageHit struct {
	Page    int     `json:"page"`
	Label   string  `json:"label"`
	Snippet string  `json:"snippet"`
	Score   float64 `json:"score,omitempty"`
}

// Edition is another edition or translation of a hit's work. Editions are
// listed newest first; Current and SupersededBy are as in Hit.
type Edition struct {
	ID           string `json:"id"`
	Title        string `json:"title"`
	Year         int    `json:"year,omitempty"`
	Edition      string `json:"edition,omitempty"`
	Language     string `json:"language,omitempty"`
	Current      bool   `json:"current"`
	SupersededBy string `json:"superseded_by,omitempty"`
}

// Facet is one value of a facet with the number of documents it gives.
type Facet struct {
	Value    string `json:"value"`
	Count    int    `json:"count"`
	Selected bool   `json:"selected"`
	// Parent is set for countries (their region) and sub-regions.
	Parent string `json:"parent,omitempty"`
}

// DocumentInfo is a document's metadata as stored, for the document endpoint.
type DocumentInfo struct {
	Document
	Current       bool      `json:"current"`                 // as in Hit
	SupersededBy  string    `json:"superseded_by,omitempty"` // as in Hit
	OtherEditions []Edition `json:"other_editions"`
}

// PageText is the text of one page, optionally with query matches marked.
type PageText struct {
	ID    string `json:"id"`
	Page  int    `json:"page"`
	Label string `json:"label"`
	Pages int    `json:"pages"`          // page count of the document
	Text  string `json:"text"`           // plain text
	HTML  string `json:"html,omitempty"` // escaped text with <mark>, when a query was given
}

// Stats describe the open index, for health checks and metrics.
type Stats struct {
	Generation string  `json:"generation"`
	Documents  int     `json:"documents"`
	Pages      int     `json:"pages"`
	LastRun    RunInfo `json:"last_run"`
}
