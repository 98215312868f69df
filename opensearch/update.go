package opensearch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"time"

	"handbooks/search"
)

// Update is a generation being written. Exactly one of Commit or Abort ends it.
type Update struct {
	s        *Store
	lock     *writeLock
	gen      string
	live     string   // the generation live when it began, "" if none
	created  []string // indexes created
	copied   bool     // started from a copy of the live generation
	done     bool
	refused  int
	first    string
	places   *search.Places
	replicas int
}

// SetPlaces records the region tree to save with the generation. An update
// that does not call it keeps the tree of the generation it started from.
func (u *Update) SetPlaces(p search.Places) { u.places = &p }

// Refused is how many documents and pages the cluster refused for good in
// this update.
func (u *Update) Refused() int { return u.refused }

func (u *Update) docsIndex() string  { return u.s.c.genIndex(u.gen, "docs") }
func (u *Update) pagesIndex() string { return u.s.c.genIndex(u.gen, "pages") }

// Put adds or replaces documents (by ID) with all their pages. Pages of an
// earlier version of a document beyond its new last page are removed.
func (u *Update) Put(ctx context.Context, docs ...search.Document) error {
	if u.done {
		return errors.New("update already ended")
	}
	u.lock.renew(ctx)
	if u.copied {
		ids := make([]string, len(docs))
		for i, d := range docs {
			ids[i] = d.ID
		}
		if err := u.deletePages(ctx, ids); err != nil {
			return err
		}
	}
	var ops []bulkOp
	for _, d := range docs {
		ops = append(ops, bulkOp{action: "index", index: u.docsIndex(), id: d.ID, source: docEntry(d)})
		for _, p := range d.Pages {
			ops = append(ops, bulkOp{action: "index", index: u.pagesIndex(), id: pageID(d.ID, p.Number), route: d.ID, source: pageEntry(d, p)})
		}
	}
	return u.send(ctx, ops)
}

// Delete removes documents and their pages by ID; unknown IDs are ignored.
func (u *Update) Delete(ctx context.Context, ids ...string) error {
	if u.done {
		return errors.New("update already ended")
	}
	ops := make([]bulkOp, len(ids))
	for i, id := range ids {
		ops[i] = bulkOp{action: "delete", index: u.docsIndex(), id: id}
	}
	if err := u.send(ctx, ops); err != nil {
		return err
	}
	return u.deletePages(ctx, ids)
}

func (u *Update) send(ctx context.Context, ops []bulkOp) error {
	refused, first, err := u.s.c.bulk(ctx, ops)
	if u.refused == 0 {
		u.first = first
	}
	u.refused += refused
	if err != nil {
		return err
	}
	if refused > 0 {
		return &RefusedError{Count: refused, First: first}
	}
	return nil
}

// deletePages removes every page of the documents ids.
func (u *Update) deletePages(ctx context.Context, ids []string) error {
	c := u.s.c
	if err := c.do(ctx, "POST", "/"+u.pagesIndex()+"/_refresh", nil, nil); err != nil {
		return err
	}
	for len(ids) > 0 {
		n := min(len(ids), 1000)
		var out struct {
			Failures []json.RawMessage `json:"failures"`
		}
		body := map[string]any{"query": map[string]any{"terms": map[string]any{"doc": ids[:n]}}}
		if err := c.do(ctx, "POST", "/"+u.pagesIndex()+"/_delete_by_query?conflicts=proceed&refresh=true", body, &out); err != nil {
			return fmt.Errorf("delete pages: %w", err)
		}
		if len(out.Failures) > 0 {
			return fmt.Errorf("delete pages: %d failures, first %s", len(out.Failures), firstRaw(out.Failures))
		}
		ids = ids[n:]
	}
	return nil
}

// Commit makes the update the live generation, saving info, the region
// tree and the caller's opaque state with it.
func (u *Update) Commit(ctx context.Context, info search.RunInfo, state []byte) error {
	if u.done {
		return errors.New("update already ended")
	}
	if u.refused > 0 {
		u.Abort()
		return &RefusedError{Count: u.refused, First: u.first}
	}
	c := u.s.c
	idx := u.docsIndex() + "," + u.pagesIndex()
	fail := func(err error) error {
		u.Abort()
		return err
	}
	if err := c.do(ctx, "POST", "/"+idx+"/_refresh", nil, nil); err != nil {
		return fail(err)
	}
	places := u.places
	if places == nil && u.live != "" {
		if m, err := readGenMeta(ctx, c, u.live); err == nil {
			places = m.Places
		}
	}
	// Primaries must be active before the aliases move; replicas follow.
	var health struct {
		Status string `json:"status"`
	}
	if err := c.do(ctx, "GET", "/_cluster/health/"+idx+"?wait_for_status=yellow&timeout=120s", nil, &health); err != nil {
		return fail(err)
	}
	if health.Status == "red" {
		return fail(fmt.Errorf("the new generation's shards are not all allocated (%s)", health.Status))
	}
	m := genMeta{Generation: u.gen, Info: info, State: string(state), Places: places, Committed: time.Now().UTC()}
	if err := c.do(ctx, "PUT", "/"+c.metaIndex()+"/_doc/"+url.PathEscape(u.gen)+"?refresh=true", m, nil); err != nil {
		return fail(err)
	}
	var actions []map[string]any
	for _, kind := range []string{"docs", "pages"} {
		alias := c.prefix + "-" + kind
		if u.live != "" {
			actions = append(actions, map[string]any{"remove": map[string]any{"index": c.genIndex(u.live, kind), "alias": alias}})
		}
		actions = append(actions, map[string]any{"add": map[string]any{"index": c.genIndex(u.gen, kind), "alias": alias}})
	}
	if err := c.do(ctx, "POST", "/_aliases", map[string]any{"actions": actions}, nil); err != nil {
		return fail(fmt.Errorf("switch aliases: %w", err))
	}
	u.done = true
	u.s.removeOld(ctx, u.gen, u.live)
	u.lock.release(ctx)
	return nil
}

// Abort abandons the update: its indexes are deleted, the live generation
// stays as it was.
func (u *Update) Abort() error {
	if u.done {
		return nil
	}
	u.done = true
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var err error
	if len(u.created) > 0 {
		err = u.s.deleteGeneration(ctx, u.gen)
	}
	u.lock.release(ctx)
	return err
}

func dataNodes(ctx context.Context, c *client) (int, error) {
	var h struct {
		DataNodes int `json:"number_of_data_nodes"`
	}
	err := c.do(ctx, "GET", "/_cluster/health", nil, &h)
	return h.DataNodes, err
}
