package main

import "fmt"

// writeScanPage returns page n of d as a one-page PostScript program that
// looks like a photocopy: typewriter face, a slight skew, a grey paper tone
// and specks. Ghostscript renders it to an image-only PDF page.
func writeScanPage(d *doc, n int) (string, error) {
	w := newPSWriter()
	w.typed = true
	w.prolog(1)
	w.b.WriteString("%%Page: 1 1\n0.93 setgray 0 0 595 842 rectfill 0 setgray\n")
	w.b.WriteString("gsave 297.5 421 translate 0.9 rotate -297.5 -421 translate\n")
	w.furniture(d, n)
	w.page(d.Pages[n-1])
	if w.y > ptBodyEnd {
		return "", fmt.Errorf("%s scanned page %d overflows", d.File, n)
	}
	w.b.WriteString("grestore\n")
	// Specks from a fixed linear congruential sequence, so rebuilds are identical.
	seed := uint32(20040611)
	next := func(m float64) float64 {
		seed = seed*1664525 + 1013904223
		return float64(seed>>8) / float64(1<<24) * m
	}
	w.b.WriteString("0.25 setgray\n")
	for i := 0; i < 260; i++ {
		fmt.Fprintf(&w.b, "%.1f %.1f %.2f 0 360 arc fill\n", next(ptW), next(ptH), 0.3+next(0.9))
	}
	// A dark band along the binding edge, as a copier leaves it.
	w.b.WriteString("0.55 setgray 0 0 9 842 rectfill\nshowpage\n%%EOF\n")
	return w.b.String(), nil
}
