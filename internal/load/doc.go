// Package load is a closed-loop HTTP load generator for search services: a
// mix of realistic queries (words from the corpus vocabulary, phrases,
// filters, deep pages, suggestions), N clients that each send the next
// request as soon as the previous answer is read, and latency percentiles.
package load
