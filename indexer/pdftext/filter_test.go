package pdftext

import (
	"bytes"
	"compress/flate"
	"compress/lzw"
	"encoding/ascii85"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestDecodeFilter(t *testing.T) {
	text := []byte("Modern slavery: recognise the signs, refer to the NRM. Modern slavery again, again, again.")
	a85 := make([]byte, ascii85.MaxEncodedLen(len(text)))
	a85 = a85[:ascii85.Encode(a85, text)]
	var raw bytes.Buffer
	fw, _ := flate.NewWriter(&raw, flate.BestSpeed)
	fw.Write(text)
	fw.Close()

	tests := []struct {
		name   string
		filter pdfName
		params pdfDict
		in     []byte
		want   []byte
	}{
		{"hex", "ASCIIHexDecode", nil, []byte("48 65 6c\n6C 6f>"), []byte("Hello")},
		{"hex odd digit count", "AHx", nil, []byte("48656>"), []byte("He`")},
		{"ascii85", "ASCII85Decode", nil, append(a85, "~>"...), text},
		{"ascii85 with prefix and white space", "A85", nil, []byte("<~87cU\nRD]i,\"Ebo80~>"), []byte("Hello World!")},
		{"ascii85 z", "ASCII85Decode", nil, []byte("z~>"), []byte{0, 0, 0, 0}},
		{"lzw early change", "LZWDecode", nil, lzwEncode(text, true), text},
		{"lzw without early change", "LZWDecode", pdfDict{"EarlyChange": int64(0)}, lzwEncode(text, false), text},
		{"lzw long input", "LZW", nil, lzwEncode(bytes.Repeat(text, 200), true), bytes.Repeat(text, 200)},
		{"lzw from compress/lzw", "LZWDecode", pdfDict{"EarlyChange": int64(0)}, goLZW(bytes.Repeat(text, 200)), bytes.Repeat(text, 200)},
		{"run length", "RunLengthDecode", nil, []byte{2, 'a', 'b', 'c', 253, 'x', 128}, []byte("abcxxxx")},
		{"flate", "FlateDecode", nil, fixtureZlib(text), text},
		{"flate without zlib header", "FlateDecode", nil, raw.Bytes(), text},
		{"flate truncated keeps the start", "Fl", nil, fixtureZlib(text)[:len(fixtureZlib(text))-8], text[:0]},
		{"flate png up predictor", "FlateDecode", pdfDict{"Predictor": int64(12), "Columns": int64(3)},
			fixtureZlib([]byte{2, 1, 2, 3, 2, 1, 1, 1}), []byte{1, 2, 3, 2, 3, 4}},
		{"flate png sub predictor", "FlateDecode", pdfDict{"Predictor": int64(15), "Columns": int64(3)},
			fixtureZlib([]byte{1, 1, 1, 1, 0, 9, 8, 7}), []byte{1, 2, 3, 9, 8, 7}},
		{"flate tiff predictor", "FlateDecode", pdfDict{"Predictor": int64(2), "Columns": int64(3)},
			fixtureZlib([]byte{1, 1, 1, 5, 0, 1}), []byte{1, 2, 3, 5, 5, 6}},
	}
	for _, tt := range tests {
		got, err := decodeFilter(tt.filter, tt.params, tt.in)
		if tt.name == "flate truncated keeps the start" {
			if !bytes.HasPrefix(text, got) || len(got) == 0 {
				t.Errorf("%s: got %q (%v), want a prefix of the text", tt.name, got, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
		if !bytes.Equal(got, tt.want) {
			t.Errorf("%s: got %q, want %q", tt.name, clipBytes(got), clipBytes(tt.want))
		}
	}
}

func TestDecodeFilterUnknown(t *testing.T) {
	if _, err := decodeFilter("JBIG2Decode", nil, []byte("x")); err == nil {
		t.Error("JBIG2Decode: no error")
	}
}

// Content streams with filters the PDF library lacks are readable after
// repair.
func TestOpenStreamFilters(t *testing.T) {
	content := []byte("BT /F1 12 Tf 20 100 Td (Trafficking indicators) Tj ET")
	hex := []byte(strings.ToUpper(string(bytesToHex(content))) + ">")
	a85 := make([]byte, ascii85.MaxEncodedLen(len(fixtureZlib(content))))
	a85 = append(a85[:ascii85.Encode(a85, fixtureZlib(content))], "~>"...)
	tests := []struct {
		name   string
		filter string
		data   []byte
	}{
		{"ASCIIHexDecode", "/ASCIIHexDecode", hex},
		{"LZWDecode", "/LZWDecode", lzwEncode(content, true)},
		{"abbreviated names", "[/AHx]", hex},
		{"chain", "[/ASCII85Decode /FlateDecode]", a85},
		{"RunLengthDecode", "/RunLengthDecode", append([]byte{byte(len(content) - 1)}, append(content, 128)...)},
	}
	for _, tt := range tests {
		obj := fixtureObj{body: "<< /Length " + fixtureItoa(len(tt.data)) + " /Filter " + tt.filter + " >>", stream: tt.data}
		pages, err := openFixture(t, fixtureOnePage(obj).bytes())
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if want := []string{"Trafficking indicators"}; !reflect.DeepEqual(pages, want) {
			t.Errorf("%s: pages %q, want %q", tt.name, pages, want)
		}
	}
}

// goLZW encodes with the standard library (codes without early change).
func goLZW(data []byte) []byte {
	var b bytes.Buffer
	w := lzw.NewWriter(&b, lzw.MSB, 8)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

func clipBytes(b []byte) []byte {
	if len(b) > 80 {
		return b[:80]
	}
	return b
}

func bytesToHex(b []byte) []byte {
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 2*len(b))
	for _, c := range b {
		out = append(out, digits[c>>4], digits[c&15])
	}
	return out
}

func fixtureItoa(n int) string { return strconv.Itoa(n) }

func TestLibraryReadable(t *testing.T) {
	flate := fixtureZlib([]byte("BT ET"))
	tests := []struct {
		dict pdfDict
		want bool
	}{
		{pdfDict{}, true},
		{pdfDict{"Filter": pdfName("FlateDecode")}, true},
		{pdfDict{"Filter": pdfName("Fl")}, false},
		{pdfDict{"Filter": pdfName("LZWDecode")}, false},
		{pdfDict{"Filter": pdfArray{pdfName("ASCII85Decode"), pdfName("FlateDecode")}}, false},
		{pdfDict{"Filter": pdfName("FlateDecode"), "DecodeParms": pdfDict{"Predictor": int64(12), "Columns": int64(5)}}, true},
		{pdfDict{"Filter": pdfName("FlateDecode"), "DecodeParms": pdfDict{"Predictor": int64(12), "Columns": int64(3400000000)}}, false},
		{pdfDict{"Filter": pdfName("FlateDecode"), "DecodeParms": pdfDict{"Predictor": int64(12), "Columns": int64(5), "Colors": int64(3)}}, false},
		{pdfDict{"Filter": pdfName("FlateDecode"), "DecodeParms": pdfDict{"Predictor": int64(1)}}, false},
		{pdfDict{"Filter": pdfName("DCTDecode"), "Subtype": pdfName("Image")}, true},
	}
	for _, tt := range tests {
		if got := libraryReadable(tt.dict, flate); got != tt.want {
			t.Errorf("libraryReadable(%v) = %v, want %v", tt.dict, got, tt.want)
		}
	}
	if libraryReadable(pdfDict{"Filter": pdfName("FlateDecode")}, []byte("raw deflate")) {
		t.Error("deflate data without a zlib header is not readable by the library")
	}
}

// A stream with a filter nobody knows becomes empty rather than one the
// library panics on.
func TestOpenUnknownFilter(t *testing.T) {
	obj := fixtureObj{body: "<< /Length 3 /Filter /Standard >>", stream: []byte("abc")}
	r, c, err := openReader(t.Context(), fixtureFile(t, fixtureOnePage(obj).bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	s := r.Page(1).V.Key("Contents")
	if s.Key("Filter").Kind() != 0 || s.Key("Length").Int64() != 0 {
		t.Errorf("contents %v", s)
	}
	b := make([]byte, 1)
	if n, _ := s.Reader().Read(b); n != 0 {
		t.Errorf("read %d bytes", n)
	}
}
