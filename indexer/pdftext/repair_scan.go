package pdftext

import (
	"bytes"
	"sort"
)

// repairDoc is every object found in a file, read by scanning for
// "N G obj" rather than by trusting the cross-reference table, so damaged
// or missing tables do not matter.
type repairDoc struct {
	objects map[int]*objEntry // by object number; the latest definition wins
	trailer pdfDict           // merged trailers, later ones taking precedence
	objStms []*objEntry       // object streams, unpacked once decryption is known
}

type objEntry struct {
	gen    int
	pos    int  // offset in the file (of the object stream for packed objects)
	packed bool // read from an object stream (so not encrypted by itself)
	value  any
}

// maxObjects bounds the object table of one file.
const maxObjects = 5_000_000

// scanObjects reads every object and trailer in data.
func scanObjects(data []byte) *repairDoc {
	doc := &repairDoc{objects: map[int]*objEntry{}, trailer: pdfDict{}}
	type trailerAt struct {
		pos  int
		dict pdfDict
	}
	var trailers []trailerAt
	var objStms []*objEntry
	var lengthRefs []*lengthRef

	for i := 0; i < len(data); {
		k := bytes.Index(data[i:], []byte("obj"))
		if k < 0 {
			break
		}
		at := i + k
		num, gen, start, ok := objHeader(data, at)
		if !ok {
			i = at + 3
			continue
		}
		l := &objLexer{buf: data, pos: at + 3}
		v, end, sa := readIndirect(l)
		if sa != nil {
			lengthRefs = append(lengthRefs, sa)
		}
		if len(doc.objects) < maxObjects || doc.objects[num] != nil {
			e := &objEntry{gen: gen, pos: start, value: v}
			if old := doc.objects[num]; old == nil || old.pos <= start {
				doc.objects[num] = e
			}
			if s, ok := v.(*pdfStream); ok {
				switch s.dict["Type"] {
				case pdfName("ObjStm"):
					objStms = append(objStms, e)
				case pdfName("XRef"):
					trailers = append(trailers, trailerAt{start, s.dict})
				}
			}
		}
		if end <= at {
			end = at + 3
		}
		i = end
	}

	for i := 0; i < len(data); {
		k := bytes.Index(data[i:], []byte("trailer"))
		if k < 0 {
			break
		}
		at := i + k
		l := &objLexer{buf: data, pos: at + len("trailer")}
		if v, err := l.object(0); err == nil {
			if d, ok := v.(pdfDict); ok {
				trailers = append(trailers, trailerAt{at, d})
			}
		}
		i = at + len("trailer")
	}
	sort.SliceStable(trailers, func(i, j int) bool { return trailers[i].pos < trailers[j].pos })
	for _, t := range trailers {
		for k, v := range t.dict {
			switch k {
			case "Root", "Info", "Encrypt", "ID":
				doc.trailer[k] = v
			}
		}
	}

	doc.fixIndirectLengths(data, lengthRefs)
	doc.objStms = objStms
	return doc
}

// objHeader checks that "obj" at data[at:] is preceded by "N G" and followed
// by a delimiter, and returns N, G and the offset of N.
func objHeader(data []byte, at int) (num, gen, start int, ok bool) {
	if e := at + 3; e < len(data) && !isWhite(data[e]) && !isDelimiter(data[e]) {
		return 0, 0, 0, false
	}
	i := at - 1
	if i < 0 || !isWhite(data[i]) {
		// "1 0obj" is rare but seen; accept a digit right before.
		if i < 0 || data[i] < '0' || data[i] > '9' {
			return 0, 0, 0, false
		}
	}
	for i >= 0 && isWhite(data[i]) {
		i--
	}
	gen, i, ok = digitsBefore(data, i)
	if !ok || i < 0 || !isWhite(data[i]) {
		return 0, 0, 0, false
	}
	for i >= 0 && isWhite(data[i]) {
		i--
	}
	num, i, ok = digitsBefore(data, i)
	if !ok || gen > 65535 {
		return 0, 0, 0, false
	}
	if i >= 0 && !isWhite(data[i]) && !isDelimiter(data[i]) && data[i] != '>' {
		return 0, 0, 0, false
	}
	return num, gen, i + 1, true
}

