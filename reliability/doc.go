// Package reliability holds end-to-end tests that run the real handbooks
// program as a separate process and try to break it: SIGKILL during
// indexing, a full disk, searching while the index is rebuilt, hostile
// queries and load, slow clients, file-route traversal and hostile PDFs.
//
// The normal suite runs short versions; the long versions and their
// figures (reported in RELIABILITY.md) come from
//
//	go test ./reliability -long -kills 20 -v -figures /tmp/figures.txt
package reliability
