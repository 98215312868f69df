package pdftext

import (
	"strings"

	"github.com/ledongthuc/pdf"
)

// pageRef is one page found in the page tree, with its inherited
// attributes.
type pageRef struct {
	v   pdf.Value
	res pdf.Value
	box [4]float64 // media box
}

const maxPages = 100_000

// collectPages walks the page tree once, in order. Nodes are visited at
// most once, so a tree that refers back to itself ends.
func collectPages(r *pdf.Reader) []pageRef {
	root := r.Trailer().Key("Root").Key("Pages")
	var out []pageRef
	seen := map[string]bool{}
	var walk func(n pdf.Value, res pdf.Value, media, crop pdf.Value, depth int)
	walk = func(n pdf.Value, res pdf.Value, media, crop pdf.Value, depth int) {
		if depth > 64 || len(out) >= maxPages || n.Kind() != pdf.Dict {
			return
		}
		if v := n.Key("Resources"); v.Kind() == pdf.Dict {
			res = v
		}
		if v := n.Key("MediaBox"); v.Kind() == pdf.Array {
			media = v
		}
		if v := n.Key("CropBox"); v.Kind() == pdf.Array {
			crop = v
		}
		kids := n.Key("Kids")
		if n.Key("Type").Name() == "Page" || kids.Kind() != pdf.Array {
			if n.Key("Type").Name() == "Pages" {
				return
			}
			out = append(out, pageRef{v: n, res: res, box: pageBox(media, crop)})
			return
		}
		refs := refList(kids.String())
		for i := 0; i < kids.Len() && len(out) < maxPages; i++ {
			if refs != nil && i < len(refs) {
				if seen[refs[i]] {
					continue
				}
				seen[refs[i]] = true
			}
			walk(kids.Index(i), res, media, crop, depth+1)
		}
	}
	walk(root, pdf.Value{}, pdf.Value{}, pdf.Value{}, 0)
	return out
}

// refList reads "[3 0 R 5 0 R]" into its references, or nil when the
// array holds anything else.
func refList(s string) []string {
	s = strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")
	f := strings.Fields(s)
	if len(f)%3 != 0 {
		return nil
	}
	out := make([]string, 0, len(f)/3)
	for i := 0; i+2 < len(f); i += 3 {
		if f[i+2] != "R" {
			return nil
		}
		out = append(out, f[i]+" "+f[i+1])
	}
	return out
}

func pageBox(media, crop pdf.Value) [4]float64 {
	b := readRect(media)
	if b[2]-b[0] <= 0 || b[3]-b[1] <= 0 {
		b = [4]float64{0, 0, 612, 792}
	}
	_ = crop // text outside the crop box is kept, as viewers that print do
	return b
}
