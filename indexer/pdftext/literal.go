package pdftext

// readLiteral reads a literal string whose opening parenthesis is just
// before b[pos], for the content lexer and the repair parser alike:
// balanced parentheses nest, the escapes of PDF 32000-1 7.3.4.2 are
// decoded (\n \r \t \b \f, \ddd in octal, any other character stands for
// itself, and a backslash before an end of line continues the line), and
// an unescaped end of line reads as one line feed. It returns the string
// and the position after the closing parenthesis (len(b) when the string
// is not closed).
func readLiteral(b []byte, pos int) ([]byte, int) {
	var out []byte
	depth := 1
	for pos < len(b) {
		c := b[pos]
		pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return out, pos
			}
		case '\r':
			if pos < len(b) && b[pos] == '\n' {
				pos++
			}
			c = '\n'
		case '\\':
			if pos >= len(b) {
				return out, pos
			}
			e := b[pos]
			pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if pos < len(b) && b[pos] == '\n' {
					pos++
				}
				continue
			case '\n':
				continue
			default:
				c = e
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && pos < len(b) && b[pos] >= '0' && b[pos] <= '7'; k++ {
						v = v*8 + int(b[pos]-'0')
						pos++
					}
					c = byte(v)
				}
			}
		}
		out = append(out, c)
	}
	return out, pos
}
