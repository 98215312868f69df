// Handbook library: the page viewer. It opens the document's PDF with
// pdf.js (served by this site, no other origin), goes to the page and
// highlights the words the index marked on it, the first one selected.
// Its state is left on the root element for people and tests:
// data-state (loading, ready, failed), data-current-page and data-matches.
const root = document.getElementById('viewer-root');
const status = document.getElementById('viewer-status');

function say(msg) {
  if (status) status.textContent = msg;
}

async function open() {
  const cfg = root.dataset;
  const page = parseInt(cfg.page, 10) || 1;
  let terms = [];
  try { terms = JSON.parse(cfg.terms || '[]'); } catch (_) { terms = []; }
  root.dataset.state = 'loading';
  say('Loading the PDF…');

  const pdfjsLib = await import(cfg.lib);
  // pdf_viewer.mjs takes the library from this global.
  globalThis.pdfjsLib = pdfjsLib;
  const viewer = await import(cfg.components);
  pdfjsLib.GlobalWorkerOptions.workerSrc = cfg.worker;

  const container = document.getElementById('viewerContainer');
  const eventBus = new viewer.EventBus();
  const linkService = new viewer.PDFLinkService({ eventBus });
  const findController = new viewer.PDFFindController({ eventBus, linkService });
  const pdfViewer = new viewer.PDFViewer({ container, eventBus, linkService, findController });
  linkService.setViewer(pdfViewer);

  eventBus.on('pagechanging', (e) => { root.dataset.currentPage = String(e.pageNumber); });
  eventBus.on('updatefindmatchescount', (e) => { root.dataset.matches = String(e.matchesCount.total); });
  eventBus.on('updatefindcontrolstate', (e) => {
    if (e.matchesCount) root.dataset.matches = String(e.matchesCount.total);
  });
  eventBus.on('pagesinit', () => {
    pdfViewer.currentScaleValue = 'page-width';
    pdfViewer.currentPageNumber = Math.min(page, pdfViewer.pagesCount);
    root.dataset.currentPage = String(pdfViewer.currentPageNumber);
    if (terms.length) {
      eventBus.dispatch('find', {
        source: null, type: '', query: terms, caseSensitive: false, entireWord: false,
        highlightAll: true, findPrevious: false, matchDiacritics: false,
      });
    }
    root.dataset.state = 'ready';
    say(terms.length ? 'Page ' + page + ', the words marked.' : 'Page ' + page + '.');
  });

  // Scans' JBIG2, CCITT and JPEG 2000 pictures are decoded by pdf.js's
  // JavaScript decoders (useWasm: false): WebAssembly would need the
  // policy to allow 'wasm-unsafe-eval'.
  const pdf = await pdfjsLib.getDocument({
    url: cfg.pdf, isEvalSupported: false, enableXfa: false, useWasm: false, wasmUrl: cfg.wasm,
  }).promise;
  pdfViewer.setDocument(pdf);
  linkService.setDocument(pdf, null);
}

open().catch((err) => {
  root.dataset.state = 'failed';
  say('The viewer could not open this PDF; use “Open the PDF at this page”.');
  console.warn('viewer:', err);
});
