package pdftext

import (
	"bytes"
	"math"
	"sort"
	"strconv"
	"strings"
)

// repairWriter serialises a repaired repairDoc. Objects are renumbered densely
// from 1 (generation 0), so the cross-reference table stays small whatever
// numbers the file used.
type repairWriter struct {
	doc       *repairDoc
	root      pdfRef
	decrypted bool // the original file was encrypted
	newNum    map[int]int
	buf       bytes.Buffer
}

func newRepairWriter(doc *repairDoc) *repairWriter { return &repairWriter{doc: doc} }

// write returns the whole file.
func (w *repairWriter) write() []byte {
	var nums []int
	for num, e := range w.doc.objects {
		if s, ok := e.value.(*pdfStream); ok {
			switch s.dict["Type"] {
			case pdfName("XRef"), pdfName("ObjStm"):
				continue
			}
		}
		nums = append(nums, num)
	}
	sort.Ints(nums)
	w.newNum = make(map[int]int, len(nums))
	for i, n := range nums {
		w.newNum[n] = i + 1
	}
	w.buf.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(nums)+1)
	for i, n := range nums {
		offsets[i+1] = w.buf.Len()
		w.buf.WriteString(strconv.Itoa(i + 1))
		w.buf.WriteString(" 0 obj\n")
		v := w.doc.objects[n].value
		if _, isRef := v.(pdfRef); isRef {
			// The library cannot read an object that is only a reference.
			v = w.doc.resolve(v)
		}
		w.object(v, true)
		w.buf.WriteString("\nendobj\n")
	}
	xref := w.buf.Len()
	w.buf.WriteString("xref\n0 ")
	w.buf.WriteString(strconv.Itoa(len(nums) + 1))
	w.buf.WriteString("\n0000000000 65535 f\r\n")
	for _, off := range offsets[1:] {
		w.buf.WriteString(xrefOffset(off))
		w.buf.WriteString(" 00000 n\r\n")
	}
	trailer := pdfDict{"Size": int64(len(nums) + 1), "Root": w.root}
	if info, ok := w.doc.trailer["Info"].(pdfRef); ok {
		if _, isDict := w.doc.resolve(info).(pdfDict); isDict {
			trailer["Info"] = info
		}
	}
	if id, ok := w.doc.trailer["ID"].(pdfArray); ok {
		trailer["ID"] = id
	}
	if w.decrypted {
		// The copy is no longer encrypted; this entry records that the
		// original was, for readers of the trailer.
		trailer["Decrypted"] = true
	}
	w.buf.WriteString("trailer\n")
	w.object(trailer, false)
	w.buf.WriteString("\nstartxref\n")
	w.buf.WriteString(strconv.Itoa(xref))
	w.buf.WriteString("\n%%EOF\n")
	return w.buf.Bytes()
}

func xrefOffset(n int) string {
	s := strconv.Itoa(n)
	for len(s) < 10 {
		s = "0" + s
	}
	return s
}

// object writes one value; a stream only at the top level of an object.
func (w *repairWriter) object(v any, top bool) {
	b := &w.buf
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			x = 0
		}
		s := strconv.FormatFloat(x, 'f', -1, 64)
		b.WriteString(s)
		if !strings.Contains(s, ".") {
			b.WriteString(".0") // else the library reads an integer, which may overflow
		}
	case pdfName:
		writeObjName(b, x)
	case pdfString:
		const hex = "0123456789abcdef"
		b.WriteByte('<')
		for i := 0; i < len(x); i++ {
			b.WriteByte(hex[x[i]>>4])
			b.WriteByte(hex[x[i]&15])
		}
		b.WriteByte('>')
	case pdfRef:
		n, ok := w.newNum[x.num]
		if !ok {
			b.WriteString("null")
			return
		}
		b.WriteString(strconv.Itoa(n))
		b.WriteString(" 0 R")
	case pdfArray:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(' ')
			}
			w.object(e, false)
		}
		b.WriteByte(']')
	case pdfDict:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, string(k))
		}
		sort.Strings(keys)
		b.WriteString("<<")
		for _, k := range keys {
			writeObjName(b, pdfName(k))
			b.WriteByte(' ')
			w.object(x[pdfName(k)], false)
		}
		b.WriteString(">>")
	case *pdfStream:
		if !top {
			b.WriteString("null")
			return
		}
		w.stream(x)
	default:
		b.WriteString("null")
	}
}

