// Package opensearch keeps the index of handbooks on an OpenSearch
// cluster: Store writes index generations for the indexer, Index answers
// the server's searches with the contract of package search. It is the
// only package that imports opensearch-go; the query language, limits,
// error codes, facet rules and the region tree come from package search.
//
// # Document model
//
// A generation is two indexes, as in package search, behind two aliases
// (PREFIX-docs, PREFIX-pages) that Commit switches in one atomic _aliases
// request; PREFIX-meta holds each generation's run info, the indexer's
// state and the region tree.
//
//   - docs: one entry per document. Metadata are keywords with a folded
//     sub-field for filters; title, summary and the text of every page are
//     text fields of the document's language (title_en, body_fr, ...);
//     "words" (a copy_to of all of it, folded, unstemmed) serves prefixes
//     and did-you-mean. Ranking, facets (aggregations) and the grouping of
//     editions (collapse on the work key) run here, so counts are
//     documents, as in package search.
//   - pages: one entry per physical page, id DOC#N, routed by its document
//     (all the pages of a document on one shard), text with offsets in the
//     field of its language. Passages (highlighting) and the page-level
//     re-ranking come from here.
//
// Why two indexes rather than pages nested in documents: a nested page is
// a hidden Lucene document of its parent, so replacing one handbook
// rewrites all its pages anyway, inner hits of nested pages cost a fetch
// of the whole parent source (every page's text) per hit, and the parent's
// size is bounded by index.mapping.nested_objects.limit (10,000 by
// default) — larger handbooks exist. Separate indexes keep the page index
// free to grow and shard on its own; the page phase only ever asks for the
// pages of at most 30 documents, so the join is one request with a terms
// filter.
//
// Analyzers match package search's: stop words and a stemmer of the
// language (English, French, Spanish, Russian, Arabic), Latin accents
// folded to ASCII before stemming, and lower case plus folding for other
// languages.
//
// Shards and replicas: a page-index shard is kept near 10⁷ pages (20-30 GB
// with text and offsets, inside the 10-50 GB per shard that OpenSearch
// advises), so a library of up to 10⁷ pages has one primary shard per
// index and more shards come only with size (the count is chosen when a
// generation is created, from the previous generation's pages; Config.Shards
// overrides it). A generation has one replica when the cluster has more
// than one data node (a node can be lost without losing a shard, during
// the load too), none on a single node, and no refreshes until Commit.
// Hits read a document's metadata from one doc-values field ("meta"), not
// from _source, which holds the whole text.
//
// # Where answers differ from package search
//
// Scores are OpenSearch's BM25 with its own field combination
// (best_fields), so close scores may order differently; the re-ranking of
// the best 30 works by their best page is done the same way. The cursor is
// a position in the result (collapsing by work cannot be combined with
// search_after), so it cannot go beyond 10,000 results and documents
// indexed between two pages shift it. Total (works) is a cardinality
// aggregation: exact up to 40,000 works, within a few percent beyond.
// A query with an exclusion finds at most 65,536 documents. Not done here:
// relaxing a query that matches nothing (Result.Relaxed), the removals
// that would give results (Result.Removals), weighing down pages that look
// like a table of contents; suggestions complete words from titles and
// tags rather than from all the text.
//
// # Faults
//
// Requests go to the configured nodes in turn; one that fails on a lost
// node (connection refused or reset, 502, 503, 504, a timeout) is retried
// on another up to 5 times. Bulk entries the cluster cannot take for the
// moment (429, 5xx: a primary being moved) are sent again for up to about
// a minute; entries refused for good are counted (Update.Refused) and the
// update then fails rather than going live without them.
package opensearch
