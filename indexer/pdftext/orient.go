package pdftext

import (
	"image"
	"math"
)

// orientation says how an image is drawn on the displayed page: which way
// its columns and rows run, and which part of it is on the page.
type orientation struct {
	swap           bool    // columns run vertically: the image is turned a quarter
	flipX, flipY   bool    // output columns / rows run against the input's
	bx0, by0       float64 // the image's box in display points (y down)
	bx1, by1       float64
	dispW, dispH   float64 // the displayed page size in points
	outW, outH     int     // set by apply
	cropX0, cropY0 float64 // visible part of the image box, 0..1
	cropX1, cropY1 float64
}

// orient works out how the image with this CTM shows on a page with this
// box and /Rotate (0, 90, 180, 270). ok is false when the image is drawn
// at an angle other than a multiple of 90°.
func orient(ctm matrix, box [4]float64, rot int) (o orientation, ok bool) {
	x0, y0, x1, y1 := box[0], box[1], box[2], box[3]
	// page point → display point (y down), for each /Rotate
	disp := func(x, y float64) (float64, float64) {
		switch rot {
		case 90:
			return y - y0, x - x0
		case 180:
			return x1 - x, y - y0
		case 270:
			return y1 - y, x1 - x
		}
		return x - x0, y1 - y
	}
	o.dispW, o.dispH = x1-x0, y1-y0
	if rot == 90 || rot == 270 {
		o.dispW, o.dispH = o.dispH, o.dispW
	}
	ox, oy := disp(ctm.apply(0, 1)) // the image's top-left corner
	ax, ay := disp(ctm.apply(1, 1)) // end of its first row
	bx, by := disp(ctm.apply(0, 0)) // end of its first column
	ax, ay, bx, by = ax-ox, ay-oy, bx-ox, by-oy
	aligned := func(u, v float64) bool {
		return math.Min(math.Abs(u), math.Abs(v)) <= 0.03*math.Max(math.Abs(u), math.Abs(v))
	}
	if !aligned(ax, ay) || !aligned(bx, by) || math.Hypot(ax, ay) == 0 || math.Hypot(bx, by) == 0 {
		return o, false
	}
	o.swap = math.Abs(ay) > math.Abs(ax)
	if o.swap == (math.Abs(by) > math.Abs(bx)) {
		return o, false // both axes the same way: a degenerate matrix
	}
	if o.swap {
		o.flipX, o.flipY = bx < 0, ay < 0
	} else {
		o.flipX, o.flipY = ax < 0, by < 0
	}
	o.bx0, o.bx1 = math.Min(ox, math.Min(ox+ax, ox+bx)), math.Max(ox, math.Max(ox+ax, ox+bx))
	o.bx0, o.bx1 = math.Min(o.bx0, ox+ax+bx), math.Max(o.bx1, ox+ax+bx)
	o.by0, o.by1 = math.Min(oy, math.Min(oy+ay, oy+by)), math.Max(oy, math.Max(oy+ay, oy+by))
	o.by0, o.by1 = math.Min(o.by0, oy+ay+by), math.Max(o.by1, oy+ay+by)
	bw, bh := o.bx1-o.bx0, o.by1-o.by0
	o.cropX0 = clamp01((0 - o.bx0) / bw)
	o.cropX1 = clamp01((o.dispW - o.bx0) / bw)
	o.cropY0 = clamp01((0 - o.by0) / bh)
	o.cropY1 = clamp01((o.dispH - o.by0) / bh)
	return o, o.cropX1 > o.cropX0 && o.cropY1 > o.cropY0
}

func clamp01(v float64) float64 { return math.Max(0, math.Min(1, v)) }

// dpi is the resolution at which a w × h image shows.
func (o orientation) dpi(w, h int) float64 {
	across := w
	if o.swap {
		across = h
	}
	return float64(across) / ((o.bx1 - o.bx0) / 72)
}

// apply turns the decoded image the way the page shows it and crops it to
// the page.
func (o orientation) apply(src *image.Gray) *image.Gray {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	ow, oh := w, h
	if o.swap {
		ow, oh = h, w
	}
	cx0, cx1 := int(o.cropX0*float64(ow)), int(math.Ceil(o.cropX1*float64(ow)))
	cy0, cy1 := int(o.cropY0*float64(oh)), int(math.Ceil(o.cropY1*float64(oh)))
	if !o.swap && !o.flipX && !o.flipY && cx0 == 0 && cy0 == 0 && cx1 == ow && cy1 == oh {
		return src
	}
	dst := image.NewGray(image.Rect(0, 0, cx1-cx0, cy1-cy0))
	for y := cy0; y < cy1; y++ {
		row := dst.Pix[(y-cy0)*dst.Stride:]
		for x := cx0; x < cx1; x++ {
			ox, oy := x, y
			if o.flipX {
				ox = ow - 1 - x
			}
			if o.flipY {
				oy = oh - 1 - y
			}
			i, j := ox, oy // input column and row
			if o.swap {
				i, j = oy, ox
			}
			row[x-cx0] = src.Pix[src.PixOffset(b.Min.X+i, b.Min.Y+j)]
		}
	}
	return dst
}

// shrink scales an image down by an integer factor, averaging blocks.
func shrink(src *image.Gray, k int) *image.Gray {
	if k <= 1 {
		return src
	}
	b := src.Bounds()
	w, h := b.Dx()/k, b.Dy()/k
	dst := image.NewGray(image.Rect(0, 0, max(w, 1), max(h, 1)))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			sum := 0
			for dy := 0; dy < k; dy++ {
				off := src.PixOffset(b.Min.X+x*k, b.Min.Y+y*k+dy)
				for dx := 0; dx < k; dx++ {
					sum += int(src.Pix[off+dx])
				}
			}
			dst.Pix[y*dst.Stride+x] = uint8(sum / (k * k))
		}
	}
	return dst
}