func writeObjName(b *bytes.Buffer, n pdfName) {
	const hex = "0123456789ABCDEF"
	b.WriteByte('/')
	for i := 0; i < len(n); i++ {
		c := n[i]
		if c <= ' ' || c >= 0x7f || c == '#' || isDelimiter(c) {
			b.WriteByte('#')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		b.WriteByte(c)
	}
}

// stream writes a stream, decoding the filters the PDF library lacks.
func (w *repairWriter) stream(s *pdfStream) {
	dict := make(pdfDict, len(s.dict))
	for k, v := range s.dict {
		dict[k] = v
	}
	for _, k := range []pdfName{"Length", "DL", "F", "FFilter", "FDecodeParms"} {
		delete(dict, k)
	}
	data := s.data
	if !libraryReadable(dict, data) {
		out, rest, err := decodeStream(s)
		if err != nil && len(out) == 0 || !imageFiltersOnly(rest[0]) {
			// Undecodable: an empty stream reads better than one the
			// library panics on.
			out, rest = nil, [2]pdfArray{}
		}
		data = out
		setFilters(dict, rest[0], rest[1])
	}
	dict["Length"] = int64(len(data))
	w.object(dict, false)
	w.buf.WriteString("\nstream\n")
	w.buf.Write(data)
	w.buf.WriteString("\nendstream")
}

// libraryReadable reports whether the PDF library decodes the stream as it
// is: no filter, or FlateDecode (with zlib framing, no predictor or the
// PNG-up one) and ASCII85Decode. Images are left alone: their data is never
// read for text.
func libraryReadable(d pdfDict, data []byte) bool {
	if d["Subtype"] == pdfName("Image") {
		return true
	}
	names := filterNames(d)
	if _, isArray := d["Filter"].(pdfArray); isArray && len(names) > 1 {
		return false // the library passes one DecodeParms to every filter
	}
	for i, n := range names {
		p := filterParams(d, i)
		switch n {
		case "FlateDecode":
			if len(data) < 2 || data[0]&0x0f != 8 || (int(data[0])<<8|int(data[1]))%31 != 0 {
				return false
			}
			if pred, ok := p["Predictor"]; ok && !pngUpOnly(p, objInt(pred)) {
				return false
			}
		case "ASCII85Decode":
			if len(p) > 0 {
				return false
			}
		default:
			return false
		}
	}
	if _, ok := d["Filter"]; ok && len(names) == 0 {
		return false
	}
	return true
}

// pngUpOnly reports whether the library's own predictor code, which knows
// only PNG "up" rows of one byte per column and allocates a row of /Columns
// bytes, reads a stream with these parameters safely.
func pngUpOnly(p pdfDict, pred int) bool {
	cols := objInt(p["Columns"])
	return pred == 12 && cols > 0 && cols <= 1<<16 &&
		objInt(p["Colors"]) <= 1 && (p["BitsPerComponent"] == nil || objInt(p["BitsPerComponent"]) == 8)
}

// imageFiltersOnly reports whether every filter left undecoded is one of
// the image codecs the library passes through untouched when nobody reads
// the data.
func imageFiltersOnly(names pdfArray) bool {
	for _, n := range names {
		switch n {
		case pdfName("DCTDecode"), pdfName("JPXDecode"), pdfName("CCITTFaxDecode"), pdfName("JBIG2Decode"):
		default:
			return false
		}
	}
	return true
}
