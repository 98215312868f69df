// Package synth writes synthetic handbook libraries for benchmarks: PDFs with
// headings and multi-page sections whose words follow a Zipf distribution over
// a vocabulary of the anti-trafficking field in several languages, and a
// catalog.csv with a row of metadata per file. Output is deterministic for a
// given seed, so a cached corpus can be reused between runs.
package synth
