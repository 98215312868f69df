package opensearch

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"handbooks/search"
	"handbooks/server"
)

var faults = flag.Bool("opensearch.faults", false,
	"kill nodes of the three-node cluster of "+envURL+" (run.sh -nodes 3 -dir DIR; DIR in HANDBOOKS_OPENSEARCH_DIR)")

// retryWindow is how long after a node's loss errors may still reach a
// client: the cluster notices a lost node within a few seconds (three
// missed checks a second apart) and promotes replicas; requests in flight
// to the lost node are retried on others meanwhile. README states it.
const retryWindow = 20 * time.Second

// faultCluster returns the cluster config and the folder of run.sh's pid
// files, or skips.
func faultCluster(t *testing.T) (Config, string) {
	if !*faults {
		t.Skip("fault tests run with -opensearch.faults against deploy/opensearch/run.sh -nodes 3 -dir DIR")
	}
	dir := os.Getenv("HANDBOOKS_OPENSEARCH_DIR")
	if dir == "" {
		t.Fatal("HANDBOOKS_OPENSEARCH_DIR: the -dir of run.sh, with its pid files")
	}
	cfg := testCluster(t)
	c, err := newClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := dataNodes(context.Background(), c); err != nil || n < 3 {
		t.Fatalf("the fault tests need three nodes; the cluster has %d (%v)", n, err)
	}
	if len(cfg.URLs) < 3 {
		t.Fatalf("give the three nodes' URLs in %s, comma-separated", envURL)
	}
	return cfg, dir
}

// killNode kills node i of run.sh with SIGKILL (run.sh starts it again).
func killNode(t *testing.T, dir string, i int) {
	b, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("node-%d.pid", i)))
	if err != nil {
		t.Error(err)
		return
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Errorf("kill node-%d (%d): %v", i, pid, err)
	}
	t.Logf("killed node-%d (pid %d)", i, pid)
}

// waitGreen waits until the cluster is green with three nodes again.
func waitGreen(t *testing.T, cfg Config) {
	c, _ := newClient(cfg)
	for i := 0; i < 60; i++ {
		var h struct {
			Status string `json:"status"`
			Nodes  int    `json:"number_of_nodes"`
		}
		err := c.do(context.Background(), "GET", "/_cluster/health?wait_for_status=green&wait_for_nodes=3&timeout=10s", nil, &h)
		if err == nil && h.Status == "green" && h.Nodes == 3 {
			return
		}
	}
	t.Fatal("the cluster did not come back to green with three nodes")
}

// syntheticDocs makes n documents of k pages of varied words.
func syntheticDocs(n, k int) []search.Document {
	words := strings.Fields("trafficking victims labour exploitation referral shelter identification protection " +
		"prosecution children migrants recruitment debt bondage inspection guidance training indicators " +
		"interview support survivors compensation investigation border agency partners")
	docs := make([]search.Document, n)
	for i := range docs {
		var ps []search.Page
		for p := 0; p < k; p++ {
			var b strings.Builder
			for w := 0; w < 120; w++ {
				b.WriteString(words[(i*7+p*13+w*w)%len(words)])
				b.WriteByte(' ')
			}
			ps = append(ps, search.Page{Number: p + 1, Text: b.String()})
		}
		docs[i] = search.Document{ID: fmt.Sprintf("synth-%05d", i), Title: "Synthetic handbook " + strconv.Itoa(i),
			Types: []string{[]string{"Guidance", "Toolkit", "Training"}[i%3]}, Regions: []string{"Europe"},
			Language: "en", Year: 2000 + i%25, PageCount: k, Pages: ps}
	}
	return docs
}

// TestFaultDuringBulkLoad: a node killed while a generation is loaded
// loses nothing: every document and page is there after the commit.
func TestFaultDuringBulkLoad(t *testing.T) {
	cfg, dir := faultCluster(t)
	ctx := context.Background()
	st, err := OpenStore(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	u, err := st.Begin(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	const n, k, batch = 900, 5, 30
	docs := syntheticDocs(n, k)
	for i := 0; i < n; i += batch {
		if i == n/3 {
			killNode(t, dir, 1)
		}
		if err := u.Put(ctx, docs[i:i+batch]...); err != nil {
			t.Fatalf("Put after the kill: %v", err)
		}
	}
	write(t, u, nil, nil, "faults")
	if got := countOf(t, st.c, st.c.docsAlias(), nil); got != n {
		t.Errorf("%d documents after the load, want %d", got, n)
	}
	if got := countOf(t, st.c, st.c.pagesAlias(), nil); got != n*k {
		t.Errorf("%d pages after the load, want %d", got, n*k)
	}
	waitGreen(t, cfg)
	if got := countOf(t, st.c, st.c.pagesAlias(), nil); got != n*k {
		t.Errorf("%d pages after recovery, want %d", got, n*k)
	}
}

// TestFaultDuringQueries: a node killed under a query load gives no 5xx
// later than retryWindow after the kill, and the answers stay complete.
func TestFaultDuringQueries(t *testing.T) {
	cfg, dir := faultCluster(t)
	ctx := context.Background()
	st, err := OpenStore(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	u, err := st.Begin(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	const n = 300
	write(t, u, syntheticDocs(n, 3), nil, "queries")
	waitGreen(t, cfg)
	x, err := Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(server.Config{Searcher: x, Library: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()

	type failure struct {
		at     time.Duration
		status int
	}
	var mu sync.Mutex
	var fails []failure
	var total, short int
	start := time.Now()
	killAt := 3 * time.Second
	deadline := start.Add(killAt + retryWindow + 10*time.Second)
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			qs := []string{"trafficking", "labour exploitation", "victims", "shelter OR referral", "guidance"}
			for i := 0; time.Now().Before(deadline); i++ {
				resp, err := http.Get(ts.URL + "/api/search?q=" + strings.ReplaceAll(qs[(i+w)%len(qs)], " ", "+"))
				status := 0
				if err == nil {
					status = resp.StatusCode
					resp.Body.Close()
				}
				mu.Lock()
				total++
				if status != 200 {
					fails = append(fails, failure{at: time.Since(start), status: status})
				}
				mu.Unlock()
			}
		}(w)
	}
	time.Sleep(killAt)
	killNode(t, dir, 2)
	killed := time.Since(start)
	wg.Wait()
	// Every document is still found once the load is over.
	r, err := x.Search(ctx, search.Request{Query: "guidance"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Documents == 0 || r.Documents > n {
		short++
	}
	late := 0
	for _, f := range fails {
		if f.at-killed > retryWindow {
			late++
		}
	}
	t.Logf("%d requests, %d not 200 (statuses and times after the kill: %v), %d later than %v", total, len(fails), fails, late, retryWindow)
	if late > 0 {
		t.Errorf("%d errors later than %v after the kill", late, retryWindow)
	}
	if short > 0 {
		t.Errorf("after the load: %d documents", r.Documents)
	}
	waitGreen(t, cfg)
}
