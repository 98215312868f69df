package main

import (
	"fmt"
	"time"
)

// Results is everything one benchmark run measured.
type Results struct {
	Started    time.Time
	Elapsed    time.Duration
	Command    string
	Commit     string // the repository's commit, "+dirty" with local changes
	Machine    Machine
	Corpora    []*Corpus
	Extraction []ExtractRow
	Indexing   []IndexRow
	Queries    []QueryRow
	InProcess  []InProcessRow
	Profiles   []Profile
	Notes      []string
}

func (r *Results) note(format string, a ...any) {
	r.Notes = append(r.Notes, fmt.Sprintf(format, a...))
}

// IndexRow is one system's indexing of one corpus.
type IndexRow struct {
	Corpus     string
	Pages      int
	TextBytes  int64
	System     string
	Runs       int
	Seconds    float64 // wall, median
	PPS        float64 // pages/s, median
	CPUSeconds float64 // median
	PeakRSS    int64   // largest of the runs
	IndexBytes int64   // after the last fresh run, without CacheBytes
	CacheBytes int64   // extraction cache kept in the index folder
	// Rerun is the median wall time of an unchanged second run (0: not run).
	Rerun float64
}
