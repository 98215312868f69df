package server

import (
	"encoding/json"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gorilla/mux"
)

type openAPIDoc struct {
	Info struct {
		Version string `json:"version"`
	} `json:"info"`
	Paths map[string]map[string]struct {
		Parameters []struct {
			Name string `json:"name"`
			In   string `json:"in"`
		} `json:"parameters"`
		Responses map[string]any `json:"responses"`
	} `json:"paths"`
	Components struct {
		Schemas map[string]struct {
			Properties map[string]struct {
				Properties map[string]struct {
					Enum []string `json:"enum"`
				} `json:"properties"`
			} `json:"properties"`
		} `json:"schemas"`
	} `json:"components"`
}

func loadOpenAPI(t *testing.T) openAPIDoc {
	t.Helper()
	var doc openAPIDoc
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	return doc
}

// TestOpenAPIRoutes checks that every API route of the router is in
// openapi.json with its parameters, and that the document has no other.
func TestOpenAPIRoutes(t *testing.T) {
	doc := loadOpenAPI(t)
	s := newTestServer(t, newFake(), "", Limits{})
	routes := map[string]bool{}
	err := s.router().Walk(func(rt *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		path, err := rt.GetPathTemplate()
		if err != nil {
			return err
		}
		methods, _ := rt.GetMethods()
		routes[path] = true
		ops, ok := doc.Paths[path]
		if !ok {
			t.Errorf("route %s is not in openapi.json", path)
			return nil
		}
		for _, m := range methods {
			if m == "HEAD" {
				continue // HEAD is GET without a body
			}
			op, ok := ops[strings.ToLower(m)]
			if !ok {
				t.Errorf("%s %s is not in openapi.json", m, path)
				continue
			}
			var query, inPath []string
			for _, p := range op.Parameters {
				switch p.In {
				case "query":
					query = append(query, p.Name)
				case "path":
					inPath = append(inPath, p.Name)
				}
			}
			want := slices.Clone(routeParams[path])
			slices.Sort(query)
			slices.Sort(want)
			if !slices.Equal(query, want) {
				t.Errorf("%s: openapi.json has query parameters %v, the handler takes %v", path, query, want)
			}
			var vars []string
			for _, m := range regexp.MustCompile(`\{(\w+)\}`).FindAllStringSubmatch(path, -1) {
				vars = append(vars, m[1])
			}
			if !slices.Equal(inPath, vars) {
				t.Errorf("%s: openapi.json has path parameters %v, want %v", path, inPath, vars)
			}
			if _, ok := op.Responses["200"]; !ok {
				t.Errorf("%s: no 200 response documented", path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for path := range doc.Paths {
		if !routes[path] {
			t.Errorf("openapi.json documents %s, which the router does not serve", path)
		}
	}
	for path := range routeParams {
		if !routes[path] {
			t.Errorf("routeParams names %s, which the router does not serve", path)
		}
	}
}

func TestOpenAPIVersionAndCodes(t *testing.T) {
	doc := loadOpenAPI(t)
	if doc.Info.Version != APIVersion {
		t.Errorf("openapi.json version %q, APIVersion %q", doc.Info.Version, APIVersion)
	}
	codes := doc.Components.Schemas["Error"].Properties["error"].Properties["code"].Enum
	if !slices.Equal(slices.Sorted(slices.Values(codes)), slices.Sorted(maps.Keys(statusOf))) {
		t.Errorf("openapi.json error codes %v, server codes %v", codes, slices.Sorted(maps.Keys(statusOf)))
	}
	// Every reference resolves.
	var raw map[string]any
	json.Unmarshal(openAPI, &raw)
	for _, ref := range regexp.MustCompile(`"\$ref": "#/([^"]+)"`).FindAllStringSubmatch(string(openAPI), -1) {
		var node any = raw
		for _, part := range strings.Split(ref[1], "/") {
			m, _ := node.(map[string]any)
			node = m[part]
		}
		if node == nil {
			t.Errorf("unresolved $ref %s", ref[1])
		}
	}
	s := newTestServer(t, newFake(), "", Limits{})
	w := get(s, "GET", "/api/openapi.json")
	if w.Code != 200 || w.Header().Get("API-Version") != APIVersion || w.Body.Len() != len(openAPI) {
		t.Errorf("GET /api/openapi.json: %d, API-Version %q", w.Code, w.Header().Get("API-Version"))
	}
}
