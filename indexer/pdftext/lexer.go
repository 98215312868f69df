package pdftext

import (
	"strconv"
)

// The content-stream lexer. Content streams are read here rather than with
// pdf.Interpret: operands are kept without boxing, inline image data is
// skipped, malformed numbers (1e-3, 1.2.3, --4) are read leniently, and
// the caller can stop between any two operators.

type opKind uint8

const (
	kNull opKind = iota
	kNum
	kStr
	kName
	kArr
	kDict
	kBool
)

// operand is one operand of a content-stream operator.
type operand struct {
	kind opKind
	num  float64
	s    []byte    // string bytes or name
	arr  []operand // array elements, or dictionary keys and values
}

type lexer struct {
	b   []byte
	pos int
}

func isWhite(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelimiter(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func (l *lexer) skipSpace() { l.pos = skipSpace(l.b, l.pos) }

// skipSpace returns the position of the first byte at or after pos that is
// neither white space nor part of a comment.
func skipSpace(b []byte, pos int) int {
	for pos < len(b) {
		c := b[pos]
		if isWhite(c) {
			pos++
			continue
		}
		if c == '%' {
			for pos < len(b) && b[pos] != '\n' && b[pos] != '\r' {
				pos++
			}
			continue
		}
		return pos
	}
	return pos
}

// next reads one operand into *o, or an operator which it returns. At the
// end of input it returns ("", false).
func (l *lexer) next(o *operand, depth int) (op string, isOp bool, ok bool) {
	l.skipSpace()
	if l.pos >= len(l.b) {
		return "", false, false
	}
	c := l.b[l.pos]
	switch {
	case c == '/':
		l.pos++
		start := l.pos
		for l.pos < len(l.b) && !isWhite(l.b[l.pos]) && !isDelimiter(l.b[l.pos]) {
			l.pos++
		}
		*o = operand{kind: kName, s: decodeName(l.b[start:l.pos])}
		return "", false, true
	case c == '(':
		l.pos++
		*o = operand{kind: kStr, s: l.literal()}
		return "", false, true
	case c == '<':
		if l.pos+1 < len(l.b) && l.b[l.pos+1] == '<' {
			l.pos += 2
			*o = operand{kind: kDict, arr: l.sequence(">>", depth)}
			return "", false, true
		}
		l.pos++
		*o = operand{kind: kStr, s: l.hex()}
		return "", false, true
	case c == '[':
		l.pos++
		*o = operand{kind: kArr, arr: l.sequence("]", depth)}
		return "", false, true
	case c == ']' || c == '>' || c == ')' || c == '{' || c == '}':
		l.pos++
		return l.next(o, depth)
	case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		*o = operand{kind: kNum, num: l.number()}
		return "", false, true
	}
	start := l.pos
	for l.pos < len(l.b) && !isWhite(l.b[l.pos]) && !isDelimiter(l.b[l.pos]) {
		l.pos++
	}
	if l.pos == start { // a stray delimiter such as '%' inside nothing
		l.pos++
		return l.next(o, depth)
	}
	w := l.b[start:l.pos]
	switch string(w) {
	case "true", "false":
		*o = operand{kind: kBool, num: b2f(w[0] == 't')}
		return "", false, true
	case "null":
		*o = operand{kind: kNull}
		return "", false, true
	}
	return string(w), true, true
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// sequence reads operands up to the closing delimiter (array or dictionary).
func (l *lexer) sequence(end string, depth int) []operand {
	var out []operand
	for {
		l.skipSpace()
		if l.pos >= len(l.b) {
			return out
		}
		if l.b[l.pos] == end[0] && (len(end) == 1 || l.pos+1 < len(l.b) && l.b[l.pos+1] == end[1]) {
			l.pos += len(end)
			return out
		}
		if depth > 32 {
			l.pos++
			continue
		}
		var o operand
		op, isOp, ok := l.next(&o, depth+1)
		if !ok {
			return out
		}
		if isOp {
			_ = op // operators inside arrays are ignored
			continue
		}
		if len(out) < 1<<20 {
			out = append(out, o)
		}
	}
}

func (l *lexer) number() float64 {
	start := l.pos
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		if c >= '0' && c <= '9' || c == '.' || c == '+' || c == '-' {
			l.pos++
			continue
		}
		if (c == 'e' || c == 'E') && l.pos > start && l.pos+1 < len(l.b) {
			d := l.b[l.pos+1]
			if d >= '0' && d <= '9' || d == '-' || d == '+' {
				l.pos++
				continue
			}
		}
		break
	}
	return parseNumber(l.b[start:l.pos])
}

// parseNumber reads a number leniently: the longest prefix that parses,
// doubled signs and extra dots dropped.
func parseNumber(b []byte) float64 {
	if len(b) == 0 {
		return 0
	}
	if v, err := strconv.ParseFloat(string(b), 64); err == nil {
		return v
	}
	neg := false
	i := 0
	for i < len(b) && (b[i] == '+' || b[i] == '-') {
		if b[i] == '-' {
			neg = !neg
		}
		i++
	}
	var clean []byte
	dot := false
	for ; i < len(b); i++ {
		c := b[i]
		if c == '.' {
			if dot {
				break
			}
			dot = true
		} else if c < '0' || c > '9' {
			if (c == 'e' || c == 'E') && i+1 < len(b) {
				if v, err := strconv.ParseFloat(string(clean)+string(b[i:]), 64); err == nil {
					if neg {
						return -v
					}
					return v
				}
			}
			break
		}
		clean = append(clean, c)
	}
	v, _ := strconv.ParseFloat(string(clean), 64)
	if neg {
		return -v
	}
	return v
}

func (l *lexer) literal() []byte {
	out, next := readLiteral(l.b, l.pos)
	l.pos = next
	return out
}

func (l *lexer) hex() []byte {
	out, n := decodeHex(l.b[l.pos:])
	l.pos += n
	return out
}

// decodeHex decodes hexadecimal digits up to and including the closing '>'
// (or the end), skipping anything else; an odd last digit counts as if
// followed by 0. It returns the bytes and how many input bytes it read.
func decodeHex(b []byte) (out []byte, n int) {
	out = make([]byte, 0, len(b)/2)
	hi := -1
	for n < len(b) {
		c := b[n]
		n++
		if c == '>' {
			break
		}
		v := hexVal(c)
		if v < 0 {
			continue
		}
		if hi < 0 {
			hi = v
		} else {
			out = append(out, byte(hi<<4|v))
			hi = -1
		}
	}
	if hi >= 0 {
		out = append(out, byte(hi<<4))
	}
	return out, n
}

// hexVal is the value of a hexadecimal digit, or -1.
func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

func decodeName(b []byte) []byte {
	for i := 0; i < len(b); i++ {
		if b[i] == '#' {
			goto slow
		}
	}
	return b
slow:
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) {
			h, lo := hexVal(b[i+1]), hexVal(b[i+2])
			if h >= 0 && lo >= 0 {
				out = append(out, byte(h<<4|lo))
				i += 2
				continue
			}
		}
		out = append(out, b[i])
	}
	return out
}

// skipInlineImage moves past the data of an inline image, just after ID,
// to the EI that ends it.
func (l *lexer) skipInlineImage() {
	if l.pos < len(l.b) && isWhite(l.b[l.pos]) {
		l.pos++
	}
	for i := l.pos; i+1 < len(l.b); i++ {
		if l.b[i] == 'E' && l.b[i+1] == 'I' && (i == 0 || isWhite(l.b[i-1])) && (i+2 >= len(l.b) || isWhite(l.b[i+2]) || isDelimiter(l.b[i+2])) {
			l.pos = i + 2
			return
		}
	}
	l.pos = len(l.b)
}
