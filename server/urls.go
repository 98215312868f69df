package server

import (
	"net/url"
	"strconv"
)

// The addresses this server gives its resources; handlers, pages and API
// responses all take them from here.

// fileURL is where this server serves the PDF of document id.
func fileURL(id string) string {
	return "/documents/" + url.PathEscape(id) + "/file"
}

// pdfURL is the PDF of document id opened at a page (none when page is 0).
func pdfURL(id string, page int) string {
	u := fileURL(id)
	if page > 0 {
		u += "#page=" + strconv.Itoa(page)
	}
	return u
}

// docURL is the page of document id, searching inside it for q.
func docURL(id, q string) string {
	u := "/documents/" + url.PathEscape(id)
	if q != "" {
		u += "?" + url.Values{"q": {q}}.Encode()
	}
	return u
}

// pageURL is the text of one page of document id, with q marked.
func pageURL(id string, page int, q string) string {
	u := "/documents/" + url.PathEscape(id) + "/pages/" + strconv.Itoa(page)
	if q != "" {
		u += "?" + url.Values{"q": {q}}.Encode()
	}
	return u
}
