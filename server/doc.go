// Package server is the HTTP face of the handbook search: a versioned JSON
// API (documented in openapi.json, served at /api/openapi.json), the PDF
// files of the library, health and Prometheus metrics endpoints, and the web
// page. Handlers depend on the Searcher interface, not on the index, and
// return errors that classify maps to statuses in one place.
//
// The API is strict so that a mistake is never silently answered: an unknown
// parameter, a scalar parameter given twice, invalid UTF-8 or a value outside
// its documented bounds is a 400 naming the parameter.
//
// The web page (pages*.go) registers its routes in routePages, after the
// API's, with handlers of type handlerFunc; it renders errors itself using
// classify for the status, and runs index calls inside enterSearch and
// leaveSearch like the API.
//
// What follows a search: citations on the pages (pages_cite.go, formatted
// by package cite), exports of a document or a result list (export*.go), the
// Atom feed of a search and the OpenSearch description (feed*.go,
// opensearch.go), and the page viewer (viewer.go), which runs the pdf.js
// files embedded under static/pdfjs.
package server
