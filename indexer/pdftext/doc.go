// Package pdftext turns a PDF file into the text of its pages. It is the only
// package that imports github.com/ledongthuc/pdf.
package pdftext
