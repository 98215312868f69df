package load

import (
	"math"
	"sort"
	"time"
)

// Percentile returns the p-th percentile (0..100) of xs by linear
// interpolation between the closest ranks. xs need not be sorted; it is not
// modified. It returns NaN for no values.
func Percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return sortedPercentile(s, p)
}

func sortedPercentile(s []float64, p float64) float64 {
	if len(s) == 0 {
		return math.NaN()
	}
	p = max(0, min(100, p))
	pos := p / 100 * float64(len(s)-1)
	lo := int(math.Floor(pos))
	hi := int(math.Ceil(pos))
	frac := pos - float64(lo)
	return s[lo] + (s[hi]-s[lo])*frac
}

// Median is the 50th percentile.
func Median(xs []float64) float64 { return Percentile(xs, 50) }

// Summary describes latencies in milliseconds.
type Summary struct {
	Count int     `json:"count"`
	P50   float64 `json:"p50_ms"`
	P95   float64 `json:"p95_ms"`
	P99   float64 `json:"p99_ms"`
	Max   float64 `json:"max_ms"`
	Mean  float64 `json:"mean_ms"`
}

// Summarise computes a Summary of durations.
func Summarise(ds []time.Duration) Summary {
	if len(ds) == 0 {
		return Summary{}
	}
	s := make([]float64, len(ds))
	var sum float64
	for i, d := range ds {
		s[i] = float64(d) / float64(time.Millisecond)
		sum += s[i]
	}
	sort.Float64s(s)
	return Summary{
		Count: len(s),
		P50:   sortedPercentile(s, 50),
		P95:   sortedPercentile(s, 95),
		P99:   sortedPercentile(s, 99),
		Max:   s[len(s)-1],
		Mean:  sum / float64(len(s)),
	}
}
