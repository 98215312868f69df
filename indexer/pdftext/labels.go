package pdftext

import (
	"sort"
	"strconv"
	"strings"

	"github.com/ledongthuc/pdf"
)

// labelRange is one entry of /PageLabels: from page index start on, pages
// are labelled prefix + number in a style, counting from first.
type labelRange struct {
	start  int
	style  string // D, R, r, A, a, or "" for the prefix alone
	prefix string
	first  int
}

// readPageLabels reads the /PageLabels number tree of the catalog.
func readPageLabels(root pdf.Value) []labelRange {
	var out []labelRange
	var walk func(n pdf.Value, depth int)
	walk = func(n pdf.Value, depth int) {
		if depth > 16 || len(out) > 10000 {
			return
		}
		nums := n.Key("Nums")
		for i := 0; i+1 < nums.Len(); i += 2 {
			d := nums.Index(i + 1)
			lr := labelRange{
				start:  int(nums.Index(i).Int64()),
				style:  d.Key("S").Name(),
				prefix: d.Key("P").Text(),
				first:  1,
			}
			if st := d.Key("St"); st.Kind() == pdf.Integer && st.Int64() > 0 {
				lr.first = int(st.Int64())
			}
			out = append(out, lr)
		}
		kids := n.Key("Kids")
		for i := 0; i < kids.Len(); i++ {
			walk(kids.Index(i), depth+1)
		}
	}
	walk(root.Key("PageLabels"), 0)
	sort.SliceStable(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

// pageLabel returns the printed label of page index i (from 0).
func pageLabel(ranges []labelRange, i int) string {
	k := sort.Search(len(ranges), func(j int) bool { return ranges[j].start > i }) - 1
	if k < 0 {
		return strconv.Itoa(i + 1)
	}
	r := ranges[k]
	n := r.first + i - r.start
	switch r.style {
	case "D":
		return r.prefix + strconv.Itoa(n)
	case "R":
		return r.prefix + strings.ToUpper(roman(n))
	case "r":
		return r.prefix + roman(n)
	case "A":
		return r.prefix + strings.ToUpper(letters(n))
	case "a":
		return r.prefix + letters(n)
	}
	return r.prefix
}

func roman(n int) string {
	if n <= 0 || n >= 5000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// letters labels 1..26 as a..z, then aa..zz, aaa..., as PDF specifies.
func letters(n int) string {
	if n <= 0 || n > 26*100 {
		return strconv.Itoa(n)
	}
	c := byte('a' + (n-1)%26)
	return strings.Repeat(string(c), (n-1)/26+1)
}
