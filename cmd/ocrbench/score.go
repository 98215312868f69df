package main

import (
	"strings"
	"unicode"
)

// words splits text into lower-case words: runs of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// wordF1 compares a text read by OCR with the reference, as multisets of
// words.
func wordF1(ref, got string) float64 {
	rw, gw := words(ref), words(got)
	if len(rw) == 0 || len(gw) == 0 {
		return 0
	}
	count := map[string]int{}
	for _, w := range rw {
		count[w]++
	}
	match := 0
	for _, w := range gw {
		if count[w] > 0 {
			count[w]--
			match++
		}
	}
	p, r := float64(match)/float64(len(gw)), float64(match)/float64(len(rw))
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
