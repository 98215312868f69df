package pdftext

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"crypto/rc4"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixtureEncryption is how encryptedPDF encrypts: the standard security
// handler's version, revision and key length, the crypt filter method for
// V=4 and V=5, and the passwords.
type fixtureEncryption struct {
	v, r, bits  int
	cfm         string // V2, AESV2 or AESV3 for crypt filters
	user, owner string
}

var fixtureID = []byte("0123456789abcdef")

// encryptedPDF is a one-page document with an Info title, encrypted.
func encryptedPDF(e fixtureEncryption) []byte {
	const title = "Handbook for first responders"
	content := []byte("BT /F1 12 Tf 20 100 Td (Indicators of exploitation) Tj ET")
	var fileKey, o, u, oe, ue []byte
	p := int32(-4)
	n := e.bits / 8
	if e.r >= 5 {
		fileKey = []byte("0123456789abcdef0123456789abcdef")
		vs, ks := []byte("uvsaltuv"), []byte("uksaltuk")
		u = append(append(hash2B(e.r, []byte(e.user), vs, nil), vs...), ks...)
		ue = aesWrap(hash2B(e.r, []byte(e.user), ks, nil), fileKey)
		ovs, oks := []byte("ovsalto1"), []byte("oksalto1")
		o = append(append(hash2B(e.r, []byte(e.owner), ovs, u[:48]), ovs...), oks...)
		oe = aesWrap(hash2B(e.r, []byte(e.owner), oks, u[:48]), fileKey)
	} else {
		o = ownerEntry(padPassword(e.owner), padPassword(e.user), e.r, n)
		fileKey = rc4Key(padPassword(e.user), o, uint32(p), fixtureID, e.r, n, true)
		u = userEntry(fileKey, e.r)
	}
	method := cryptRC4
	switch e.cfm {
	case "AESV2":
		method = cryptAESV2
	case "AESV3":
		method = cryptAESV3
	}
	d := &decrypter{key: fileKey}
	enc := func(num int, data []byte) string {
		return hex.EncodeToString(encryptFor(d, pdfRef{num, 0}, method, data))
	}
	encContent, _ := hex.DecodeString(enc(4, content))
	dict := fmt.Sprintf("<< /Filter /Standard /V %d /R %d /Length %d /P %d /O <%x> /U <%x>", e.v, e.r, e.bits, p, o, u)
	if e.r >= 5 {
		dict += fmt.Sprintf(" /OE <%x> /UE <%x> /Perms <00000000000000000000000000000000>", oe, ue)
	}
	if e.v >= 4 {
		dict += fmt.Sprintf(" /CF << /StdCF << /CFM /%s /AuthEvent /DocOpen /Length %d >> >> /StmF /StdCF /StrF /StdCF", e.cfm, n)
	}
	dict += " >>"
	doc := fixtureOnePage(fixtureObj{body: fmt.Sprintf("<< /Length %d >>", len(encContent)), stream: encContent})
	doc.objects = append(doc.objects, fixtureObj{body: dict}, fixtureObj{body: "<< /Title <" + enc(7, []byte(title)) + "> >>"})
	doc.trailer = fmt.Sprintf("/Encrypt 6 0 R /Info 7 0 R /ID [<%x> <%x>]", fixtureID, fixtureID)
	return doc.bytes()
}

func padPassword(pw string) []byte {
	return append([]byte(pw), stdPasswordPad...)[:32]
}

// ownerEntry is algorithm 3.
func ownerEntry(owner, user []byte, r, n int) []byte {
	sum := md5.Sum(owner)
	key := sum[:]
	if r >= 3 {
		for i := 0; i < 50; i++ {
			s := md5.Sum(key)
			key = s[:]
		}
		key = key[:n]
	} else {
		key = key[:5]
	}
	out := append([]byte(nil), user...)
	for i := 0; i <= 19; i++ {
		if r == 2 && i > 0 {
			break
		}
		k := make([]byte, len(key))
		for j := range key {
			k[j] = key[j] ^ byte(i)
		}
		c, _ := rc4.NewCipher(k)
		c.XORKeyStream(out, out)
	}
	return out
}

// userEntry is algorithms 4 and 5.
func userEntry(key []byte, r int) []byte {
	if r == 2 {
		out := make([]byte, 32)
		c, _ := rc4.NewCipher(key)
		c.XORKeyStream(out, stdPasswordPad)
		return out
	}
	h := md5.New()
	h.Write(stdPasswordPad)
	h.Write(fixtureID)
	out := h.Sum(nil)
	for i := 0; i <= 19; i++ {
		k := make([]byte, len(key))
		for j := range key {
			k[j] = key[j] ^ byte(i)
		}
		c, _ := rc4.NewCipher(k)
		c.XORKeyStream(out, out)
	}
	return append(out, make([]byte, 16)...)
}

