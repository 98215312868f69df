package main

import (
	"strings"
	"unicode"
)

// Words splits text into the tokens the benchmark compares: maximal runs of
// Unicode letters and digits, lowercased. Everything else (spaces,
// punctuation, symbols) separates tokens. Combining marks count as letters so
// that accented words stay whole.
func Words(text string) []string {
	var words []string
	start := -1
	for i, r := range text {
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			words = append(words, strings.ToLower(text[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		words = append(words, strings.ToLower(text[start:]))
	}
	return words
}

// Score compares the words of one file as we extracted them (got) with the
// reference (want), as multisets over the whole file: a word is matched as
// many times as it occurs in both.
type Score struct {
	Got, Want, Matched int // word counts
	// Glued counts our words that are not reference words but are the
	// concatenation of two consecutive reference words ("oftext" for
	// "of text"). Split counts the reverse: reference words that we produced
	// as two consecutive words and never whole.
	Glued, Split int
}

// Compare scores got against want.
func Compare(got, want []string) Score {
	s := Score{Got: len(got), Want: len(want)}
	wantCount := counts(want)
	left := counts(want)
	for _, w := range got {
		if left[w] > 0 {
			left[w]--
			s.Matched++
		}
	}
	gotCount := counts(got)
	wantPairs := pairs(want)
	for _, w := range got {
		if wantCount[w] == 0 && wantPairs[w] {
			s.Glued++
		}
	}
	gotPairs := pairs(got)
	for _, w := range want {
		if gotCount[w] == 0 && gotPairs[w] {
			s.Split++
		}
	}
	return s
}

// Precision is the share of our words found in the reference; 0 when we
// found none.
func (s Score) Precision() float64 { return ratio(s.Matched, s.Got) }

// Recall is the share of reference words we found.
func (s Score) Recall() float64 { return ratio(s.Matched, s.Want) }

// F1 is the harmonic mean of precision and recall.
func (s Score) F1() float64 {
	p, r := s.Precision(), s.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func counts(words []string) map[string]int {
	m := make(map[string]int, len(words))
	for _, w := range words {
		m[w]++
	}
	return m
}

// pairs returns the concatenations of consecutive words.
func pairs(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for i := 1; i < len(words); i++ {
		m[words[i-1]+words[i]] = true
	}
	return m
}
