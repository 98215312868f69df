package main

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"time"
)

// hitRate sends up to n of the search requests in paths (not suggestions)
// once and returns the share that found something, as a check that the
// mix asks each system real questions. found tells from a response body.
func hitRate(base string, paths []string, n int, found func(body []byte) bool) (float64, int) {
	hc := &http.Client{Timeout: 30 * time.Second}
	tried, hits := 0, 0
	for _, p := range paths {
		if tried == n {
			break
		}
		if strings.Contains(p, "/api/suggest") {
			continue
		}
		resp, err := hc.Get(base + p)
		if err != nil {
			continue
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		tried++
		if resp.StatusCode == http.StatusOK && found(body) {
			hits++
		}
	}
	if tried == 0 {
		return 0, 0
	}
	return float64(hits) / float64(tried), tried
}

func handbooksFound(body []byte) bool {
	var r struct {
		Total int `json:"total"`
	}
	return json.Unmarshal(body, &r) == nil && r.Total > 0
}

func omegaFound(body []byte) bool {
	return !strings.Contains(string(body), "No documents match")
}
