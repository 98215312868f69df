package scanpdf

import (
	"bytes"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"golang.org/x/image/ccitt"
)

func picture(w, h int) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			g.Pix[y*g.Stride+x] = 255
			if y < h/10 || (y > h*3/4 && x < w/2) || (x+y)%37 == 0 {
				g.Pix[y*g.Stride+x] = 0
			}
		}
	}
	return g
}

// TestG4RoundTrip decodes the Group 4 encoding with golang.org/x/image/ccitt.
func TestG4RoundTrip(t *testing.T) {
	want := picture(203, 117)
	rows := make([][]bool, 117)
	for y := range rows {
		rows[y] = make([]bool, 203)
		for x := range rows[y] {
			rows[y][x] = want.Pix[y*want.Stride+x] < 128
		}
	}
	got := image.NewGray(want.Bounds())
	if err := ccitt.DecodeIntoGray(got, bytes.NewReader(encodeG4(rows, 203)), ccitt.MSB, ccitt.Group4, nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Pix, want.Pix) {
		t.Error("decoded image differs")
	}
}

// TestRenderedUpright checks the page geometry against an independent
// renderer: every turn must show the picture upright.
func TestRenderedUpright(t *testing.T) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm not installed (poppler-utils)")
	}
	want := picture(200, 300)
	for i := range want.Pix {
		if (i%want.Stride+i/want.Stride)%37 == 0 {
			want.Pix[i] = 255 // no one-pixel lines: renderers place edges to a pixel
		}
	}
	for _, turn := range []string{Upright, TurnedCTM, TurnedRot} {
		var buf bytes.Buffer
		if err := Write(&buf, []Page{{Image: want, DPI: 100, Codec: Flate, Turn: turn}}); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "p.pdf")
		os.WriteFile(path, buf.Bytes(), 0o644)
		out, err := exec.Command("pdftoppm", "-gray", "-r", strconv.Itoa(100), path).Output()
		if err != nil {
			t.Fatal(err)
		}
		var w, h int
		var maxv int
		var n int
		if _, err := fmtSscan(out, &w, &h, &maxv, &n); err != nil || w != 200 || h != 300 {
			t.Fatalf("%q: rendered %d × %d (%v)", turn, w, h, err)
		}
		pix := out[n:]
		diff := 0
		for i := range want.Pix {
			d := int(pix[i]) - int(want.Pix[i])
			if d > 85 || d < -85 {
				diff++
			}
		}
		if diff > len(want.Pix)/50 {
			t.Errorf("%q: %d of %d pixels differ from the picture", turn, diff, len(want.Pix))
		}
	}
}

// fmtSscan reads a PGM header, returning the offset of the pixels.
func fmtSscan(b []byte, w, h, maxv, n *int) (int, error) {
	f := bytes.Fields(b[:min(len(b), 40)])
	var err error
	if *w, err = strconv.Atoi(string(f[1])); err != nil {
		return 0, err
	}
	*h, _ = strconv.Atoi(string(f[2]))
	*maxv, _ = strconv.Atoi(string(f[3]))
	*n = bytes.Index(b, f[3]) + len(f[3]) + 1
	return 4, nil
}
