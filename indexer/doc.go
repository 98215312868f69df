// Package indexer turns a library folder — PDFs anywhere below it, a
// catalog.csv or catalog.json, optional NAME.json sidecars — into documents
// in a search index, and says in a report what happened to every file.
//
// Runs are incremental (by content hash of each PDF and of its catalog
// metadata), extraction happens in worker processes that can be killed
// without harm (see worker.go), extraction results are cached by content so
// an interrupted run resumes quickly, and the index is only ever replaced by
// a complete generation (see package search), so a run can be killed at any
// moment. The vocabularies that normalise regions, countries, types,
// publishers, tags and languages are plain files in vocab/.
package indexer