// digitsBefore reads the decimal number ending at data[i].
func digitsBefore(data []byte, i int) (n, before int, ok bool) {
	end := i
	for i >= 0 && data[i] >= '0' && data[i] <= '9' && end-i < 10 {
		i--
	}
	if i == end {
		return 0, i, false
	}
	for _, c := range data[i+1 : end+1] {
		n = n*10 + int(c-'0')
	}
	return n, i, true
}

// lengthRef remembers a stream whose /Length is a reference, to be checked
// once every object is known.
type lengthRef struct {
	s     *pdfStream
	start int // offset of the data
	ref   pdfRef
}

// readIndirect reads the body of an object after "obj", including a
// stream's data. It returns the value and the offset just past the object.
func readIndirect(l *objLexer) (any, int, *lengthRef) {
	v, err := l.object(0)
	if err != nil {
		return nil, l.pos, nil
	}
	if _, ok := v.(pdfKeyword); ok {
		return nil, l.pos, nil // "endobj" right away, or junk
	}
	afterValue := l.pos
	d, isDict := v.(pdfDict)
	tok, err := l.token()
	if err != nil {
		return v, l.pos, nil
	}
	if tok != pdfKeyword("stream") || !isDict {
		if tok == pdfKeyword("endobj") {
			return v, l.pos, nil
		}
		return v, afterValue, nil
	}
	start := l.pos
	if start < len(l.buf) && l.buf[start] == '\r' {
		start++
	}
	if start < len(l.buf) && l.buf[start] == '\n' {
		start++
	}
	s := &pdfStream{dict: d}
	var sa *lengthRef
	end := -1
	switch n := d["Length"].(type) {
	case int64:
		end = streamEnd(l.buf, start, n)
	case pdfRef:
		sa = &lengthRef{s: s, start: start, ref: n}
	}
	if end < 0 {
		end = searchEndstream(l.buf, start)
	}
	s.data = l.buf[start:end:end]
	l.pos = end
	if tok, err := l.token(); err == nil && tok == pdfKeyword("endstream") {
		if tok, err := l.token(); err != nil || tok != pdfKeyword("endobj") {
			l.pos -= len("endobj")
			if l.pos < end {
				l.pos = end
			}
		}
	}
	return s, l.pos, sa
}

// streamEnd returns start+n when the stream data of length n is followed by
// "endstream" (after optional white space), or -1.
func streamEnd(data []byte, start int, n int64) int {
	if n < 0 || n > int64(len(data)-start) {
		return -1
	}
	end := start + int(n)
	i := end
	for i < len(data) && i < end+4 && isWhite(data[i]) {
		i++
	}
	if bytes.HasPrefix(data[i:], []byte("endstream")) {
		return end
	}
	return -1
}

// searchEndstream finds the end of stream data that starts at start when its
// length is unknown: before the next "endstream" (or "endobj"), less one end
// of line.
func searchEndstream(data []byte, start int) int {
	k := bytes.Index(data[start:], []byte("endstream"))
	if k < 0 {
		k = bytes.Index(data[start:], []byte("endobj"))
	}
	if k < 0 {
		return len(data)
	}
	end := start + k
	if end > start && data[end-1] == '\n' {
		end--
	}
	if end > start && data[end-1] == '\r' {
		end--
	}
	return end
}

// fixIndirectLengths sets the data of streams whose /Length is a reference
// to exactly that length when the referenced number is consistent with the
// file.
func (doc *repairDoc) fixIndirectLengths(data []byte, streams []*lengthRef) {
	for _, sa := range streams {
		e := doc.objects[sa.ref.num]
		if e == nil {
			continue
		}
		n, ok := e.value.(int64)
		if !ok {
			continue
		}
		if end := streamEnd(data, sa.start, n); end >= 0 {
			sa.s.data = data[sa.start:end:end]
		}
		sa.s.dict["Length"] = n
	}
}
