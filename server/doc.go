// Package server is the HTTP face of the handbook search: a versioned JSON
// API (documented in openapi.json, served at /api/openapi.json), the PDF
// files of the library, health and Prometheus metrics endpoints, and the web
// page. Handlers depend on the Searcher interface, not on the index, and
// return errors that one function maps to statuses and JSON bodies.
package server
