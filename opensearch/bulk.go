package opensearch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"handbooks/search"
)

// bulkOp is one action of a _bulk request.
type bulkOp struct {
	action string // index or delete
	index  string
	id     string
	route  string
	source any
}

// maxBulkBytes cuts a _bulk request; OpenSearch's default limit on a
// request is 100 MB, and smaller requests spread better over nodes.
const maxBulkBytes = 8 << 20

// bulkAttempts: items the cluster could not take for the time being (429
// too many requests, 5xx: a shard's node lost, a primary being promoted)
// are sent again, with a growing wait, this many times in all.
const bulkAttempts = 8

// RefusedError is returned when the cluster refused documents or pages
// for good (a mapping error, a document too large): the update cannot be
// committed without losing them. Count is the number of entries refused.
type RefusedError struct {
	Count int
	First string
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("the cluster refused %d entries; first: %s", e.Count, e.First)
}

// bulk sends ops, retrying what may succeed later. It returns how many
// entries were refused for good (with the first reason), or an error when
// the cluster could not be reached at all.
func (c *client) bulk(ctx context.Context, ops []bulkOp) (refused int, first string, err error) {
	for len(ops) > 0 {
		var buf bytes.Buffer
		n := 0
		for n < len(ops) && (n == 0 || buf.Len() < maxBulkBytes) {
			if err := writeOp(&buf, ops[n]); err != nil {
				return refused, first, err
			}
			n++
		}
		r, f, err := c.bulkChunk(ctx, ops[:n], buf.Bytes())
		if err != nil {
			return refused, first, err
		}
		if refused == 0 {
			first = f
		}
		refused += r
		ops = ops[n:]
	}
	return refused, first, nil
}

func writeOp(buf *bytes.Buffer, op bulkOp) error {
	meta := map[string]any{"_index": op.index, "_id": op.id}
	if op.route != "" {
		meta["routing"] = op.route
	}
	b, _ := json.Marshal(map[string]any{op.action: meta})
	buf.Write(b)
	buf.WriteByte('\n')
	if op.action == "delete" {
		return nil
	}
	b, err := json.Marshal(op.source)
	if err != nil {
		return err
	}
	buf.Write(b)
	buf.WriteByte('\n')
	return nil
}

type bulkAnswer struct {
	Errors bool                        `json:"errors"`
	Items  []map[string]bulkItemAnswer `json:"items"`
}

type bulkItemAnswer struct {
	Status int `json:"status"`
	Error  *struct {
		Type   string `json:"type"`
		Reason string `json:"reason"`
	} `json:"error"`
}

func (c *client) bulkChunk(ctx context.Context, ops []bulkOp, body []byte) (refused int, first string, err error) {
	for attempt := 1; ; attempt++ {
		var ans bulkAnswer
		err := c.do(ctx, "POST", "/_bulk", body, &ans)
		var se *statusError
		if errors.As(err, &se) && !errors.Is(err, search.ErrUnavailable) {
			// The request as a whole was refused (a validation error): every
			// entry in it is refused.
			if refused == 0 {
				first = se.Error()
			}
			return refused + len(ops), first, nil
		}
		if err != nil {
			if attempt >= bulkAttempts || ctx.Err() != nil {
				return refused, first, fmt.Errorf("bulk write: %w", err)
			}
			c.log.Warn("bulk write failed; retrying", "attempt", attempt, "err", err)
			if err := sleep(ctx, backoff(attempt)); err != nil {
				return refused, first, err
			}
			continue
		}
		if !ans.Errors {
			return refused, first, nil
		}
		var again []bulkOp
		for i, item := range ans.Items {
			for _, a := range item {
				switch {
				case a.Status < 300 || (ops[i].action == "delete" && a.Status == 404):
				case a.Status == 429 || a.Status >= 500:
					again = append(again, ops[i])
				default:
					if refused == 0 && a.Error != nil {
						first = fmt.Sprintf("%s %s: %s: %s", ops[i].index, ops[i].id, a.Error.Type, a.Error.Reason)
					}
					refused++
				}
			}
		}
		if len(again) == 0 {
			return refused, first, nil
		}
		if attempt >= bulkAttempts {
			return refused, first, fmt.Errorf("bulk write: %d entries still not taken after %d attempts", len(again), attempt)
		}
		c.log.Warn("the cluster could not take some entries; retrying", "entries", len(again), "attempt", attempt)
		if err := sleep(ctx, backoff(attempt)); err != nil {
			return refused, first, err
		}
		ops = again
		var buf bytes.Buffer
		for _, op := range ops {
			writeOp(&buf, op)
		}
		body = buf.Bytes()
	}
}

func backoff(attempt int) time.Duration {
	return min(time.Duration(1<<attempt)*250*time.Millisecond, 15*time.Second)
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
