package opensearch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"time"

	osgo "github.com/opensearch-project/opensearch-go/v4"

	"handbooks/search"
)

// Environment variables with the cluster's credentials, so they never
// appear on a command line.
const (
	EnvUser     = "HANDBOOKS_OPENSEARCH_USER"
	EnvPassword = "HANDBOOKS_OPENSEARCH_PASSWORD"
	EnvCAFile   = "HANDBOOKS_OPENSEARCH_CA" // PEM file of the CA that signed the cluster's certificate
)

// Config says which cluster, under which index names, and how.
type Config struct {
	// URLs of one or more nodes (http://host:9200 or https://...). Requests
	// go to them in turn; a node that fails is retried on the next one.
	URLs []string
	// Prefix of the index and alias names (default "handbooks"), so that
	// several libraries can share a cluster.
	Prefix string
	// Username and Password for HTTP basic authentication; CACert is the
	// PEM of the certificate authority of an https cluster (the system's
	// authorities otherwise). TLS certificates are always verified.
	Username, Password string
	CACert             []byte
	// Shards of the page index of a new generation; 0 chooses from the
	// library's size (see doc.go). Replicas of both indexes once a
	// generation is live; -1 (the default from FromEnv) chooses one replica
	// when the cluster has more than one data node, else none.
	Shards   int
	Replicas int
	Limits   search.Limits
	// ThesaurusFile replaces the built-in thesaurus (search.LoadThesaurus).
	ThesaurusFile string
	Logger        *slog.Logger
}

// FromEnv returns a Config for the comma-separated node URLs with the
// credentials of the environment (EnvUser, EnvPassword, EnvCAFile).
func FromEnv(urls, prefix string) (Config, error) {
	c := Config{Prefix: prefix, Replicas: -1,
		Username: os.Getenv(EnvUser), Password: os.Getenv(EnvPassword)}
	for _, u := range strings.Split(urls, ",") {
		if u = strings.TrimSpace(u); u != "" {
			c.URLs = append(c.URLs, strings.TrimRight(u, "/"))
		}
	}
	if len(c.URLs) == 0 {
		return c, errors.New("opensearch: no node URL")
	}
	if f := os.Getenv(EnvCAFile); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			return c, fmt.Errorf("opensearch: read %s: %w", EnvCAFile, err)
		}
		c.CACert = b
	}
	return c, nil
}

// client sends JSON requests to the cluster through opensearch-go's
// transport, which retries a request on another node when one is lost
// (connection errors, 502, 503, 504), MaxRetries times.
type client struct {
	os     *osgo.Client
	prefix string
	log    *slog.Logger
}

// maxRetries is how many other attempts a request gets when a node is
// lost; with the transport's backoff this is the retry window that
// README's OpenSearch section documents.
const maxRetries = 5

func newClient(cfg Config) (*client, error) {
	if len(cfg.URLs) == 0 {
		return nil, errors.New("opensearch: no node URL")
	}
	prefix := cfg.Prefix
	if prefix == "" {
		prefix = "handbooks"
	}
	if prefix != strings.ToLower(prefix) || strings.ContainsAny(prefix, " \"*\\<|,>/?#:") {
		return nil, fmt.Errorf("opensearch: index prefix %q: use lower case letters, digits, - and _", prefix)
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	c, err := osgo.NewClient(osgo.Config{
		Addresses: cfg.URLs, Username: cfg.Username, Password: cfg.Password, CACert: cfg.CACert,
		RetryOnStatus:        []int{502, 503, 504},
		EnableRetryOnTimeout: true,
		MaxRetries:           maxRetries,
		RetryBackoff:         func(attempt int) time.Duration { return time.Duration(attempt) * 250 * time.Millisecond },
	})
	if err != nil {
		return nil, fmt.Errorf("opensearch: %w", err)
	}
	return &client{os: c, prefix: prefix, log: log}, nil
}

// statusError is a response of the cluster with an error status.
type statusError struct {
	Status int
	Type   string // OpenSearch's error type, e.g. index_not_found_exception
	Reason string
}

func (e *statusError) Error() string {
	return fmt.Sprintf("opensearch: %d %s: %s", e.Status, e.Type, e.Reason)
}

// Unwrap makes a refusal for the moment (429, 5xx) a search.ErrUnavailable.
func (e *statusError) Unwrap() error {
	if e.Status == 429 || e.Status >= 500 {
		return search.ErrUnavailable
	}
	return nil
}

func isStatus(err error, status int) bool {
	var se *statusError
	return errors.As(err, &se) && se.Status == status
}

// do sends a request with a JSON body (nil: none; []byte: as is, NDJSON for
// _bulk) and decodes the JSON answer into out (nil: discarded).
func (c *client) do(ctx context.Context, method, path string, body, out any) error {
	var rd io.Reader
	ctype := "application/json"
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
		ctype = "application/x-ndjson"
	default:
		js, err := json.Marshal(b)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(js)
	}
	req, err := http.NewRequestWithContext(ctx, method, path, rd)
	if err != nil {
		return err
	}
	if rd != nil {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := c.os.Perform(req)
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("opensearch %s %s: %w", method, path, ctx.Err())
		}
		return fmt.Errorf("opensearch %s %s: %w (%w)", method, path, search.ErrUnavailable, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("opensearch %s %s: %w", method, path, err)
	}
	if resp.StatusCode >= 300 {
		var e struct {
			Error struct {
				Type      string `json:"type"`
				Reason    string `json:"reason"`
				RootCause []struct {
					Type   string `json:"type"`
					Reason string `json:"reason"`
				} `json:"root_cause"`
			} `json:"error"`
		}
		json.Unmarshal(data, &e)
		if rc := e.Error.RootCause; len(rc) > 0 && rc[0].Reason != e.Error.Reason {
			e.Error.Reason += " (" + rc[0].Type + ": " + rc[0].Reason + ")"
		}
		if e.Error.Reason == "" {
			e.Error.Reason = strings.TrimSpace(string(data))
			if len(e.Error.Reason) > 300 {
				e.Error.Reason = e.Error.Reason[:300]
			}
		}
		return &statusError{Status: resp.StatusCode, Type: e.Error.Type, Reason: e.Error.Reason}
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("opensearch %s %s: decode answer: %w", method, path, err)
	}
	return nil
}

// Names of the aliases and indexes of a prefix. A generation is a pair of
// indexes PREFIX-g-TIME-docs and PREFIX-g-TIME-pages; the aliases
// PREFIX-docs and PREFIX-pages name the live one; PREFIX-meta holds one
// entry per generation (its run info, the indexer's state and the region
// tree) and the write lock.
func (c *client) docsAlias() string  { return c.prefix + "-docs" }
func (c *client) pagesAlias() string { return c.prefix + "-pages" }
func (c *client) metaIndex() string  { return c.prefix + "-meta" }
func (c *client) genIndex(gen, kind string) string {
	return c.prefix + "-" + gen + "-" + kind
}
