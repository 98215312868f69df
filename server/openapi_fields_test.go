package server

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// responseSchemas names the Go type whose JSON each schema of openapi.json
// describes. Renaming or retagging a field of one of them changes API v1,
// and this test says so.
var responseSchemas = map[string]any{
	"SearchResult":   searchResponse{},
	"Hit":            hitJSON{},
	"PageHit":        pageHitJSON{},
	"Edition":        editionJSON{},
	"Facet":          facetJSON{},
	"FacetsResponse": facetsResponse{},
	"Document":       documentResponse{},
	"PageText":       pageResponse{},
	"Suggestions":    suggestResponse{},
	"Health":         healthResponse{},
	"Ready":          readyResponse{},
	"Error":          errorResponse{},
}

// TestOpenAPIResponseFields checks the fields of every response type
// against its schema: the same names, a JSON type that fits, and every
// required field always present (not omitempty).
func TestOpenAPIResponseFields(t *testing.T) {
	var doc struct {
		Components struct {
			Schemas map[string]map[string]any `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatal(err)
	}
	for name, v := range responseSchemas {
		schema, ok := doc.Components.Schemas[name]
		if !ok {
			t.Errorf("openapi.json has no schema %s", name)
			continue
		}
		checkSchemaFields(t, name, schema, reflect.TypeOf(v))
	}
}

func checkSchemaFields(t *testing.T, name string, schema map[string]any, typ reflect.Type) {
	t.Helper()
	props, _ := schema["properties"].(map[string]any)
	fields := jsonFields(typ)
	for _, f := range fields {
		p, ok := props[f.name].(map[string]any)
		if !ok {
			t.Errorf("%s: field %q (%s.%s) is not in openapi.json", name, f.name, typ.Name(), f.goName)
			continue
		}
		if want := schemaType(p); want != "" && !fitsSchemaType(f.typ, want) {
			t.Errorf("%s.%s: Go type %s, openapi.json type %s", name, f.name, f.typ, want)
		}
		if nested, ok := p["properties"].(map[string]any); ok && nested != nil {
			ft := f.typ
			for ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			checkSchemaFields(t, name+"."+f.name, p, ft)
		}
	}
	for prop := range props {
		if !slices.ContainsFunc(fields, func(f jsonField) bool { return f.name == prop }) {
			t.Errorf("%s: openapi.json documents %q, which %s does not have", name, prop, typ.Name())
		}
	}
	required, _ := schema["required"].([]any)
	for _, r := range required {
		i := slices.IndexFunc(fields, func(f jsonField) bool { return f.name == r })
		if i >= 0 && fields[i].omitEmpty {
			t.Errorf("%s: %q is required by openapi.json but omitted when empty", name, r)
		}
	}
}

type jsonField struct {
	name, goName string
	typ          reflect.Type
	omitEmpty    bool
}

// jsonFields lists the fields encoding/json writes for typ.
func jsonFields(typ reflect.Type) []jsonField {
	var out []jsonField
	for i := range typ.NumField() {
		f := typ.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" || !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			et := f.Type
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			out = append(out, jsonFields(et)...)
			continue
		}
		if name == "" {
			name = f.Name
		}
		out = append(out, jsonField{name: name, goName: f.Name, typ: f.Type, omitEmpty: strings.Contains(opts, "omitempty")})
	}
	return out
}

// schemaType is the JSON type a property schema declares, following a
// $ref to an object.
func schemaType(p map[string]any) string {
	if s, ok := p["type"].(string); ok {
		return s
	}
	if _, ok := p["$ref"]; ok {
		return "object"
	}
	return ""
}

func fitsSchemaType(typ reflect.Type, want string) bool {
	for typ.Kind() == reflect.Pointer {
		typ = typ.Elem()
	}
	if typ == reflect.TypeOf(time.Time{}) {
		return want == "string"
	}
	switch typ.Kind() {
	case reflect.String:
		return want == "string"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return want == "integer"
	case reflect.Float64, reflect.Float32:
		return want == "number"
	case reflect.Bool:
		return want == "boolean"
	case reflect.Slice:
		return want == "array"
	case reflect.Map, reflect.Struct:
		return want == "object"
	}
	return false
}
