package pdftext

import (
	"errors"
	"sort"
)

// maxRepairPages bounds the pages of one repairDoc.
const maxRepairPages = 200_000

// inheritedPageKeys page attributes (PDF 32000-1, 7.7.3.4).
var inheritedPageKeys = []pdfName{"Resources", "MediaBox", "CropBox", "Rotate"}

// rebuildPages replaces the page tree under the catalog root with a fresh,
// balanced one holding every page reachable from the old tree once, in
// order, with inherited attributes copied onto each page. When the old tree
// yields no page, every object typed /Page is used, in file order.
func (w *repairWriter) rebuildPages(root pdfRef) error {
	cat := w.doc.dict(root)
	if cat == nil {
		return errors.New("catalog is not a dictionary")
	}
	var pages []int
	seen := map[int]bool{}
	w.collectPages(cat["Pages"], pdfDict{}, seen, 0, &pages)
	if len(pages) == 0 {
		pages = w.looseP()
	}
	if len(pages) == 0 {
		return errors.New("no pages found")
	}
	cat["Pages"] = w.pageTree(pages, nil)
	w.root = root
	return nil
}

// collectPages walks the page tree depth first, skipping any node it has
// seen already, so cycles end.
func (w *repairWriter) collectPages(node any, inherited pdfDict, seen map[int]bool, depth int, pages *[]int) {
	ref, ok := node.(pdfRef)
	if !ok || seen[ref.num] || depth > 64 || len(*pages) >= maxRepairPages {
		return
	}
	seen[ref.num] = true
	d := w.doc.dict(ref)
	if d == nil {
		return
	}
	kids, hasKids := w.doc.resolve(d["Kids"]).(pdfArray)
	if d["Type"] == pdfName("Pages") || hasKids && d["Type"] != pdfName("Page") {
		here := pdfDict{}
		for k, v := range inherited {
			here[k] = v
		}
		for _, k := range inheritedPageKeys {
			if v, ok := d[k]; ok {
				here[k] = v
			}
		}
		for _, kid := range kids {
			w.collectPages(kid, here, seen, depth+1, pages)
		}
		return
	}
	for _, k := range inheritedPageKeys {
		if _, ok := d[k]; !ok && inherited[k] != nil {
			d[k] = inherited[k]
		}
	}
	if _, isDict := w.doc.objects[ref.num].value.(pdfDict); !isDict {
		return
	}
	d["Type"] = pdfName("Page")
	*pages = append(*pages, ref.num)
}

// looseP returns the objects typed /Page, in file order.
func (w *repairWriter) looseP() []int {
	var pages []int
	for num, e := range w.doc.objects {
		if d, ok := e.value.(pdfDict); ok && d["Type"] == pdfName("Page") {
			pages = append(pages, num)
		}
	}
	sort.Slice(pages, func(i, j int) bool {
		return w.doc.objects[pages[i]].pos < w.doc.objects[pages[j]].pos
	})
	if len(pages) > maxRepairPages {
		pages = pages[:maxRepairPages]
	}
	return pages
}

// pageTree builds a balanced tree of /Pages nodes over the given pages and
// returns a reference to its root.
func (w *repairWriter) pageTree(pages []int, parent any) pdfRef {
	const fanout = 32
	num := w.doc.maxNum() + 1
	node := pdfDict{"Type": pdfName("Pages"), "Count": int64(len(pages))}
	if parent != nil {
		node["Parent"] = parent
	}
	w.doc.objects[num] = &objEntry{value: node}
	self := pdfRef{num, 0}
	var kids pdfArray
	if len(pages) <= fanout {
		for _, p := range pages {
			e := w.doc.objects[p]
			e.value.(pdfDict)["Parent"] = self
			kids = append(kids, pdfRef{p, e.gen})
		}
	} else {
		// Split into at most fanout groups of equal size.
		size := (len(pages) + fanout - 1) / fanout
		for i := 0; i < len(pages); i += size {
			kids = append(kids, w.pageTree(pages[i:min(i+size, len(pages))], self))
		}
	}
	node["Kids"] = kids
	return self
}
