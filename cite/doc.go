// Package cite writes library documents as references: a readable citation
// of a document or of one of its pages ("p. 5 (PDF p. 8)"), and the exchange
// formats of reference managers and spreadsheets: RIS, BibTeX, CSL-JSON and
// CSV. Each format escapes what its readers would misread (BibTeX braces and
// accents, RIS line breaks, spreadsheet formulas) and is written one record
// at a time, so that a long result list streams.
package cite
