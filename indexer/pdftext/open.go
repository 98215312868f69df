package pdftext

import (
	"context"
	"io"

	"github.com/ledongthuc/pdf"
)

// openReader opens the PDF at path for reading. It is the single place that
// decides how a file is opened (and, where needed, repaired or decrypted).
func openReader(ctx context.Context, path string) (*pdf.Reader, io.Closer, error) {
	f, r, err := pdf.Open(path)
	if err != nil {
		return nil, nil, err
	}
	return r, f, nil
}
