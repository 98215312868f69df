package opensearch

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"time"

	"handbooks/search"
)

// The write lock is an entry "lock" in the meta index, created with
// op_type=create so that only one update can hold it. The holder renews it
// as it writes; a lock not renewed for staleLock is taken over (its holder
// died without releasing it).
const staleLock = 10 * time.Minute

type lockEntry struct {
	Owner string    `json:"owner"`
	At    time.Time `json:"at"`
}

type writeLock struct {
	c     *client
	owner string
	at    time.Time
}

func lockPath(c *client) string { return "/" + c.metaIndex() + "/_doc/lock" }

func acquireLock(ctx context.Context, c *client) (*writeLock, error) {
	host, _ := os.Hostname()
	l := &writeLock{c: c, owner: fmt.Sprintf("%s/%d/%d", host, os.Getpid(), time.Now().UnixNano()), at: time.Now()}
	for attempt := 0; attempt < 2; attempt++ {
		err := c.do(ctx, "PUT", "/"+c.metaIndex()+"/_create/lock?refresh=true", lockEntry{Owner: l.owner, At: l.at}, nil)
		if err == nil {
			return l, nil
		}
		if !isStatus(err, 409) {
			return nil, fmt.Errorf("take the write lock: %w", err)
		}
		var cur struct {
			Source      lockEntry `json:"_source"`
			SeqNo       int64     `json:"_seq_no"`
			PrimaryTerm int64     `json:"_primary_term"`
		}
		if err := c.do(ctx, "GET", lockPath(c), nil, &cur); err != nil {
			if isStatus(err, 404) {
				continue
			}
			return nil, err
		}
		if time.Since(cur.Source.At) < staleLock {
			return nil, search.ErrLocked
		}
		c.log.Warn("taking over a stale write lock", "owner", cur.Source.Owner, "renewed", cur.Source.At)
		q := url.Values{"if_seq_no": {fmt.Sprint(cur.SeqNo)}, "if_primary_term": {fmt.Sprint(cur.PrimaryTerm)}}
		if err := c.do(ctx, "DELETE", lockPath(c)+"?"+q.Encode(), nil, nil); err != nil && !isStatus(err, 409) && !isStatus(err, 404) {
			return nil, err
		}
	}
	return nil, search.ErrLocked
}

// renew updates the lock's time at most once a minute.
func (l *writeLock) renew(ctx context.Context) {
	if time.Since(l.at) < time.Minute {
		return
	}
	l.at = time.Now()
	if err := l.c.do(ctx, "PUT", lockPath(l.c), lockEntry{Owner: l.owner, At: l.at}, nil); err != nil {
		l.c.log.Warn("renew the write lock", "err", err)
	}
}

func (l *writeLock) release(ctx context.Context) {
	if err := l.c.do(ctx, "DELETE", lockPath(l.c)+"?refresh=true", nil, nil); err != nil && !isStatus(err, 404) {
		l.c.log.Warn("release the write lock", "err", err)
	}
}
