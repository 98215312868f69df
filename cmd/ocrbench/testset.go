package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"handbooks/indexer/ocr"
	"handbooks/indexer/pdftext"
	"handbooks/internal/scanpdf"
)

// condition is one way of scanning the test pages.
type condition struct {
	Name  string
	Slug  string
	DPI   int
	Codec string
	Noise bool // noise and a 1° skew
	Turn  bool // stored a quarter turned: by the matrix on even pages, /Rotate on odd ones
}

var conditions = []condition{
	{"300 dpi, JPEG", "300-jpeg", 300, scanpdf.JPEG, false, false},
	{"300 dpi, CCITT G4", "300-g4", 300, scanpdf.G4, false, false},
	{"300 dpi, JPEG, stored turned 90°", "300-jpeg-turned", 300, scanpdf.JPEG, false, true},
	{"300 dpi, CCITT G4, noise and 1° skew", "300-g4-noisy", 300, scanpdf.G4, true, false},
	{"150 dpi, JPEG", "150-jpeg", 150, scanpdf.JPEG, false, false},
	{"150 dpi, JPEG, noise and 1° skew", "150-jpeg-noisy", 150, scanpdf.JPEG, true, false},
}

// sourcePage is a page of a digital PDF with its text layer.
type sourcePage struct {
	File string
	Page int
	Lang string // ISO 639-1
	Ref  string // the text layer: the reference
}

func (p sourcePage) String() string { return fmt.Sprintf("%s p. %d", filepath.Base(p.File), p.Page) }

// choosePages picks n pages with at least 40 words of text layer, taking
// documents in turn so that every one contributes. Documents the renderer
// cannot draw are left out.
func choosePages(ctx context.Context, r *ocr.Renderer, dirs []string, n int) ([]sourcePage, error) {
	var files []string
	for _, d := range dirs {
		filepath.WalkDir(d, func(p string, e os.DirEntry, err error) error {
			if err == nil && !e.IsDir() && strings.HasSuffix(strings.ToLower(p), ".pdf") {
				files = append(files, p)
			}
			return nil
		})
	}
	slices.Sort(files)
	var perDoc [][]sourcePage
	for _, f := range files {
		res := pdftext.Extract(ctx, f)
		if res.Outcome != pdftext.OutcomeOK {
			continue
		}
		if _, err := r.Render(ctx, f, 1, 10); err != nil {
			continue // the renderer cannot draw it (a damaged file only we repair)
		}
		lang := strings.ToLower(res.Info.Language)
		lang, _, _ = strings.Cut(lang, "-")
		if lang == "" {
			lang = "en"
		}
		var pages []sourcePage
		for _, p := range res.Pages {
			if p.NeedsOCR || len(words(p.Text)) < 40 {
				continue
			}
			pages = append(pages, sourcePage{File: f, Page: p.Number, Lang: lang, Ref: p.Text})
		}
		r := rand.New(rand.NewPCG(uint64(len(pages)), 14))
		r.Shuffle(len(pages), func(i, j int) { pages[i], pages[j] = pages[j], pages[i] })
		if len(pages) > 0 {
			perDoc = append(perDoc, pages)
		}
	}
	var out []sourcePage
	for round := 0; len(out) < n; round++ {
		added := false
		for _, pages := range perDoc {
			if round < len(pages) && len(out) < n {
				out = append(out, pages[round])
				added = true
			}
		}
		if !added {
			break
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no page with a text layer in %v", dirs)
	}
	return out, nil
}

// scanFile is one image-only PDF of the test set and the source pages of
// its pages.
type scanFile struct {
	Name  string // file name in the condition's library
	Lang  string
	Pages []int // indexes into the chosen pages
}

const pagesPerFile = 6

// writeCondition renders the chosen pages as the condition says and wraps
// them into PDFs of up to pagesPerFile pages of one language.
func writeCondition(ctx context.Context, r *ocr.Renderer, c condition, pages []sourcePage, lib string) ([]scanFile, error) {
	if err := os.MkdirAll(lib, 0o755); err != nil {
		return nil, err
	}
	byLang := map[string][]int{}
	var langs []string
	for i, p := range pages {
		if byLang[p.Lang] == nil {
			langs = append(langs, p.Lang)
		}
		byLang[p.Lang] = append(byLang[p.Lang], i)
	}
	var files []scanFile
	var catalog strings.Builder
	catalog.WriteString("file,title,language\n")
	for _, lang := range langs {
		idx := byLang[lang]
		for start := 0; start < len(idx); start += pagesPerFile {
			f := scanFile{Name: fmt.Sprintf("scan-%s-%02d.pdf", lang, start/pagesPerFile+1), Lang: lang,
				Pages: idx[start:min(start+pagesPerFile, len(idx))]}
			var sp []scanpdf.Page
			for k, i := range f.Pages {
				img, err := r.Render(ctx, pages[i].File, pages[i].Page, c.DPI)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", pages[i], err)
				}
				if c.Noise {
					img = skew(img, 1.0)
					addNoise(img, uint64(i))
				}
				turn := scanpdf.Upright
				if c.Turn {
					turn = []string{scanpdf.TurnedCTM, scanpdf.TurnedRot}[k%2]
				}
				sp = append(sp, scanpdf.Page{Image: img, DPI: float64(c.DPI), Codec: c.Codec, Turn: turn})
			}
			var buf bytes.Buffer
			if err := scanpdf.Write(&buf, sp); err != nil {
				return nil, err
			}
			if err := os.WriteFile(filepath.Join(lib, f.Name), buf.Bytes(), 0o644); err != nil {
				return nil, err
			}
			fmt.Fprintf(&catalog, "%s,Scan %s,%s\n", f.Name, strings.TrimSuffix(f.Name, ".pdf"), lang)
			files = append(files, f)
		}
	}
	return files, os.WriteFile(filepath.Join(lib, "catalog.csv"), []byte(catalog.String()), 0o644)
}

// addNoise adds grain (±28 grey levels) and 0.3% salt-and-pepper specks.
func addNoise(img *image.Gray, seed uint64) {
	r := rand.New(rand.NewPCG(seed, 1414))
	for i, v := range img.Pix {
		x := int(v) + r.IntN(57) - 28
		switch f := r.Float64(); {
		case f < 0.0015:
			x = 0
		case f < 0.003:
			x = 255
		}
		img.Pix[i] = uint8(max(0, min(255, x)))
	}
}

// skew turns an image by deg degrees about its centre (nearest pixel, as
// a scanner's slightly crooked page), on white.
func skew(src *image.Gray, deg float64) *image.Gray {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	dst := image.NewGray(image.Rect(0, 0, w, h))
	s, c := math.Sincos(deg * math.Pi / 180)
	cx, cy := float64(w)/2, float64(h)/2
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dx, dy := float64(x)-cx, float64(y)-cy
			sx, sy := int(c*dx+s*dy+cx), int(-s*dx+c*dy+cy)
			v := uint8(255)
			if sx >= 0 && sy >= 0 && sx < w && sy < h {
				v = src.Pix[sy*src.Stride+sx]
			}
			dst.Pix[y*dst.Stride+x] = v
		}
	}
	return dst
}
