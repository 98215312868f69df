package reliability

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os/exec"
	"testing"
	"time"
)

// loadResult is the part of loadmix's JSON output the test reads.
type loadResult struct {
	Normal struct {
		Count int     `json:"count"`
		P50   float64 `json:"p50_ms"`
		P99   float64 `json:"p99_ms"`
	} `json:"normal"`
	Hostile struct {
		Count int     `json:"count"`
		P99   float64 `json:"p99_ms"`
	} `json:"hostile"`
	Statuses        map[string]int `json:"statuses"`
	ServerErrors    int            `json:"server_errors"`
	TransportErrors int            `json:"transport_errors"`
	Unexpected      int            `json:"unexpected"`
	Examples        []string       `json:"examples"`
}

func runLoad(t *testing.T, base string, hostile int, d time.Duration) loadResult {
	t.Helper()
	cmd := exec.Command(loadmix, "-base", base, "-clients", "8", "-duration", d.String(),
		"-warmup", "1s", "-hostile", fmt.Sprint(hostile))
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var r loadResult
	if jerr := json.Unmarshal(out.Bytes(), &r); jerr != nil {
		t.Fatalf("loadmix: %v %v\n%s", err, jerr, errb.String())
	}
	return r
}

// A load client in its own process sends normal traffic at 8 concurrent
// clients, with and without 10% hostile requests. No request fails with
// a 5xx or goes unanswered, hostile ones get a 4xx and normal ones a 200.
// The long run reports the p99 of normal requests with hostile traffic
// against a clean run (the goal is at most 2×); no test asserts it.
func TestLoadWithHostileQueries(t *testing.T) {
	d, rounds := 2*time.Second, 1
	if *long {
		d, rounds = 30*time.Second, 2
	}
	lib := newKillLibrary(t)
	lib.set(t, *long)
	index := t.TempDir()
	mustIndex(t, lib.dir, index)
	s := startServer(t, lib.dir, index)
	s.waitReady(t)
	var clean, mixed []loadResult
	for range rounds {
		clean = append(clean, runLoad(t, s.URL, 0, d))
		mixed = append(mixed, runLoad(t, s.URL, 10, d))
	}
	var requests, fails int
	for _, r := range append(append([]loadResult{}, clean...), mixed...) {
		requests += r.Normal.Count + r.Hostile.Count
		if r.ServerErrors+r.TransportErrors+r.Unexpected > 0 {
			fails += r.ServerErrors + r.TransportErrors + r.Unexpected
			t.Errorf("load: %d 5xx, %d unanswered, %d unexpected statuses %v: %v",
				r.ServerErrors, r.TransportErrors, r.Unexpected, r.Statuses, r.Examples)
		}
		if r.Normal.Count == 0 {
			t.Errorf("load: no normal request answered 200: %v", r.Statuses)
		}
	}
	if s.Exited() {
		t.Fatalf("the server exited under load:\n%s", s.Logs())
	}
	for i := range rounds {
		ratio := mixed[i].Normal.P99 / clean[i].Normal.P99
		figure(t, "load round %d (8 clients, %v each): clean p50 %.1f ms p99 %.1f ms (%d req); with 10%% hostile p50 %.1f ms p99 %.1f ms (%d normal, %d hostile, statuses %v); p99 ratio %.2f",
			i+1, d, clean[i].Normal.P50, clean[i].Normal.P99, clean[i].Normal.Count,
			mixed[i].Normal.P50, mixed[i].Normal.P99, mixed[i].Normal.Count, mixed[i].Hostile.Count, mixed[i].Statuses, ratio)
	}
	figure(t, "load: %d requests, %d failed (5xx, unanswered or wrong status)", requests, fails)
}
