// Package scanpdf writes image-only PDFs, the shape of a scanned document:
// one grey picture per page, stored as JPEG (DCTDecode), CCITT Group 4
// (CCITTFaxDecode) or Flate-compressed samples, optionally turned a
// quarter in storage and drawn upright by the page's matrix or /Rotate.
// It makes the OCR test set and the fixtures of the OCR tests.
package scanpdf
