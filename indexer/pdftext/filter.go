package pdftext

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"encoding/ascii85"
	"errors"
	"fmt"
	"io"
)

// maxDecoded bounds the decoded size of one stream, so a small compressed
// stream cannot claim an unbounded amount of memory.
const maxDecoded = 256 << 20

var errTooLarge = errors.New("decoded stream too large")

// filterNames returns the names in a stream's /Filter (a name or an array).
func filterNames(d pdfDict) []pdfName {
	switch f := d["Filter"].(type) {
	case pdfName:
		return []pdfName{f}
	case pdfArray:
		var names []pdfName
		for _, x := range f {
			if n, ok := x.(pdfName); ok {
				names = append(names, n)
			}
		}
		return names
	}
	return nil
}

// filterParams returns the /DecodeParms of the i-th filter.
func filterParams(d pdfDict, i int) pdfDict {
	switch p := d["DecodeParms"].(type) {
	case pdfDict:
		if i == 0 {
			return p
		}
	case pdfArray:
		if i < len(p) {
			q, _ := p[i].(pdfDict)
			return q
		}
	}
	return nil
}

func removeCryptFilter(d pdfDict) {
	names := filterNames(d)
	var keep pdfArray
	var params pdfArray
	for i, n := range names {
		if n != "Crypt" {
			keep = append(keep, n)
			params = append(params, anyDict(filterParams(d, i)))
		}
	}
	setFilters(d, keep, params)
}

func anyDict(d pdfDict) any {
	if d == nil {
		return nil
	}
	return d
}

// setFilters replaces a stream's filter chain.
func setFilters(d pdfDict, names, params pdfArray) {
	delete(d, "Filter")
	delete(d, "DecodeParms")
	if len(names) == 0 {
		return
	}
	d["Filter"] = names
	for _, p := range params {
		if p != nil {
			d["DecodeParms"] = params
			break
		}
	}
}

// canDecode reports whether decodeFilter knows the filter. Image-only
// filters (DCT, JPX, CCITT, JBIG2) are left as they are.
func canDecode(name pdfName) bool {
	switch name {
	case "FlateDecode", "Fl", "LZWDecode", "LZW", "ASCIIHexDecode", "AHx",
		"ASCII85Decode", "A85", "RunLengthDecode", "RL":
		return true
	}
	return false
}

// decodeFilter applies one filter. On damaged input it returns what it
// could decode along with the error.
func decodeFilter(name pdfName, params pdfDict, data []byte) ([]byte, error) {
	var out []byte
	var err error
	switch name {
	case "FlateDecode", "Fl":
		out, err = inflateData(data)
	case "LZWDecode", "LZW":
		early := true
		if v, ok := params["EarlyChange"].(int64); ok && v == 0 {
			early = false
		}
		out, err = lzwDecode(data, early)
	case "ASCIIHexDecode", "AHx":
		out = asciiHexDecode(data)
	case "ASCII85Decode", "A85":
		out, err = ascii85Decode(data)
	case "RunLengthDecode", "RL":
		out = runLengthDecode(data)
	default:
		return data, fmt.Errorf("unsupported filter %s", name)
	}
	if name == "FlateDecode" || name == "Fl" || name == "LZWDecode" || name == "LZW" {
		out = unpredict(out, params)
	}
	return out, err
}

// inflateData decodes zlib data, or raw deflate data written without the zlib
// header, keeping what was decoded before any damage.
func inflateData(data []byte) ([]byte, error) {
	var r io.Reader
	if zr, err := zlib.NewReader(bytes.NewReader(data)); err == nil {
		r = zr
	} else {
		r = flate.NewReader(bytes.NewReader(data))
	}
	return readAllBounded(r)
}

func readAllBounded(r io.Reader) ([]byte, error) {
	var buf bytes.Buffer
	n, err := io.Copy(&buf, io.LimitReader(r, maxDecoded+1))
	if n > maxDecoded {
		return buf.Bytes()[:maxDecoded], errTooLarge
	}
	if errors.Is(err, io.ErrUnexpectedEOF) && n > 0 {
		err = nil // truncated at the end: keep the text
	}
	return buf.Bytes(), err
}

func asciiHexDecode(data []byte) []byte {
	out, _ := decodeHex(data)
	return out
}

