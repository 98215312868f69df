package pdftext

import (
	"context"
	"errors"
	"fmt"
	"image"
	"math"
	"strconv"
	"strings"

	"github.com/ledongthuc/pdf"
)

// Page pictures for OCR. A scanned page is nearly always one image drawn
// over the page: it is decoded here directly (imagedecode.go) and turned
// the way the page shows it (the CTM and /Rotate), cropped to the page.
// What cannot be decoded here (JBIG2, JPX, several tiles, vector-drawn
// text, unusual colour spaces) is a NeedsRenderError: the page has to be
// rendered by a PDF renderer.

// PageImage is the picture of a page, grey, upright as displayed.
type PageImage struct {
	Gray *image.Gray
	DPI  int    // pixels per inch of the page
	From string // "decoded DCTDecode", "decoded CCITTFaxDecode", ...
}

// NeedsRenderError says a page's picture cannot be decoded directly; a
// renderer could draw it. Width and Height are the displayed page size in
// points, for choosing a resolution.
type NeedsRenderError struct {
	Reason        string // e.g. "unsupported image (JBIG2)"
	Width, Height float64
}

func (e *NeedsRenderError) Error() string { return e.Reason }

// ErrBadImage wraps the reasons a page's image cannot be read at all:
// truncated data, a size no page needs (a decompression bomb), a
// resolution too low to read.
var ErrBadImage = errors.New("unreadable page image")

// Limits on page pictures.
const (
	maxImagePixels = 80_000_000 // about A3 at 600 dpi
	minReadableDPI = 50
	maxUsefulDPI   = 600 // finer pictures are scaled down to this
	maxScanDPI     = 4800
)

// ImageReader reads the pictures of a PDF's pages.
type ImageReader struct {
	r     *pdf.Reader
	clean []byte
	pages []pageRef
	doc   *docState
}

// OpenImages opens the PDF at path for reading page pictures.
func OpenImages(ctx context.Context, path string) (ir *ImageReader, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w: parser panic: %v", ErrBroken, p)
		}
	}()
	r, clean, err := openClean(ctx, path)
	if err != nil {
		return nil, err
	}
	return &ImageReader{r: r, clean: clean, pages: collectPages(r), doc: newDocState()}, nil
}

// Page returns the picture of page n (from 1), or a *NeedsRenderError, or
// an error wrapping ErrBadImage.
func (ir *ImageReader) Page(ctx context.Context, n int) (img *PageImage, err error) {
	if n < 1 || n > len(ir.pages) {
		return nil, fmt.Errorf("no page %d", n)
	}
	pg := ir.pages[n-1]
	rot := int(pg.v.Key("Rotate").Int64())
	rot = ((rot % 360) + 360) % 360 / 90 * 90
	w, h := pg.box[2]-pg.box[0], pg.box[3]-pg.box[1]
	if rot == 90 || rot == 270 {
		w, h = h, w
	}
	render := func(format string, args ...any) error {
		return &NeedsRenderError{Reason: fmt.Sprintf(format, args...), Width: w, Height: h}
	}
	defer func() {
		if p := recover(); p != nil {
			img, err = nil, render("page picture: %v", p)
		}
	}()
	_, pics, perr := ir.doc.page(ctx, pg)
	if perr != nil && ctx.Err() != nil {
		return nil, perr
	}
	i, cover := pics.largest(pg.box)
	switch {
	case i < 0:
		return nil, render("no image on the page (vector-drawn text)")
	case pics.images[i].inline:
		return nil, render("inline image")
	case cover < fullPageImage/2:
		return nil, render("the largest image covers %.0f%% of the page", 100*cover)
	}
	pageArea := (pg.box[2] - pg.box[0]) * (pg.box[3] - pg.box[1])
	for j, o := range pics.images {
		if j != i && o.area(pg.box) > 0.05*pageArea {
			return nil, render("several images (tiles)")
		}
	}
	if pics.paths >= vectorTextPaths {
		return nil, render("images and vector drawing")
	}
	pl := pics.images[i]
	info := pl.info
	if info.w <= 0 || info.h <= 0 {
		return nil, fmt.Errorf("%w: image without a size", ErrBadImage)
	}
	if int64(info.w)*int64(info.h) > maxImagePixels {
		return nil, fmt.Errorf("%w: image of %d × %d pixels (a decompression bomb?)", ErrBadImage, info.w, info.h)
	}
	o, ok := orient(pl.ctm, pg.box, rot)
	if !ok {
		return nil, render("image drawn at an angle")
	}
	dpi := o.dpi(info.w, info.h)
	switch {
	case dpi < minReadableDPI || math.IsNaN(dpi):
		return nil, fmt.Errorf("%w: image resolution of %.1f dpi is too low to read", ErrBadImage, dpi)
	case dpi > maxScanDPI:
		return nil, fmt.Errorf("%w: image resolution of %.0f dpi is not a page scan", ErrBadImage, dpi)
	}
	raw, err := ir.raw(info.v)
	if err != nil {
		return nil, err
	}
	gray, err := decodeImage(info.v, raw)
	if err != nil {
		var nr *NeedsRenderError
		if errors.As(err, &nr) {
			nr.Width, nr.Height = w, h
		}
		return nil, err
	}
	gray = o.apply(gray)
	if dpi > maxUsefulDPI {
		gray = shrink(gray, int(math.Ceil(dpi/maxUsefulDPI*0.999)))
		dpi /= math.Ceil(dpi / maxUsefulDPI * 0.999)
	}
	from := "decoded " + info.filter
	if info.filter == "" {
		from = "decoded samples"
	}
	return &PageImage{Gray: gray, DPI: int(math.Round(dpi)), From: from}, nil
}

// raw returns a stream's bytes as stored (filters not applied): the
// library only decodes the filters of content streams.
func (ir *ImageReader) raw(v pdf.Value) ([]byte, error) {
	s := v.String()
	at := strings.LastIndexByte(s, '@')
	off, err := strconv.ParseInt(s[at+1:], 10, 64)
	n := v.Key("Length").Int64()
	if at < 0 || err != nil || off < 0 || n < 0 || off+n > int64(len(ir.clean)) {
		return nil, fmt.Errorf("%w: image data out of the file", ErrBadImage)
	}
	return ir.clean[off : off+n], nil
}
