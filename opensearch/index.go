package opensearch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"handbooks/search"
)

// Index searches the live generation of a cluster. It implements the
// server's Searcher, with the contract of *search.Index (see doc.go for
// where the answers differ).
type Index struct {
	c      *client
	limits search.Limits
	th     *search.Thesaurus

	mu      sync.Mutex
	gen     *genMeta
	checked time.Time
}

// liveTTL is how long the live generation's entry is reused before the
// alias is read again: a new generation is seen within this time.
const liveTTL = 2 * time.Second

// Open connects to the cluster of cfg for searching. It does not fail when
// no generation has been indexed yet (searches return search.ErrNoIndex).
func Open(cfg Config) (*Index, error) {
	c, err := newClient(cfg)
	if err != nil {
		return nil, err
	}
	th, err := search.LoadThesaurus(cfg.ThesaurusFile)
	if err != nil {
		return nil, err
	}
	return &Index{c: c, limits: cfg.Limits.WithDefaults(), th: th}, nil
}

// live is the entry of the live generation.
func (x *Index) live(ctx context.Context) (*genMeta, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.gen != nil && time.Since(x.checked) < liveTTL {
		return x.gen, nil
	}
	name, err := liveGeneration(ctx, x.c)
	if err != nil {
		return nil, err
	}
	if name == "" {
		return nil, search.ErrNoIndex
	}
	if x.gen == nil || x.gen.Generation != name {
		m, err := readGenMeta(ctx, x.c, name)
		if err != nil {
			return nil, err
		}
		x.gen = m
	}
	x.checked = time.Now()
	return x.gen, nil
}

// searchError turns errors of the cluster into what package search
// returns for the same cause.
func (x *Index) searchError(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &search.Error{Code: search.Timeout, Param: "q", Message: "the search took too long; try fewer or more specific words"}
	}
	var se *statusError
	if errors.As(err, &se) && (strings.Contains(se.Reason, "too_many_clauses") || strings.Contains(se.Type, "too_many") ||
		strings.Contains(se.Reason, "maxClauseCount")) {
		return overLimit("q", "a fuzzy or prefix term matches too many words; make it longer")
	}
	return err
}

// hitList is the part of a search answer this package reads.
type hitList struct {
	Total struct {
		Value int `json:"value"`
	} `json:"total"`
	MaxScore float64  `json:"max_score"`
	Hits     []rawHit `json:"hits"`
}

type rawHit struct {
	ID     string          `json:"_id"`
	Score  float64         `json:"_score"`
	Source json.RawMessage `json:"_source"`
	Fields struct {
		Meta []string `json:"meta"`
	} `json:"fields"`
	Highlight      map[string][]string `json:"highlight"`
	MatchedQueries []string            `json:"matched_queries"`
	InnerHits      map[string]struct {
		Hits hitList `json:"hits"`
	} `json:"inner_hits"`
	Sort []any `json:"sort"`
}

type searchAnswer struct {
	Shards struct {
		Total  int `json:"total"`
		Failed int `json:"failed"`
	} `json:"_shards"`
	Hits         hitList              `json:"hits"`
	Aggregations map[string]bucketAgg `json:"aggregations"`
	Suggest      map[string][]struct {
		Options []struct {
			Text string `json:"text"`
			Freq int    `json:"freq"`
		} `json:"options"`
	} `json:"suggest"`
}

// search runs a search. An answer missing some shards (their nodes were
// lost and no copy has taken over yet) would silently drop documents: it
// is asked again once, then reported as search.ErrUnavailable.
//
// alias may end in "?routing=ID" (the pages of one document).
func (x *Index) search(ctx context.Context, alias string, body map[string]any) (*searchAnswer, error) {
	path := "/" + alias + "/_search"
	if a, q, ok := strings.Cut(alias, "?"); ok {
		path = "/" + a + "/_search?" + q
	}
	for attempt := 0; ; attempt++ {
		var out searchAnswer
		if err := x.c.do(ctx, "POST", path, body, &out); err != nil {
			return nil, err
		}
		if out.Shards.Failed == 0 {
			return &out, nil
		}
		if attempt == 1 {
			return nil, fmt.Errorf("%w: %d of %d shards failed", search.ErrUnavailable, out.Shards.Failed, out.Shards.Total)
		}
		if err := sleep(ctx, 500*time.Millisecond); err != nil {
			return nil, err
		}
	}
}

// doc is the metadata of a hit of the docs index.
func (h rawHit) doc() search.Document {
	if len(h.Fields.Meta) > 0 {
		var d search.Document
		if json.Unmarshal([]byte(h.Fields.Meta[0]), &d) == nil {
			return d
		}
	}
	var s struct {
		Doc search.Document `json:"doc"`
	}
	json.Unmarshal(h.Source, &s)
	return s.Doc
}

// metaFetch asks for a docs-index hit's metadata from doc values rather
// than _source (see fillMeta for the rare hit whose metadata was too large).
func metaFetch(body map[string]any) map[string]any {
	body["docvalue_fields"] = []string{"meta"}
	body["_source"] = false
	return body
}

// fillMeta reads from _source the metadata of hits that have none in doc
// values, with their inner hits.
func (x *Index) fillMeta(ctx context.Context, hits []rawHit) error {
	for i := range hits {
		h := &hits[i]
		for k, ih := range h.InnerHits {
			if err := x.fillMeta(ctx, ih.Hits.Hits); err != nil {
				return err
			}
			h.InnerHits[k] = ih
		}
		if len(h.Fields.Meta) > 0 {
			continue
		}
		d, err := x.getDoc(ctx, h.ID)
		if err != nil {
			return err
		}
		b, _ := json.Marshal(d)
		h.Fields.Meta = []string{string(b)}
	}
	return nil
}

// page is a hit of the pages index.
func (h rawHit) page() pageSource {
	var p pageSource
	json.Unmarshal(h.Source, &p)
	return p
}

// parents is the region tree as Facet.Parent is looked up.
func (m *genMeta) parents() map[string]string {
	if m.Places == nil {
		return nil
	}
	return m.Places.FacetParents()
}

func invalid(param, format string, args ...any) error {
	return &search.Error{Code: search.Invalid, Param: param, Message: fmt.Sprintf(format, args...)}
}

func overLimit(param, format string, args ...any) error {
	return &search.Error{Code: search.OverLimit, Param: param, Message: fmt.Sprintf(format, args...)}
}
