package ocr

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"strconv"
	"strings"
)

// Text is what Tesseract read on one page.
type Text struct {
	Text string `json:"text"`
	// Confidence is Tesseract's mean word confidence, 0 to 100; 0 when no
	// word was read.
	Confidence float64 `json:"confidence"`
	Words      int     `json:"words"`
}

// Options say how to read a page.
type Options struct {
	// Languages are Tesseract languages (eng, fra, ...), tried together;
	// empty means eng.
	Languages []string
	// DPI is the image's resolution, when known; it helps Tesseract judge
	// the size of the text.
	DPI int
}

// MaxPixels bounds the images handed to Tesseract and read from a
// renderer (about A3 at 600 dpi).
const MaxPixels = 80_000_000

// Recognize reads the text of a grey page image. It honours ctx: the
// Tesseract process is killed when ctx ends.
func (e *Engine) Recognize(ctx context.Context, img *image.Gray, opt Options) (Text, error) {
	b := img.Bounds()
	if b.Dx() <= 0 || b.Dy() <= 0 {
		return Text{}, errors.New("empty image")
	}
	if b.Dx()*b.Dy() > MaxPixels {
		return Text{}, fmt.Errorf("image of %d × %d pixels is too large to read", b.Dx(), b.Dy())
	}
	langs := opt.Languages
	if len(langs) == 0 {
		langs = []string{"eng"}
	}
	for _, l := range langs {
		if !e.Has(l) {
			return Text{}, fmt.Errorf("tesseract language %q is not installed", l)
		}
	}
	args := []string{"stdin", "stdout", "-l", strings.Join(langs, "+"), "--psm", "3"}
	if opt.DPI > 0 {
		args = append(args, "--dpi", strconv.Itoa(opt.DPI))
	}
	args = append(args, "tsv")
	out, err := run(ctx, command(ctx, e.program, args...), pgm(img))
	if err != nil {
		return Text{}, err
	}
	return parseTSV(out), nil
}

// pgm encodes a grey image as a binary PGM, which Tesseract reads from
// stdin without any decoding cost worth speaking of.
func pgm(img *image.Gray) []byte {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	var buf bytes.Buffer
	buf.Grow(w*h + 32)
	fmt.Fprintf(&buf, "P5\n%d %d\n255\n", w, h)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		off := img.PixOffset(b.Min.X, y)
		buf.Write(img.Pix[off : off+w])
	}
	return buf.Bytes()
}

// parseTSV assembles Tesseract's TSV output (one row per word, numbered by
// block, paragraph and line) into text: words of a line joined by spaces,
// lines by newlines, paragraphs and blocks by an empty line.
func parseTSV(out []byte) Text {
	var t Text
	var sb strings.Builder
	var sum float64
	lastBlock, lastPar, lastLine := -1, -1, -1
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for first := true; sc.Scan(); first = false {
		if first {
			continue // the heading row
		}
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 12 || f[0] != "5" {
			continue
		}
		word := strings.TrimSpace(f[11])
		conf, err := strconv.ParseFloat(f[10], 64)
		if word == "" || err != nil || conf < 0 {
			continue
		}
		block, _ := strconv.Atoi(f[2])
		par, _ := strconv.Atoi(f[3])
		line, _ := strconv.Atoi(f[4])
		switch {
		case sb.Len() == 0:
		case block != lastBlock || par != lastPar:
			sb.WriteString("\n\n")
		case line != lastLine:
			sb.WriteByte('\n')
		default:
			sb.WriteByte(' ')
		}
		sb.WriteString(word)
		lastBlock, lastPar, lastLine = block, par, line
		sum += conf
		t.Words++
	}
	t.Text = sb.String()
	if t.Words > 0 {
		t.Confidence = sum / float64(t.Words)
	}
	return t
}