func ascii85Decode(data []byte) ([]byte, error) {
	clean := make([]byte, 0, len(data))
	data = bytes.TrimLeft(data, " \t\r\n\f\x00")
	data = bytes.TrimPrefix(data, []byte("<~"))
	for i := 0; i < len(data); i++ {
		c := data[i]
		if c == '~' {
			break
		}
		if c == 'z' || c >= '!' && c <= 'u' {
			clean = append(clean, c)
		}
	}
	out := make([]byte, len(clean)*4/5+4*bytes.Count(clean, []byte("z"))+4)
	n, _, err := ascii85.Decode(out, clean, true)
	return out[:n], err
}

func runLengthDecode(data []byte) []byte {
	var out []byte
	for i := 0; i < len(data) && len(out) < maxDecoded; {
		n := int(data[i])
		i++
		switch {
		case n == 128:
			return out
		case n < 128:
			end := min(i+n+1, len(data))
			out = append(out, data[i:end]...)
			i = end
		default:
			if i < len(data) {
				out = append(out, bytes.Repeat(data[i:i+1], 257-n)...)
			}
			i++
		}
	}
	return out
}

// lzwDecode decodes PDF's LZW: MSB-first codes of 9 to 12 bits, 256 clears
// the table, 257 ends the data; with early change (the default) the code
// width grows one code early.
func lzwDecode(data []byte, early bool) ([]byte, error) {
	var out []byte
	table := make([][]byte, 258, 4096)
	reset := func() {
		table = table[:258]
		for i := 0; i < 256; i++ {
			table[i] = []byte{byte(i)}
		}
	}
	reset()
	width := 9
	var bits uint32
	nbits := 0
	var prev []byte
	ext := 0
	if early {
		ext = 1
	}
	for pos := 0; ; {
		for nbits < width && pos < len(data) {
			bits = bits<<8 | uint32(data[pos])
			pos++
			nbits += 8
		}
		if nbits < width {
			return out, nil
		}
		code := int(bits>>(nbits-width)) & (1<<width - 1)
		nbits -= width
		switch {
		case code == 256:
			reset()
			width = 9
			prev = nil
			continue
		case code == 257:
			return out, nil
		}
		var seq []byte
		switch {
		case code < len(table):
			seq = table[code]
		case code == len(table) && prev != nil:
			seq = append(append([]byte(nil), prev...), prev[0])
		default:
			return out, errors.New("bad LZW code")
		}
		out = append(out, seq...)
		if len(out) > maxDecoded {
			return out[:maxDecoded], errTooLarge
		}
		if prev != nil && len(table) < 4096 {
			e := make([]byte, len(prev)+1)
			copy(e, prev)
			e[len(prev)] = seq[0]
			table = append(table, e)
		}
		prev = seq
		if len(table)+ext >= 1<<width && width < 12 {
			width++
		}
	}
}

// unpredict undoes a PNG (10 and up) or TIFF (2) predictor.
func unpredict(data []byte, params pdfDict) []byte {
	pred := objInt(params["Predictor"])
	if pred < 2 {
		return data
	}
	colors := max(objInt(params["Colors"]), 1)
	bpc := objInt(params["BitsPerComponent"])
	if bpc == 0 {
		bpc = 8
	}
	columns := objInt(params["Columns"])
	if columns == 0 {
		columns = 1
	}
	if colors > 64 || bpc > 16 || columns > 1<<20 {
		return data
	}
	bpp := max((colors*bpc+7)/8, 1)
	rowLen := (colors*bpc*columns + 7) / 8
	if pred == 2 {
		if bpc != 8 {
			return data
		}
		out := append([]byte(nil), data...)
		for r := 0; r+rowLen <= len(out); r += rowLen {
			for i := bpp; i < rowLen; i++ {
				out[r+i] += out[r+i-bpp]
			}
		}
		return out
	}
	out := make([]byte, 0, len(data))
	prev := make([]byte, rowLen)
	for r := 0; r < len(data); r += rowLen + 1 {
		ft := data[r]
		row := make([]byte, rowLen)
		copy(row, data[min(r+1, len(data)):min(r+1+rowLen, len(data))])
		for i := range row {
			var a, b, c byte
			if i >= bpp {
				a, c = row[i-bpp], prev[i-bpp]
			}
			b = prev[i]
			switch ft {
			case 1:
				row[i] += a
			case 2:
				row[i] += b
			case 3:
				row[i] += byte((int(a) + int(b)) / 2)
			case 4:
				row[i] += paeth(a, b, c)
			}
		}
		out = append(out, row...)
		prev = row
	}
	return out
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := absInt(p-int(a)), absInt(p-int(b)), absInt(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
