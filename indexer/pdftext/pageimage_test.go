package pdftext

import (
	"bytes"
	"context"
	"errors"
	"image"
	"os"
	"path/filepath"
	"testing"

	"handbooks/internal/scanpdf"
)

// testPicture is an asymmetric grey picture: a black bar along the top, a
// black block in the left half of the bottom, on white.
func testPicture(w, h int) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, w, h))
	for i := range g.Pix {
		g.Pix[i] = 255
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if y < h/10 || (y > h*3/4 && x < w/2) {
				g.Pix[y*g.Stride+x] = 0
			}
		}
	}
	return g
}

func writeScan(t *testing.T, pages []scanpdf.Page) string {
	t.Helper()
	var buf bytes.Buffer
	if err := scanpdf.Write(&buf, pages); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "scan.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// differing counts the pixels that differ by more than a third of the
// grey scale.
func differing(a, b *image.Gray) int {
	n := 0
	for y := 0; y < a.Bounds().Dy(); y++ {
		for x := 0; x < a.Bounds().Dx(); x++ {
			d := int(a.GrayAt(x, y).Y) - int(b.GrayAt(x, y).Y)
			if d > 85 || d < -85 {
				n++
			}
		}
	}
	return n
}

// TestPageImageRoundTrip stores a picture with each codec, upright and
// turned (by the matrix and by /Rotate), and reads it back upright.
func TestPageImageRoundTrip(t *testing.T) {
	want := testPicture(300, 400)
	for _, codec := range []string{scanpdf.JPEG, scanpdf.G4, scanpdf.Flate} {
		for _, turn := range []string{scanpdf.Upright, scanpdf.TurnedCTM, scanpdf.TurnedRot} {
			t.Run(codec+"/"+turn, func(t *testing.T) {
				path := writeScan(t, []scanpdf.Page{{Image: want, DPI: 100, Codec: codec, Turn: turn}})
				res := Extract(context.Background(), path)
				if len(res.Pages) != 1 || !res.Pages[0].NeedsOCR || res.Pages[0].OCRReason != ScanNoText {
					t.Fatalf("extract: %+v", res.Pages)
				}
				ir, err := OpenImages(context.Background(), path)
				if err != nil {
					t.Fatal(err)
				}
				got, err := ir.Page(context.Background(), 1)
				if err != nil {
					t.Fatal(err)
				}
				if got.Gray.Bounds().Size() != want.Bounds().Size() || got.DPI != 100 {
					t.Fatalf("got %v at %d dpi, want %v at 100", got.Gray.Bounds().Size(), got.DPI, want.Bounds().Size())
				}
				if n := differing(got.Gray, want); n > 300*400/100 {
					t.Errorf("%d pixels differ", n)
				}
			})
		}
	}
}

// TestPageImageHostile: images no page needs, and damaged ones, are a
// clear error, not a crash or an allocation of gigabytes.
func TestPageImageHostile(t *testing.T) {
	var jpg bytes.Buffer
	if err := scanpdf.Write(&jpg, []scanpdf.Page{{Image: testPicture(300, 400), DPI: 100, Codec: scanpdf.JPEG}}); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		pdf  func() []byte
		want error
	}{
		{"bomb", func() []byte {
			return imagePagePDF("/Width 100000 /Height 100000 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode", "x\x9c\x03\x00\x00\x00\x00\x01")
		}, ErrBadImage},
		{"truncated jpeg", func() []byte {
			b := jpg.Bytes()
			i := bytes.Index(b, []byte("stream\n")) + len("stream\n")
			j := bytes.Index(b, []byte("\nendstream"))
			cut := append(append([]byte{}, b[:i+(j-i)/3]...), b[j:]...)
			return cut
		}, ErrBadImage},
		{"absurd dpi", func() []byte {
			return imagePagePDF("/Width 4 /Height 4 /ColorSpace /DeviceGray /BitsPerComponent 8", "0123456789abcdef")
		}, ErrBadImage},
		{"jbig2", func() []byte {
			return imagePagePDF("/Width 2550 /Height 3300 /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /JBIG2Decode", "\x00\x00\x00\x00")
		}, &NeedsRenderError{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "x.pdf")
			if err := os.WriteFile(path, c.pdf(), 0o644); err != nil {
				t.Fatal(err)
			}
			ir, err := OpenImages(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			_, err = ir.Page(context.Background(), 1)
			var nr *NeedsRenderError
			switch want := c.want.(type) {
			case *NeedsRenderError:
				if !errors.As(err, &nr) {
					t.Fatalf("err = %v, want a page to render", err)
				}
			default:
				if !errors.Is(err, want) {
					t.Fatalf("err = %v, want %v", err, want)
				}
			}
			t.Logf("%s: %v", c.name, err)
		})
	}
}

// imagePagePDF is a one-page document whose page is one image drawn over
// a US Letter page.
func imagePagePDF(imageDict, data string) []byte {
	p := &testPDF{}
	p.add("<< /Type /Catalog /Pages 2 0 R >>")
	p.add("<< /Type /Pages /Kids [5 0 R] /Count 1 >>")
	p.add(stream("/Type /XObject /Subtype /Image "+imageDict, data))
	p.add(stream("", "q 612 0 0 792 0 0 cm /Im0 Do Q"))
	p.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im0 3 0 R >> >> /Contents 4 0 R >>")
	return p.bytes()
}
