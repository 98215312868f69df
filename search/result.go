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

// Result is the answer to a Request. It is a domain value, not a wire
// format: the server builds its responses from it.
type Result struct {
	Query string
	// Total counts results: works, with their editions and translations
	// grouped (pages, for a search within one document).
	Total int
	// Documents counts the matching documents, every edition apart: what
	// facet counts add up to.
	Documents int
	// Sort is the order applied: the one asked for, or by default
	// relevance, newest first when the query has no words to rank by.
	Sort         string
	TookMS       float64
	AlsoSearched []string
	// Relaxed lists the words of the query left out because no result had
	// them all (least informative first); empty when every word matched.
	Relaxed []string
	// Removals, when nothing matched, name the exclusions, restrictions
	// and filters whose removal gives results, most results first.
	Removals   []Removal
	DidYouMean *string
	Hits       []Hit
	Facets     map[string][]Facet
	NextCursor *string
}

// Hit is one document (work) in a result.
type Hit struct {
	ID         string
	Title      string
	File       string
	Types      []string
	Regions    []string
	Countries  []string
	Tags       []string
	Publishers []string
	Year       int
	Edition    string
	Language   string
	Summary    string
	SourceURL  string
	// Added is when the document entered the library (sort=added).
	Added time.Time
	Score float64
	// Current is true when no edition of the work in the hit's language is
	// newer; otherwise SupersededBy is the id of the newest one (listed in
	// OtherEditions).
	Current      bool
	SupersededBy string
	// MatchingPages is the number of pages of the document that match the
	// query: pages with every required word (or an equivalent of it) on
	// them; only when no page has them all, pages with any of the words.
	MatchingPages int
	Pages         []PageHit
	OtherEditions []Edition
}

// PageHit is a matching page with a passage. Snippet is HTML-escaped text in
// which only <mark> and </mark> are markup.
type PageHit struct {
	Page    int
	Label   string
	Snippet string
	Score   float64
	// Source is "ocr" when the page's text was read from a scan, with the
	// OCR engine's mean word Confidence (0–100); both are empty for text
	// from the PDF's text layer.
	Source     string
	Confidence *float64
}

// Edition is another edition or translation of a hit's work. Editions are
// listed newest first; Current and SupersededBy are as in Hit.
type Edition struct {
	ID           string
	Title        string
	Year         int
	Edition      string
	Language     string
	Current      bool
	SupersededBy string
}

// Facet is one value of a facet with the number of documents it gives.
type Facet struct {
	Value    string
	Count    int
	Selected bool
	// Parent is set for countries (their region) and sub-regions.
	Parent string
}

// DocumentInfo is a document's metadata as stored, for the document endpoint.
type DocumentInfo struct {
	Document
	Current       bool   // as in Hit
	SupersededBy  string // as in Hit
	OtherEditions []Edition
}

// PageText is the text of one page, optionally with query matches marked.
type PageText struct {
	ID    string
	Page  int
	Label string
	Pages int    // page count of the document
	Text  string // plain text
	HTML  string // escaped text with <mark>, when a query was given
	// Source and Confidence are as in PageHit.
	Source     string
	Confidence *float64
}

// Stats describe the open index, for health checks and metrics.
type Stats struct {
	Generation string
	Documents  int
	Pages      int
	LastRun    RunInfo
}
