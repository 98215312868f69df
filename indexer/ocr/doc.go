// Package ocr reads the text of page images with Tesseract, and renders
// pages to images with pdftoppm or mutool when a page's picture cannot be
// decoded directly. It is the only package that starts these programs.
//
// Tesseract runs as one single-threaded process per page
// (OMP_THREAD_LIMIT=1): on few cores, one such process per core reads
// pages several times faster than one multi-threaded process.
package ocr
