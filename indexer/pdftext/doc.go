// Package pdftext turns a PDF file into the text of its pages. It is the only
// package that imports github.com/ledongthuc/pdf.
//
// The library opens the file and resolves objects; the text layer is our
// own. Each page's content is interpreted like a renderer would (lexer.go,
// interp.go): graphics and text state, matrices, text-showing operators with
// their spacing, Form XObjects with their own resources and matrix, and the
// appearance streams of visible annotations (docstate.go). Fonts are decoded
// once per document (font.go, cmap.go, glyphs.go, tables.go): encodings and
// Differences, ToUnicode maps, simple, CID and standard-14 widths. When the
// PDF does not say which text a code stands for, the embedded font program
// does (font_program.go): a TrueType program's Unicode cmap and post glyph
// names (sfnt.go), a CFF program's charset and built-in encoding (cff.go),
// a Type 1 program's clear-text encoding. Glyphs
// are then assembled by geometry (words.go, layout.go, bidi.go) into words,
// lines and blocks in reading order, with columns, de-hyphenation and
// right-to-left lines (Arabic presentation forms read as the letters they
// show); running headers, footers and page numbers are found
// across pages (running.go). Page labels and document metadata come from
// labels.go and info.go.
//
// Extract never panics and never lets one page take the document down: a
// fault is recorded on the page, and limits bound the operators, glyphs and
// text of a page and the text of a document.
package pdftext
