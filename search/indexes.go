package search

import (
	"context"
	"encoding/json"
	"path/filepath"

	"github.com/blevesearch/bleve/v2"
)

// indexes are the Bleve indexes of one generation.
// (Provisional: the real document model replaces this file.)
type indexes struct {
	docs bleve.Index
}

func createIndexes(dir string) (*indexes, error) {
	d, err := bleve.New(filepath.Join(dir, "docs"), bleve.NewIndexMapping())
	if err != nil {
		return nil, err
	}
	return &indexes{docs: d}, nil
}

func openIndexes(dir string, readOnly bool) (*indexes, error) {
	d, err := bleve.OpenUsing(filepath.Join(dir, "docs"), map[string]interface{}{"read_only": readOnly})
	if err != nil {
		return nil, err
	}
	return &indexes{docs: d}, nil
}

func (ix *indexes) put(ctx context.Context, docs []Document) error {
	b := ix.docs.NewBatch()
	for _, d := range docs {
		if err := b.Index(d.ID, d); err != nil {
			return err
		}
	}
	return ix.docs.Batch(b)
}

func (ix *indexes) delete(ctx context.Context, ids []string) error {
	b := ix.docs.NewBatch()
	for _, id := range ids {
		b.Delete(id)
	}
	return ix.docs.Batch(b)
}

func (ix *indexes) close() error { return ix.docs.Close() }

func jsonMarshal(v any) ([]byte, error) { return json.MarshalIndent(v, "", "  ") }
