package main

import (
	"math"
	"reflect"
	"testing"
)

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Hello, World!", []string{"hello", "world"}},
		{"  victim-centred\tapproach\n", []string{"victim", "centred", "approach"}},
		{"Section 4.2 (2019)", []string{"section", "4", "2", "2019"}},
		{"Ürün café naïve", []string{"ürün", "café", "naïve"}},
		{"e\u0301te", []string{"e\u0301te"}}, // combining accent stays in the word
		{"人身売買 対策", []string{"人身売買", "対策"}},
		{"a\fb", []string{"a", "b"}},
	}
	for _, tt := range tests {
		if got := Words(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		name      string
		got, want string
		score     Score
		f1        float64
	}{
		{"identical", "the cat sat", "the cat sat", Score{Got: 3, Want: 3, Matched: 3}, 1},
		{"order ignored", "sat cat the", "the cat sat", Score{Got: 3, Want: 3, Matched: 3}, 1},
		{"nothing found", "", "the cat", Score{Want: 2}, 0},
		{"multiset", "the the the", "the cat the", Score{Got: 3, Want: 3, Matched: 2}, 2.0 / 3},
		{"glued", "thecat sat", "the cat sat", Score{Got: 2, Want: 3, Matched: 1, Glued: 1}, 0.4},
		{"split", "vic tim", "victim", Score{Got: 2, Want: 1, Split: 1}, 0},
		{"glued word that is real is not glued", "into", "in to into", Score{Got: 1, Want: 3, Matched: 1}, 0.5},
	}
	for _, tt := range tests {
		s := Compare(Words(tt.got), Words(tt.want))
		if s != tt.score {
			t.Errorf("%s: Compare = %+v, want %+v", tt.name, s, tt.score)
		}
		if math.Abs(s.F1()-tt.f1) > 1e-9 {
			t.Errorf("%s: F1 = %v, want %v", tt.name, s.F1(), tt.f1)
		}
	}
}

func TestSummary(t *testing.T) {
	tests := []struct {
		in           []float64
		median, mean float64
	}{
		{nil, 0, 0},
		{[]float64{1}, 1, 1},
		{[]float64{0, 1, 0.5}, 0.5, 0.5},
		{[]float64{0, 1, 1, 1}, 1, 0.75},
		{[]float64{0.2, 0.4}, 0.3, 0.3},
	}
	for _, tt := range tests {
		med, mean := medianMean(tt.in)
		if math.Abs(med-tt.median) > 1e-9 || math.Abs(mean-tt.mean) > 1e-9 {
			t.Errorf("medianMean(%v) = %v, %v; want %v, %v", tt.in, med, mean, tt.median, tt.mean)
		}
	}
}
