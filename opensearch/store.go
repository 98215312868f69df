package opensearch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"handbooks/search"
)

// Store writes index generations to a cluster, as search.Store does to a
// folder: an update fills a new pair of indexes (a copy of the live one
// for an incremental run, made inside the cluster with _reindex, or empty
// for a full rebuild) and Commit switches the aliases to it in one _aliases
// request, which OpenSearch applies atomically: a search sees the old
// generation or the new one, never a mixture. The generation before the
// live one is kept (searches already under way finish on it); older ones
// are deleted. A process killed during an update leaves the aliases on the
// previous generation; its indexes are deleted by the next update.
type Store struct {
	c   *client
	cfg Config
}

// OpenStore connects to the cluster of cfg for writing.
func OpenStore(ctx context.Context, cfg Config) (*Store, error) {
	c, err := newClient(cfg)
	if err != nil {
		return nil, err
	}
	s := &Store{c: c, cfg: cfg}
	if err := s.ensureMeta(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// genMeta is the entry of a generation in the meta index.
type genMeta struct {
	Generation string         `json:"generation"`
	Info       search.RunInfo `json:"info"`
	State      string         `json:"state"`  // the indexer's opaque state
	Places     *search.Places `json:"places"` // nil: written without a region tree
	Committed  time.Time      `json:"committed"`
}

func (s *Store) ensureMeta(ctx context.Context) error {
	body := map[string]any{
		"settings": map[string]any{"number_of_shards": 1, "auto_expand_replicas": "0-1"},
		"mappings": map[string]any{"dynamic": false, "properties": map[string]any{}},
	}
	err := s.c.do(ctx, "PUT", "/"+s.c.metaIndex(), body, nil)
	var se *statusError
	if errors.As(err, &se) && strings.Contains(se.Type, "already_exists") {
		return nil
	}
	return err
}

// liveGeneration is the generation the docs alias names, "" when none.
func liveGeneration(ctx context.Context, c *client) (string, error) {
	var out map[string]any
	err := c.do(ctx, "GET", "/_alias/"+c.docsAlias(), nil, &out)
	if isStatus(err, 404) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	for name := range out {
		return strings.TrimSuffix(strings.TrimPrefix(name, c.prefix+"-"), "-docs"), nil
	}
	return "", nil
}

func readGenMeta(ctx context.Context, c *client, gen string) (*genMeta, error) {
	var out struct {
		Source genMeta `json:"_source"`
	}
	if err := c.do(ctx, "GET", "/"+c.metaIndex()+"/_doc/"+url.PathEscape(gen), nil, &out); err != nil {
		return nil, fmt.Errorf("read generation %s: %w", gen, err)
	}
	return &out.Source, nil
}

// State returns the indexer's state saved with the live generation, or nil
// when there is none.
func (s *Store) State(ctx context.Context) ([]byte, error) {
	gen, err := liveGeneration(ctx, s.c)
	if err != nil || gen == "" {
		return nil, err
	}
	m, err := readGenMeta(ctx, s.c, gen)
	if isStatus(err, 404) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return []byte(m.State), nil
}

// HasPlaces reports whether the live generation carries a region tree.
func (s *Store) HasPlaces() bool {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	gen, err := liveGeneration(ctx, s.c)
	if err != nil || gen == "" {
		return false
	}
	m, err := readGenMeta(ctx, s.c, gen)
	return err == nil && m.Places != nil
}

// Begin starts an update: from a copy of the live generation, or with full
// from nothing. It fails with search.ErrLocked while another update holds
// the store's lock.
func (s *Store) Begin(ctx context.Context, full bool) (*Update, error) {
	lk, err := acquireLock(ctx, s.c)
	if err != nil {
		return nil, err
	}
	now := time.Now().UTC()
	u := &Update{s: s, lock: lk, gen: fmt.Sprintf("g-%s-%09d", now.Format("20060102t150405"), now.Nanosecond())}
	fail := func(err error) (*Update, error) {
		u.Abort()
		return nil, err
	}
	live, err := liveGeneration(ctx, s.c)
	if err != nil {
		return fail(err)
	}
	u.live = live
	if err := s.removeAbandoned(ctx, live); err != nil {
		s.c.log.Warn("remove abandoned generations", "err", err)
	}
	shards := s.cfg.Shards
	if shards <= 0 {
		pages := 0
		if live != "" {
			if m, err := readGenMeta(ctx, s.c, live); err == nil {
				pages = m.Info.Pages
			}
		}
		shards = shardsFor(pages)
	}
	u.replicas = s.replicas(ctx)
	for kind, m := range map[string]map[string]any{"docs": docsMapping(), "pages": pagesMapping()} {
		if err := s.c.do(ctx, "PUT", "/"+s.c.genIndex(u.gen, kind), indexBody(m, shards, u.replicas), nil); err != nil {
			return fail(fmt.Errorf("create %s index: %w", kind, err))
		}
		u.created = append(u.created, s.c.genIndex(u.gen, kind))
	}
	if live != "" && !full {
		for _, kind := range []string{"docs", "pages"} {
			if err := s.copyIndex(ctx, s.c.genIndex(live, kind), s.c.genIndex(u.gen, kind)); err != nil {
				return fail(fmt.Errorf("copy live %s: %w", kind, err))
			}
		}
		u.copied = true
	}
	return u, nil
}

// replicas is the number of replicas of a new generation: Config.Replicas,
// or one when the cluster has more than one data node.
func (s *Store) replicas(ctx context.Context) int {
	if s.cfg.Replicas >= 0 {
		return s.cfg.Replicas
	}
	if n, err := dataNodes(ctx, s.c); err == nil && n > 1 {
		return 1
	}
	return 0
}

// copyIndex copies every entry of src into dst inside the cluster.
func (s *Store) copyIndex(ctx context.Context, src, dst string) error {
	var out struct {
		Failures []json.RawMessage `json:"failures"`
		Total    int               `json:"total"`
		Created  int               `json:"created"`
	}
	body := map[string]any{"source": map[string]any{"index": src, "size": 1000}, "dest": map[string]any{"index": dst}}
	if err := s.c.do(ctx, "POST", "/_reindex?refresh=true&wait_for_completion=true&slices=auto", body, &out); err != nil {
		return err
	}
	if len(out.Failures) > 0 || out.Created != out.Total {
		return fmt.Errorf("copied %d of %d entries: %d failures, first %s", out.Created, out.Total, len(out.Failures), firstRaw(out.Failures))
	}
	return nil
}

func firstRaw(m []json.RawMessage) string {
	if len(m) == 0 {
		return ""
	}
	s := string(m[0])
	if len(s) > 300 {
		s = s[:300]
	}
	return s
}

// generations lists the generations that have indexes, by name.
func (s *Store) generations(ctx context.Context) ([]string, error) {
	var out map[string]any
	if err := s.c.do(ctx, "GET", "/"+s.c.prefix+"-g-*?expand_wildcards=open,closed&filter_path=*.settings.index.provided_name", nil, &out); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var gens []string
	for name := range out {
		g := strings.TrimPrefix(name, s.c.prefix+"-")
		g = strings.TrimSuffix(strings.TrimSuffix(g, "-docs"), "-pages")
		if !seen[g] {
			seen[g] = true
			gens = append(gens, g)
		}
	}
	return gens, nil
}

// removeAbandoned deletes the generations left by updates that never
// committed: those newer than the live one.
func (s *Store) removeAbandoned(ctx context.Context, live string) error {
	gens, err := s.generations(ctx)
	if err != nil {
		return err
	}
	for _, g := range gens {
		if g > live {
			if err := s.deleteGeneration(ctx, g); err != nil {
				return err
			}
		}
	}
	return nil
}

// removeOld deletes generations older than the one before the live one.
func (s *Store) removeOld(ctx context.Context, live, previous string) {
	gens, err := s.generations(ctx)
	if err != nil {
		s.c.log.Warn("list generations", "err", err)
		return
	}
	for _, g := range gens {
		if g < live && g != previous {
			if err := s.deleteGeneration(ctx, g); err != nil {
				s.c.log.Warn("delete old generation", "generation", g, "err", err)
			}
		}
	}
}

func (s *Store) deleteGeneration(ctx context.Context, gen string) error {
	err := s.c.do(ctx, "DELETE", "/"+s.c.genIndex(gen, "docs")+","+s.c.genIndex(gen, "pages")+"?ignore_unavailable=true", nil, nil)
	if err != nil && !isStatus(err, 404) {
		return err
	}
	s.c.do(ctx, "DELETE", "/"+s.c.metaIndex()+"/_doc/"+url.PathEscape(gen), nil, nil)
	return nil
}
