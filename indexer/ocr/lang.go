package ocr

import "strings"

// tessLang maps ISO 639-1 codes (the catalog's languages) to Tesseract's
// language names.
var tessLang = map[string]string{
	"af": "afr", "am": "amh", "ar": "ara", "az": "aze", "be": "bel", "bg": "bul", "bn": "ben",
	"bs": "bos", "ca": "cat", "cs": "ces", "cy": "cym", "da": "dan", "de": "deu", "el": "ell",
	"en": "eng", "es": "spa", "et": "est", "eu": "eus", "fa": "fas", "fi": "fin", "fr": "fra",
	"ga": "gle", "gl": "glg", "gu": "guj", "he": "heb", "hi": "hin", "hr": "hrv", "hu": "hun",
	"hy": "hye", "id": "ind", "is": "isl", "it": "ita", "ja": "jpn", "ka": "kat", "kk": "kaz",
	"km": "khm", "ko": "kor", "ky": "kir", "lo": "lao", "lt": "lit", "lv": "lav", "mk": "mkd",
	"ml": "mal", "mn": "mon", "mr": "mar", "ms": "msa", "my": "mya", "ne": "nep", "nl": "nld",
	"no": "nor", "pa": "pan", "pl": "pol", "ps": "pus", "pt": "por", "ro": "ron", "ru": "rus",
	"si": "sin", "sk": "slk", "sl": "slv", "so": "som", "sq": "sqi", "sr": "srp", "sv": "swe",
	"sw": "swa", "ta": "tam", "te": "tel", "tg": "tgk", "th": "tha", "ti": "tir", "tl": "tgl",
	"tr": "tur", "uk": "ukr", "ur": "urd", "uz": "uzb", "vi": "vie", "zh": "chi_sim",
}

// LanguagesFor turns ISO 639-1 codes into the installed Tesseract languages
// that read them, in order and without repeats; missing lists the codes
// whose language data is not installed (or unknown).
func (e *Engine) LanguagesFor(codes []string) (langs, missing []string) {
	seen := map[string]bool{}
	for _, c := range codes {
		c = strings.ToLower(strings.TrimSpace(c))
		if c == "" {
			continue
		}
		t, ok := tessLang[c]
		if !ok && e.Has(c) {
			t, ok = c, true // already a Tesseract name
		}
		if !ok || !e.Has(t) {
			missing = append(missing, c)
			continue
		}
		if !seen[t] {
			seen[t] = true
			langs = append(langs, t)
		}
	}
	return langs, missing
}
