package pdftext

import (
	"bytes"
	"errors"
	"strconv"
)

// The repair layer reads a PDF's objects with its own tolerant parser and
// writes a clean copy for the PDF library. These are its object types.
type (
	pdfName   string
	pdfString string // the bytes of a string, escapes resolved
	pdfArray  []any
	pdfDict   map[pdfName]any
	pdfRef    struct{ num, gen int }
	// pdfStream holds a stream's dictionary and its data as stored in the
	// file (still encoded, and encrypted if the file is).
	pdfStream struct {
		dict pdfDict
		data []byte
	}
)

// Other values are nil (null), bool, int64 and float64.

// pdfKeyword is a bare word such as obj, endobj, stream or R.
type pdfKeyword string

// maxNesting bounds the nesting of arrays and dictionaries.
const maxNesting = 100

var errObjSyntax = errors.New("syntax error")

// objLexer reads PDF tokens and objects from a byte slice.
type objLexer struct {
	buf []byte
	pos int
}

func (l *objLexer) skipSpace() { l.pos = skipSpace(l.buf, l.pos) }

// token returns the next token: a value (number, string, name), a pdfKeyword,
// or one of the delimiters "[", "]", "<<", ">>" as a pdfKeyword. It returns
// errObjSyntax at the end of the input.
func (l *objLexer) token() (any, error) {
	l.skipSpace()
	if l.pos >= len(l.buf) {
		return nil, errObjSyntax
	}
	c := l.buf[l.pos]
	switch {
	case c == '(':
		l.pos++
		return l.literalString(), nil
	case c == '<':
		if l.pos+1 < len(l.buf) && l.buf[l.pos+1] == '<' {
			l.pos += 2
			return pdfKeyword("<<"), nil
		}
		l.pos++
		return l.hexString(), nil
	case c == '>':
		l.pos++
		if l.pos < len(l.buf) && l.buf[l.pos] == '>' {
			l.pos++
		}
		return pdfKeyword(">>"), nil
	case c == '[' || c == ']' || c == '{' || c == '}' || c == ')':
		l.pos++
		return pdfKeyword(string(c)), nil
	case c == '/':
		l.pos++
		return l.name(), nil
	}
	start := l.pos
	for l.pos < len(l.buf) && !isWhite(l.buf[l.pos]) && !isDelimiter(l.buf[l.pos]) {
		l.pos++
	}
	word := l.buf[start:l.pos]
	if n, ok := parseObjNumber(word); ok {
		return n, nil
	}
	return pdfKeyword(word), nil
}

// parseObjNumber reads an integer or a real, tolerating the sloppiness found
// in real files ("--5", "1.2.3", "+.5", "4e2").
func parseObjNumber(w []byte) (any, bool) {
	if len(w) == 0 {
		return nil, false
	}
	c := w[0]
	if !(c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.') {
		return nil, false
	}
	s := string(w)
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return i, true
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f, true
	}
	// Keep the longest prefix that reads as a number.
	neg := false
	for len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		neg = neg || s[0] == '-'
		s = s[1:]
	}
	end, dot := 0, false
	for end < len(s) && (s[end] >= '0' && s[end] <= '9' || s[end] == '.' && !dot) {
		dot = dot || s[end] == '.'
		end++
	}
	if end == 0 || s[:end] == "." {
		if len(s) == 0 {
			return int64(0), true
		}
		return nil, false
	}
	f, err := strconv.ParseFloat(s[:end], 64)
	if err != nil {
		return nil, false
	}
	if neg {
		f = -f
	}
	if !dot && f == float64(int64(f)) {
		return int64(f), true
	}
	return f, true
}

func (l *objLexer) name() pdfName {
	start := l.pos
	for l.pos < len(l.buf) && !isWhite(l.buf[l.pos]) && !isDelimiter(l.buf[l.pos]) {
		l.pos++
	}
	raw := l.buf[start:l.pos]
	if bytes.IndexByte(raw, '#') < 0 {
		return pdfName(raw)
	}
	var b []byte
	for i := 0; i < len(raw); i++ {
		if raw[i] == '#' && i+2 < len(raw) && hexVal(raw[i+1]) >= 0 && hexVal(raw[i+2]) >= 0 {
			b = append(b, byte(hexVal(raw[i+1])<<4|hexVal(raw[i+2])))
			i += 2
			continue
		}
		b = append(b, raw[i])
	}
	return pdfName(b)
}

func (l *objLexer) hexString() pdfString {
	b, n := decodeHex(l.buf[l.pos:])
	l.pos += n
	return pdfString(b)
}

func (l *objLexer) literalString() pdfString {
	b, next := readLiteral(l.buf, l.pos)
	l.pos = next
	return pdfString(b)
}

// object reads one value: a direct object or a reference "N G R".
func (l *objLexer) object(depth int) (any, error) {
	if depth > maxNesting {
		return nil, errObjSyntax
	}
	tok, err := l.token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case pdfKeyword:
		switch t {
		case "<<":
			return l.dict(depth)
		case "[":
			return l.array(depth)
		case "null":
			return nil, nil
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
		return t, nil
	case int64:
		// Look ahead for "G R".
		save := l.pos
		if gen, err := l.token(); err == nil {
			if g, ok := gen.(int64); ok && g >= 0 && g <= 65535 {
				if r, err := l.token(); err == nil && r == pdfKeyword("R") && t >= 0 && t < 1<<31 {
					return pdfRef{int(t), int(g)}, nil
				}
			}
		}
		l.pos = save
		return t, nil
	}
	return tok, nil
}

func (l *objLexer) array(depth int) (pdfArray, error) {
	a := pdfArray{}
	for {
		save := l.pos
		tok, err := l.token()
		if err != nil {
			return a, nil // unterminated: keep what was read
		}
		if tok == pdfKeyword("]") {
			return a, nil
		}
		if k, ok := tok.(pdfKeyword); ok && (k == "endobj" || k == "obj" || k == ">>" || k == "stream") {
			l.pos = save
			return a, nil
		}
		l.pos = save
		v, err := l.object(depth + 1)
		if err != nil {
			return a, nil
		}
		if _, ok := v.(pdfKeyword); ok {
			continue // stray word in an array
		}
		a = append(a, v)
	}
}

func (l *objLexer) dict(depth int) (pdfDict, error) {
	d := pdfDict{}
	for {
		save := l.pos
		tok, err := l.token()
		if err != nil {
			return d, nil
		}
		if tok == pdfKeyword(">>") {
			return d, nil
		}
		key, ok := tok.(pdfName)
		if !ok {
			if k, isKw := tok.(pdfKeyword); isKw && (k == "endobj" || k == "obj" || k == "stream" || k == "endstream") {
				l.pos = save
				return d, nil
			}
			continue // skip junk between entries
		}
		save = l.pos
		v, err := l.object(depth + 1)
		if err != nil {
			return d, nil
		}
		if k, isKw := v.(pdfKeyword); isKw {
			// A key without a value: "/Key >>" or "/Key /Other".
			l.pos = save
			if k == ">>" || k == "endobj" || k == "stream" {
				continue
			}
			_, _ = l.token()
			continue
		}
		if v != nil {
			d[key] = v
		}
	}
}
