package pdftext

import (
	"fmt"

	"github.com/ledongthuc/pdf"
)

// colorSpace turns an image sample (components scaled to 0..1) into grey.
type colorSpace struct {
	components int
	gray       func(c []float64) uint8
	palette    []uint8 // Indexed: the grey of each index
}

func grayOf(v float64) uint8 { return uint8(max(0, min(255, v*255+0.5))) }

var (
	deviceGray = colorSpace{components: 1, gray: func(c []float64) uint8 { return grayOf(c[0]) }}
	deviceRGB  = colorSpace{components: 3, gray: func(c []float64) uint8 { return grayOf(0.299*c[0] + 0.587*c[1] + 0.114*c[2]) }}
	deviceCMYK = colorSpace{components: 4, gray: func(c []float64) uint8 {
		return grayOf(1 - min(1, 0.3*c[0]+0.59*c[1]+0.11*c[2]+c[3]))
	}}
	// tint spaces (Separation, one-ink DeviceN): 1 is full ink
	tint = colorSpace{components: 1, gray: func(c []float64) uint8 { return grayOf(1 - c[0]) }}
)

// readColorSpace reads an image's /ColorSpace. Image masks are one-bit
// stencils painted black.
func readColorSpace(v pdf.Value, mask bool) (colorSpace, error) {
	if mask {
		return deviceGray, nil
	}
	return colorSpaceOf(v, 0)
}

func colorSpaceOf(v pdf.Value, depth int) (colorSpace, error) {
	if depth > 4 {
		return colorSpace{}, &NeedsRenderError{Reason: "unsupported colour space (nested too deep)"}
	}
	name := v.Name()
	if v.Kind() == pdf.Array && v.Len() > 0 {
		name = v.Index(0).Name()
	}
	switch name {
	case "DeviceGray", "G", "CalGray":
		return deviceGray, nil
	case "DeviceRGB", "RGB", "CalRGB":
		return deviceRGB, nil
	case "DeviceCMYK", "CMYK":
		return deviceCMYK, nil
	case "ICCBased":
		switch v.Index(1).Key("N").Int64() {
		case 1:
			return deviceGray, nil
		case 3:
			return deviceRGB, nil
		case 4:
			return deviceCMYK, nil
		}
	case "Separation":
		return tint, nil
	case "DeviceN":
		if v.Index(1).Len() == 1 {
			return tint, nil
		}
	case "Lab":
		return colorSpace{components: 3, gray: func(c []float64) uint8 { return grayOf(c[0]) }}, nil
	case "Indexed", "I":
		return indexedSpace(v, depth)
	}
	return colorSpace{}, &NeedsRenderError{Reason: fmt.Sprintf("unsupported colour space %s", name)}
}

// indexedSpace reads [/Indexed base hival lookup].
func indexedSpace(v pdf.Value, depth int) (colorSpace, error) {
	base, err := colorSpaceOf(v.Index(1), depth+1)
	if err != nil {
		return colorSpace{}, err
	}
	hival := int(v.Index(2).Int64())
	if hival < 0 || hival > 255 {
		return colorSpace{}, fmt.Errorf("%w: indexed colour space with %d colours", ErrBadImage, hival+1)
	}
	lk := v.Index(3)
	var table []byte
	if lk.Kind() == pdf.Stream {
		table = readStream(lk, (hival+1)*base.components)
	} else {
		table = []byte(lk.RawString())
	}
	grays := make([]uint8, hival+1)
	comp := make([]float64, base.components)
	for i := range grays {
		grays[i] = 255
		if (i+1)*base.components <= len(table) {
			for c := range comp {
				comp[c] = float64(table[i*base.components+c]) / 255
			}
			grays[i] = base.gray(comp)
		}
	}
	return colorSpace{components: 1, palette: grays}, nil
}
