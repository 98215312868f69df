package pdftext

import (
	"errors"
	"fmt"
)

// repair reads data with the tolerant parser and returns a clean copy that
// the PDF library reads safely: a standard header and cross-reference table,
// no encryption, no object streams, every stream with its true length and
// only filters the library supports, and a page tree without cycles whose
// counts are right. It returns ErrEncrypted when a password is needed.
func repair(data []byte) ([]byte, error) {
	doc := scanObjects(data)
	if len(doc.objects) == 0 {
		return nil, errors.New("no objects found")
	}
	decrypted := doc.trailer["Encrypt"] != nil
	if decrypted {
		d, err := newDecrypter(doc)
		if err != nil {
			return nil, err
		}
		for num, e := range doc.objects {
			ref := pdfRef{num, e.gen}
			if ref == d.encryptRef || e.packed {
				continue
			}
			e.value = d.decryptObject(ref, e.value)
		}
		if d.encryptRef.num > 0 {
			delete(doc.objects, d.encryptRef.num)
		}
		delete(doc.trailer, "Encrypt")
	}
	doc.unpackObjectStreams()
	root, err := doc.catalog()
	if err != nil {
		return nil, err
	}
	w := newRepairWriter(doc)
	w.decrypted = decrypted
	if err := w.rebuildPages(root); err != nil {
		return nil, err
	}
	return w.write(), nil
}

// resolve follows references (a bounded number of times) to a value.
func (doc *repairDoc) resolve(v any) any {
	for i := 0; i < 8; i++ {
		r, ok := v.(pdfRef)
		if !ok {
			return v
		}
		e := doc.objects[r.num]
		if e == nil {
			return nil
		}
		v = e.value
	}
	return nil
}

func (doc *repairDoc) dict(v any) pdfDict {
	switch x := doc.resolve(v).(type) {
	case pdfDict:
		return x
	case *pdfStream:
		return x.dict
	}
	return nil
}

// unpackObjectStreams adds the objects packed in object streams, unless a
// later definition exists.
func (doc *repairDoc) unpackObjectStreams() {
	for _, os := range doc.objStms {
		s, ok := os.value.(*pdfStream)
		if !ok {
			continue
		}
		data, _, err := decodeStream(s)
		if err != nil && len(data) == 0 {
			continue
		}
		n := objInt(s.dict["N"])
		first := objInt(s.dict["First"])
		if first <= 0 || first > len(data) {
			continue
		}
		l := &objLexer{buf: data[:first]}
		for i := 0; i < n && i < maxObjects; i++ {
			num, err1 := l.token()
			off, err2 := l.token()
			if err1 != nil || err2 != nil {
				break
			}
			nu, ok1 := num.(int64)
			of, ok2 := off.(int64)
			if !ok1 || !ok2 || nu < 0 || of < 0 || first+int(of) >= len(data) {
				continue
			}
			if old := doc.objects[int(nu)]; old != nil && old.pos > os.pos {
				continue
			}
			ol := &objLexer{buf: data, pos: first + int(of)}
			v, err := ol.object(0)
			if err != nil {
				continue
			}
			if _, isKw := v.(pdfKeyword); isKw {
				continue
			}
			doc.objects[int(nu)] = &objEntry{gen: 0, pos: os.pos, packed: true, value: v}
		}
	}
}

// catalog finds the repairDoc catalog: the trailer's /Root when it has
// pages, else the last object typed /Catalog.
func (doc *repairDoc) catalog() (pdfRef, error) {
	if r, ok := doc.trailer["Root"].(pdfRef); ok {
		if d := doc.dict(r); d != nil && d["Pages"] != nil {
			return r, nil
		}
	}
	best := pdfRef{num: -1}
	bestPos := -1
	for num, e := range doc.objects {
		d, ok := e.value.(pdfDict)
		if ok && d["Type"] == pdfName("Catalog") && d["Pages"] != nil && e.pos > bestPos {
			best, bestPos = pdfRef{num, e.gen}, e.pos
		}
	}
	if best.num >= 0 {
		return best, nil
	}
	// No catalog: make one; rebuildPages collects the pages.
	num := doc.maxNum() + 1
	doc.objects[num] = &objEntry{value: pdfDict{"Type": pdfName("Catalog")}}
	return pdfRef{num, 0}, nil
}

func (doc *repairDoc) maxNum() int {
	m := 0
	for n := range doc.objects {
		m = max(m, n)
	}
	return m
}

// decodeStream applies the filters of s in order, stopping at the first one
// it does not know (the image-only ones). It returns the data and the
// filters still to apply, with their parameters.
func decodeStream(s *pdfStream) ([]byte, [2]pdfArray, error) {
	names := filterNames(s.dict)
	data := s.data
	for i, n := range names {
		if !canDecode(n) {
			var rest [2]pdfArray
			for j := i; j < len(names); j++ {
				rest[0] = append(rest[0], names[j])
				rest[1] = append(rest[1], anyDict(filterParams(s.dict, j)))
			}
			return data, rest, nil
		}
		out, err := decodeFilter(n, filterParams(s.dict, i), data)
		if err != nil {
			return out, [2]pdfArray{}, fmt.Errorf("%s: %w", n, err)
		}
		data = out
	}
	return data, [2]pdfArray{}, nil
}

func objInt(v any) int {
	switch x := v.(type) {
	case int64:
		if x > 1<<31 || x < -(1<<31) {
			return 0
		}
		return int(x)
	case float64:
		if x > 1<<31 || x < -(1<<31) {
			return 0
		}
		return int(x)
	}
	return 0
}

func objString(v any) string {
	s, _ := v.(pdfString)
	return string(s)
}
