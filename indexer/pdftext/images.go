package pdftext

import (
	"math"

	"github.com/ledongthuc/pdf"
)

// The pictures of a page: which images are drawn where, and how many
// paths are painted. They tell a scan (one image filling the page) from a
// digital page, and vector-drawn text (many painted paths, no text) from
// an empty page.

// imageInfo is an image XObject as found in the resources.
type imageInfo struct {
	v      pdf.Value
	w, h   int
	filter string // the image codec (DCTDecode, JBIG2Decode, ...); "" for raw samples
}

// placedImage is one image drawn on the page: the CTM maps the image's
// unit square onto the page.
type placedImage struct {
	info   *imageInfo // nil for an inline image
	ctm    matrix
	inline bool
}

type pagePictures struct {
	images []placedImage
	paths  int // painted (filled) paths
}

const maxImagesPerPage = 10_000

func (p *pagePictures) image(d *docState, xobjs pdf.Value, key, name string, ctm matrix) {
	info, ok := d.images[key]
	if !ok {
		v := xobjs.Key(name)
		if v.Kind() == pdf.Stream && v.Key("Subtype").Name() == "Image" {
			info = &imageInfo{v: v, w: int(v.Key("Width").Int64()), h: int(v.Key("Height").Int64())}
			if f := v.Key("Filter"); f.Kind() == pdf.Array && f.Len() > 0 {
				info.filter = f.Index(f.Len() - 1).Name()
			} else {
				info.filter = f.Name()
			}
		}
		d.images[key] = info
	}
	if info != nil && len(p.images) < maxImagesPerPage {
		p.images = append(p.images, placedImage{info: info, ctm: ctm})
	}
}

func (p *pagePictures) inlineImage(ctm matrix) {
	if len(p.images) < maxImagesPerPage {
		p.images = append(p.images, placedImage{ctm: ctm, inline: true})
	}
}

// area is the part of the page box an image's bounding box covers, in
// square points.
func (im placedImage) area(box [4]float64) float64 {
	x0, y0, x1, y1 := transformRect(im.ctm, [4]float64{0, 0, 1, 1})
	w := math.Min(x1, box[2]) - math.Max(x0, box[0])
	h := math.Min(y1, box[3]) - math.Max(y0, box[1])
	if w <= 0 || h <= 0 || math.IsNaN(w) || math.IsNaN(h) {
		return 0
	}
	return w * h
}

// largest returns the index of the image that covers most of the page and
// the share of the page it covers (0 to 1); -1 when there is none.
func (p *pagePictures) largest(box [4]float64) (int, float64) {
	best, bestArea := -1, 0.0
	for i, im := range p.images {
		if a := im.area(box); a > bestArea {
			best, bestArea = i, a
		}
	}
	pageArea := (box[2] - box[0]) * (box[3] - box[1])
	if best < 0 || pageArea <= 0 {
		return -1, 0
	}
	return best, math.Min(bestArea/pageArea, 1)
}
