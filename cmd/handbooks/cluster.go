package main

import (
	"context"
	"errors"
	"fmt"

	"handbooks/indexer"
	"handbooks/opensearch"
)

// clusterFlagsUsage documents the flags that put the index on an
// OpenSearch cluster, for both index and serve.
const clusterFlagsUsage = `  -opensearch URLS         keep the index on an OpenSearch cluster (comma-separated
                           node URLs) instead of the index folder, which then only
                           holds the extraction cache; credentials come from
                           HANDBOOKS_OPENSEARCH_USER, HANDBOOKS_OPENSEARCH_PASSWORD and
                           HANDBOOKS_OPENSEARCH_CA (a PEM file); TLS is verified
  -opensearch-prefix NAME  prefix of the cluster's index and alias names (default handbooks)
`

// clusterTarget writes the indexer's generations to a cluster.
type clusterTarget struct{ s *opensearch.Store }

func (t clusterTarget) State(ctx context.Context) ([]byte, error) { return t.s.State(ctx) }

func (t clusterTarget) HasPlaces() bool { return t.s.HasPlaces() }

func (t clusterTarget) Begin(ctx context.Context, full bool) (indexer.Generation, error) {
	u, err := t.s.Begin(ctx, full)
	if err != nil {
		return nil, err
	}
	return u, nil
}

// openTarget connects to the cluster for an indexing run.
func openTarget(ctx context.Context, urls, prefix string) (indexer.Target, error) {
	cfg, err := opensearch.FromEnv(urls, prefix)
	if err != nil {
		return nil, err
	}
	st, err := opensearch.OpenStore(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open the cluster's store: %w", err)
	}
	return clusterTarget{st}, nil
}

// runCluster serves lib from a cluster: like Run, with the cluster's live
// generation as the index; a library never indexed is indexed first.
func (m *serveMain) runCluster(ctx context.Context, lib string) error {
	cfg, err := opensearch.FromEnv(m.OpenSearch, m.OpenSearchPrefix)
	if err != nil {
		return err
	}
	cfg.Logger = m.Log
	cfg.ThesaurusFile = m.Thesaurus
	idx, err := opensearch.Open(cfg)
	if err != nil {
		return err
	}
	target, err := openTarget(ctx, m.OpenSearch, m.OpenSearchPrefix)
	if err != nil {
		return err
	}
	return m.serve(ctx, lib, idx, m.runner(lib, nil, target), "OpenSearch "+m.OpenSearch, func() bool {
		state, err := target.State(ctx)
		if err != nil && !errors.Is(err, context.Canceled) {
			m.Log.Warn("read the cluster's index state", "err", err)
		}
		if err == nil && state == nil {
			m.Log.Info("no index on the cluster yet; building it", "library", lib)
			return true
		}
		return false
	})
}
