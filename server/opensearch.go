package server

import (
	"encoding/xml"
	"net/http"
	"strconv"
)

// openSearchDescription is an OpenSearch 1.1 description document.
type openSearchDescription struct {
	XMLName       xml.Name        `xml:"OpenSearchDescription"`
	NS            string          `xml:"xmlns,attr"`
	ShortName     string          `xml:"ShortName"`
	Description   string          `xml:"Description"`
	InputEncoding string          `xml:"InputEncoding"`
	Language      string          `xml:"Language"`
	Image         openSearchImage `xml:"Image"`
	URLs          []openSearchURL `xml:"Url"`
}

type openSearchImage struct {
	Width  int    `xml:"width,attr"`
	Height int    `xml:"height,attr"`
	Type   string `xml:"type,attr"`
	URL    string `xml:",chardata"`
}

type openSearchURL struct {
	Type     string `xml:"type,attr"`
	Method   string `xml:"method,attr,omitempty"`
	Rel      string `xml:"rel,attr,omitempty"`
	Template string `xml:"template,attr"`
}

// handleOpenSearch serves GET /opensearch.xml: the description that lets
// a browser add the library as a search engine (pages link to it with
// rel="search"), with the feed as a second result format.
func (s *Server) handleOpenSearch(w http.ResponseWriter, r *http.Request) error {
	if _, err := params(r); err != nil {
		return err
	}
	base := baseURL(r)
	d := openSearchDescription{
		NS:            "http://a9.com/-/spec/opensearch/1.1/",
		ShortName:     "Handbooks",
		Description:   "Search the full text of the handbook library on human trafficking and modern slavery",
		InputEncoding: "UTF-8",
		Language:      "*",
		Image:         openSearchImage{Width: 16, Height: 16, Type: "image/svg+xml", URL: base + assetURL("icon.svg")},
		URLs: []openSearchURL{
			{Type: "text/html", Method: "get", Template: base + "/?q={searchTerms}"},
			{Type: "application/atom+xml", Method: "get", Template: base + "/feed?q={searchTerms}"},
			{Type: "application/opensearchdescription+xml", Rel: "self", Template: base + "/opensearch.xml"},
		},
	}
	b, err := xml.MarshalIndent(d, "", "  ")
	if err != nil {
		return err
	}
	b = append([]byte(xml.Header), append(b, '\n')...)
	h := w.Header()
	h.Set("Content-Type", "application/opensearchdescription+xml")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	h.Set("Cache-Control", "public, max-age=86400")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(b)
	}
	return nil
}
