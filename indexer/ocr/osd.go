package ocr

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"image"
	"strconv"
	"strings"
)

// Layout is what Tesseract's orientation and script detection says of a
// page.
type Layout struct {
	// Rotate is the clockwise turn (0, 90, 180, 270) that makes the page
	// upright.
	Rotate     int
	Script     string // "Latin", "Cyrillic", "Arabic", ...
	Confidence float64
}

// ErrNoLayout means the page has too little text to tell its orientation.
var ErrNoLayout = errors.New("too little text to detect orientation and script")

// DetectLayout runs Tesseract's orientation and script detection (needs
// the osd language data).
func (e *Engine) DetectLayout(ctx context.Context, img *image.Gray, dpi int) (Layout, error) {
	args := []string{"stdin", "stdout", "--psm", "0"}
	if dpi > 0 {
		args = append(args, "--dpi", strconv.Itoa(dpi))
	}
	out, err := run(ctx, command(ctx, e.program, args...), pgm(img))
	if err != nil {
		if strings.Contains(err.Error(), "Too few characters") {
			return Layout{}, ErrNoLayout
		}
		return Layout{}, err
	}
	var l Layout
	found := false
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		switch k {
		case "Rotate":
			l.Rotate, _ = strconv.Atoi(v)
			found = true
		case "Script":
			l.Script = v
		case "Orientation confidence":
			l.Confidence, _ = strconv.ParseFloat(v, 64)
		}
	}
	if !found {
		return Layout{}, ErrNoLayout
	}
	return l, nil
}

// scriptLang is the Tesseract language to read a script with when the
// document's language is not known.
var scriptLang = map[string]string{
	"Cyrillic": "rus", "Arabic": "ara", "Greek": "ell", "Hebrew": "heb", "Han": "chi_sim",
	"Japanese": "jpn", "Hangul": "kor", "Thai": "tha", "Devanagari": "hin", "Latin": "eng",
}

// LanguageForScript is the installed language that reads a script, or "".
func (e *Engine) LanguageForScript(script string) string {
	if l := scriptLang[script]; l != "" && e.Has(l) {
		return l
	}
	return ""
}

// Turn turns an image clockwise by 90, 180 or 270 degrees.
func Turn(src *image.Gray, deg int) *image.Gray {
	deg = ((deg % 360) + 360) % 360
	if deg == 0 {
		return src
	}
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	var dst *image.Gray
	if deg == 180 {
		dst = image.NewGray(image.Rect(0, 0, w, h))
	} else {
		dst = image.NewGray(image.Rect(0, 0, h, w))
	}
	for y := 0; y < h; y++ {
		row := src.Pix[src.PixOffset(b.Min.X, b.Min.Y+y):]
		for x := 0; x < w; x++ {
			var dx, dy int
			switch deg {
			case 90:
				dx, dy = h-1-y, x
			case 180:
				dx, dy = w-1-x, h-1-y
			default: // 270
				dx, dy = y, w-1-x
			}
			dst.Pix[dy*dst.Stride+dx] = row[x]
		}
	}
	return dst
}
