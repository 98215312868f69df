package indexer

import (
	"context"

	"handbooks/search"
)

// Target is where a run writes index generations: by default a
// search.Store in Config.Index; a cluster's store when Config.Target is set.
type Target interface {
	// State is the opaque state the last committed run saved (nil: none).
	State(ctx context.Context) ([]byte, error)
	// HasPlaces reports whether the live generation carries a region tree.
	HasPlaces() bool
	// Begin starts a generation: a copy of the live one, or with full an
	// empty one.
	Begin(ctx context.Context, full bool) (Generation, error)
}

// Generation is an index generation being written; Commit makes it live,
// Abort abandons it.
type Generation interface {
	Put(ctx context.Context, docs ...search.Document) error
	Delete(ctx context.Context, ids ...string) error
	// SetPlaces records the region tree to save with the generation.
	SetPlaces(p search.Places)
	Commit(ctx context.Context, info search.RunInfo, state []byte) error
	Abort() error
}

// folderTarget writes generations with search.Store.
type folderTarget struct{ s *search.Store }

func (t folderTarget) State(context.Context) ([]byte, error) { return t.s.State() }

func (t folderTarget) HasPlaces() bool { return t.s.HasPlaces() }

func (t folderTarget) Begin(ctx context.Context, full bool) (Generation, error) {
	u, err := t.s.Begin(ctx, full)
	if err != nil {
		return nil, err
	}
	return u, nil
}
