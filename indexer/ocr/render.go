package ocr

import (
	"context"
	"errors"
	"fmt"
	"image"
	"os/exec"
	"strconv"
)

// ErrNoRenderer means neither pdftoppm nor mutool is installed.
var ErrNoRenderer = errors.New("no page renderer installed (pdftoppm or mutool)")

// Renderer draws PDF pages into grey images with pdftoppm (poppler) or,
// failing that, mutool (MuPDF).
type Renderer struct {
	program string
	mutool  bool
}

// FindRenderer looks up pdftoppm, then mutool, on PATH.
func FindRenderer() (*Renderer, error) {
	if p, err := exec.LookPath("pdftoppm"); err == nil {
		return &Renderer{program: p}, nil
	}
	if p, err := exec.LookPath("mutool"); err == nil {
		return &Renderer{program: p, mutool: true}, nil
	}
	return nil, ErrNoRenderer
}

// Name is the renderer's program.
func (r *Renderer) Name() string { return r.program }

// Render draws page (from 1) of the PDF at path at dpi into a grey image.
// The caller chooses dpi so that the image stays within MaxPixels.
func (r *Renderer) Render(ctx context.Context, path string, page, dpi int) (*image.Gray, error) {
	n := strconv.Itoa(page)
	var cmd *exec.Cmd
	if r.mutool {
		cmd = command(ctx, r.program, "draw", "-q", "-o", "-", "-F", "pgm", "-c", "gray", "-r", strconv.Itoa(dpi), path, n)
	} else {
		cmd = command(ctx, r.program, "-q", "-gray", "-r", strconv.Itoa(dpi), "-f", n, "-l", n, path)
	}
	out, err := run(ctx, cmd, nil)
	if err != nil {
		return nil, fmt.Errorf("render page %d: %w", page, err)
	}
	return parsePGM(out)
}

// parsePGM reads a binary PGM (P5, 8 bits).
func parsePGM(b []byte) (*image.Gray, error) {
	var fields [4]int
	pos := 0
	for i := 0; i < 4; i++ {
		for pos < len(b) && (b[pos] == ' ' || b[pos] == '\n' || b[pos] == '\r' || b[pos] == '\t' || b[pos] == '#') {
			if b[pos] == '#' {
				for pos < len(b) && b[pos] != '\n' {
					pos++
				}
				continue
			}
			pos++
		}
		start := pos
		for pos < len(b) && b[pos] > ' ' {
			pos++
		}
		tok := string(b[start:pos])
		if i == 0 {
			if tok != "P5" {
				return nil, fmt.Errorf("renderer wrote %q, not a PGM image", tok)
			}
			continue
		}
		v, err := strconv.Atoi(tok)
		if err != nil || v <= 0 {
			return nil, fmt.Errorf("bad PGM header")
		}
		fields[i] = v
	}
	pos++ // the single whitespace after maxval
	w, h, maxval := fields[1], fields[2], fields[3]
	if maxval != 255 {
		return nil, fmt.Errorf("PGM with maximum %d: only 8-bit images are read", maxval)
	}
	if w*h > MaxPixels || w > 1<<20 || h > 1<<20 {
		return nil, fmt.Errorf("rendered image of %d × %d pixels is too large", w, h)
	}
	if len(b)-pos < w*h {
		return nil, fmt.Errorf("rendered image is truncated")
	}
	img := image.NewGray(image.Rect(0, 0, w, h))
	copy(img.Pix, b[pos:pos+w*h])
	return img, nil
}
