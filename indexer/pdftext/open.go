package pdftext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/ledongthuc/pdf"
)

// ErrBroken reports a file that cannot be read as a PDF, even after repair.
// The wrapping error says why.
var ErrBroken = errors.New("unreadable PDF")

// maxFileSize bounds the files we read into memory.
const maxFileSize = 1 << 30

// openReader opens the PDF at path for reading. It is the single place that
// decides how a file is opened.
//
// The PDF library trusts its input: a huge /Size can make it allocate
// without bound, a cyclic page tree makes it loop forever, and it rejects
// valid files it does not expect (PDF 2.0 headers, AES-256, some filters).
// So the library never sees the file itself: repair reads every object with
// a tolerant parser (rebuilding the cross-reference table by scanning,
// decrypting files that open with an empty password, decoding filters the
// library lacks) and writes a clean copy in memory, with a fresh page tree,
// which the library then reads. The trailer of a copy made from an
// encrypted file has /Decrypted true.
//
// Errors wrap ErrEncrypted when a password is needed, ErrBroken otherwise.
func openReader(ctx context.Context, path string) (*pdf.Reader, io.Closer, error) {
	r, _, err := openClean(ctx, path)
	return r, io.NopCloser(nil), err
}

// openClean is openReader that also returns the clean copy the library
// reads (whose image streams are the original bytes).
func openClean(ctx context.Context, path string) (*pdf.Reader, []byte, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	clean, err := repair(data)
	switch {
	case errors.Is(err, ErrEncrypted):
		return nil, nil, err
	case err != nil:
		return nil, nil, fmt.Errorf("%w: %v", ErrBroken, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	r, err := pdf.NewReader(bytes.NewReader(clean), int64(len(clean)))
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrBroken, err)
	}
	if r.NumPage() == 0 {
		return nil, nil, fmt.Errorf("%w: no pages", ErrBroken)
	}
	return r, clean, nil
}

// readFile reads a whole PDF, refusing files too large to repair in memory
// and files that are not PDFs at all.
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() > maxFileSize {
		return nil, fmt.Errorf("%w: file of %d bytes is too large", ErrBroken, st.Size())
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize))
	if err != nil {
		return nil, err
	}
	if !bytes.Contains(data[:min(len(data), 64<<10)], []byte("%PDF")) && !bytes.Contains(data, []byte(" obj")) {
		return nil, fmt.Errorf("%w: not a PDF file", ErrBroken)
	}
	return data, nil
}