func aesWrap(key, data []byte) []byte {
	block, _ := aes.NewCipher(key)
	out := make([]byte, len(data))
	cipher.NewCBCEncrypter(block, make([]byte, 16)).CryptBlocks(out, data)
	return out
}

// encryptFor encrypts data of object ref, the inverse of decrypter.decrypt.
func encryptFor(d *decrypter, ref pdfRef, method int, data []byte) []byte {
	key := d.objectKey(ref, method)
	if method == cryptRC4 {
		out := make([]byte, len(data))
		c, _ := rc4.NewCipher(key)
		c.XORKeyStream(out, data)
		return out
	}
	pad := 16 - len(data)%16
	plain := append(append([]byte(nil), data...), make([]byte, pad)...)
	for i := len(data); i < len(plain); i++ {
		plain[i] = byte(pad)
	}
	iv := []byte("initialisationv!")
	block, _ := aes.NewCipher(key)
	out := make([]byte, len(plain))
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(out, plain)
	return append(iv, out...)
}

func TestOpenDecrypts(t *testing.T) {
	tests := []struct {
		name string
		enc  fixtureEncryption
	}{
		{"RC4 40-bit, revision 2", fixtureEncryption{v: 1, r: 2, bits: 40, owner: "owner"}},
		{"RC4 128-bit, revision 3", fixtureEncryption{v: 2, r: 3, bits: 128, owner: "owner"}},
		{"crypt filter V2 (RC4), V=4", fixtureEncryption{v: 4, r: 4, bits: 128, cfm: "V2", owner: "owner"}},
		{"crypt filter AESV2, V=4", fixtureEncryption{v: 4, r: 4, bits: 128, cfm: "AESV2", owner: "owner"}},
		{"AES-256, revision 5", fixtureEncryption{v: 5, r: 5, bits: 256, cfm: "AESV3", owner: "owner"}},
		{"AES-256, revision 6", fixtureEncryption{v: 5, r: 6, bits: 256, cfm: "AESV3", owner: "owner"}},
		{"AES-256, empty owner password", fixtureEncryption{v: 5, r: 6, bits: 256, cfm: "AESV3", user: "secret"}},
		{"RC4 128-bit, empty owner password", fixtureEncryption{v: 2, r: 3, bits: 128, user: "secret"}},
	}
	for _, tt := range tests {
		data := encryptedPDF(tt.enc)
		r, c, err := openReader(t.Context(), fixtureFile(t, data))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		c.Close()
		if got := r.Trailer().Key("Info").Key("Title").Text(); got != "Handbook for first responders" {
			t.Errorf("%s: title %q", tt.name, got)
		}
		if r.Trailer().Key("Encrypt").Kind() != 0 || !r.Trailer().Key("Decrypted").Bool() {
			t.Errorf("%s: the repaired copy is still encrypted or does not say it was", tt.name)
		}
		text, err := r.Page(1).GetPlainText(nil)
		if err != nil || !strings.Contains(text, "Indicators of exploitation") {
			t.Errorf("%s: page text %q, %v", tt.name, text, err)
		}
	}
}

func TestOpenNeedsPassword(t *testing.T) {
	for _, e := range []fixtureEncryption{
		{v: 2, r: 3, bits: 128, user: "secret", owner: "owner"},
		{v: 4, r: 4, bits: 128, cfm: "AESV2", user: "secret", owner: "owner"},
		{v: 5, r: 6, bits: 256, cfm: "AESV3", user: "secret", owner: "owner"},
	} {
		_, _, err := openReader(t.Context(), fixtureFile(t, encryptedPDF(e)))
		if !errors.Is(err, ErrEncrypted) {
			t.Errorf("V=%d R=%d with a user password: error %v, want ErrEncrypted", e.v, e.r, err)
		}
	}
}

// The sample library holds a PDF encrypted with an empty user password.
func TestOpenSampleLibraryEncrypted(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/library/*/*.pdf")
	more, _ := filepath.Glob("../../testdata/library/*.pdf")
	files = append(files, more...)
	found := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil || !strings.Contains(string(data), "/Encrypt") {
			continue
		}
		found++
		r, c, err := openReader(t.Context(), f)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		c.Close()
		if r.NumPage() == 0 {
			t.Errorf("%s: no pages", f)
		}
	}
	if found == 0 {
		t.Skip("no encrypted PDF in testdata/library yet")
	}
}
