package pdftext

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"crypto/rc4"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
)

// ErrEncrypted reports a file that needs a password we do not have. Files
// that open with an empty user password are decrypted instead.
var ErrEncrypted = errors.New("encrypted: a password is needed")

// crypt methods of the standard security handler.
const (
	cryptNone = iota
	cryptRC4
	cryptAESV2 // AES-128
	cryptAESV3 // AES-256
)

// decrypter holds the file key of the standard security handler (PDF
// 32000-2, 7.6.4) once an empty password has been accepted.
type decrypter struct {
	key             []byte
	stm, str        int // methods for streams and strings
	encryptMetadata bool
	encryptRef      pdfRef // the Encrypt dictionary itself is not encrypted
}

var stdPasswordPad = []byte{
	0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
	0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
}

// newDecrypter authenticates with the empty password, as user or as owner.
// It returns ErrEncrypted when neither works and a plain error for an
// encryption it does not support.
func newDecrypter(doc *repairDoc) (*decrypter, error) {
	enc, ok := doc.resolve(doc.trailer["Encrypt"]).(pdfDict)
	if !ok {
		return nil, errors.New("encryption dictionary missing")
	}
	if f, _ := enc["Filter"].(pdfName); f != "Standard" {
		return nil, fmt.Errorf("unsupported encryption handler %q", string(f))
	}
	d := &decrypter{encryptMetadata: true}
	if r, ok := doc.trailer["Encrypt"].(pdfRef); ok {
		d.encryptRef = r
	}
	if b, ok := enc["EncryptMetadata"].(bool); ok {
		d.encryptMetadata = b
	}
	v := objInt(enc["V"])
	r := objInt(enc["R"])
	o, u := []byte(objString(enc["O"])), []byte(objString(enc["U"]))
	switch {
	case v == 5 || r >= 5:
		d.stm, d.str = cryptAESV3, cryptAESV3
		d.methods(enc)
		key, err := aes256Key(r, o, u, []byte(objString(enc["OE"])), []byte(objString(enc["UE"])))
		if err != nil {
			return nil, err
		}
		d.key = key
		return d, nil
	case v == 1 || v == 2 || v == 4:
	default:
		return nil, fmt.Errorf("unsupported encryption V=%d", v)
	}
	n := objInt(enc["Length"])
	if n == 0 {
		n = 40
	}
	if v == 4 {
		n = 128
	}
	if n%8 != 0 || n < 40 || n > 128 {
		return nil, fmt.Errorf("bad encryption key length %d", n)
	}
	if len(o) < 32 || len(u) < 16 {
		return nil, errors.New("bad encryption dictionary: O or U too short")
	}
	d.stm, d.str = cryptRC4, cryptRC4
	if v == 4 {
		d.methods(enc)
	}
	var id []byte
	if ids, ok := doc.trailer["ID"].(pdfArray); ok && len(ids) > 0 {
		id = []byte(objString(ids[0]))
	}
	p := uint32(int32(objInt(enc["P"])))
	keyFor := func(padded []byte) []byte {
		return rc4Key(padded, o[:32], p, id, r, n/8, d.encryptMetadata)
	}
	// As user with the empty password.
	if key := keyFor(stdPasswordPad); checkUser(key, u, id, r) {
		d.key = key
		return d, nil
	}
	// As owner with the empty password: O holds the user password
	// encrypted with a key derived from the owner password.
	user := ownerToUser(stdPasswordPad, o[:32], r, n/8)
	if key := keyFor(user); checkUser(key, u, id, r) {
		d.key = key
		return d, nil
	}
	return nil, ErrEncrypted
}

// methods reads the crypt filters of V=4 and V=5 (StmF, StrF).
func (d *decrypter) methods(enc pdfDict) {
	cf, _ := enc["CF"].(pdfDict)
	method := func(name any) int {
		n, _ := name.(pdfName)
		if n == "" || n == "Identity" {
			return cryptNone
		}
		f, _ := cf[n].(pdfDict)
		switch f["CFM"] {
		case pdfName("V2"):
			return cryptRC4
		case pdfName("AESV2"):
			return cryptAESV2
		case pdfName("AESV3"):
			return cryptAESV3
		}
		return cryptNone
	}
	d.stm = method(enc["StmF"])
	d.str = method(enc["StrF"])
}

// rc4Key is algorithm 2: the file key from a padded password.
func rc4Key(padded, o []byte, p uint32, id []byte, r, n int, encryptMetadata bool) []byte {
	h := md5.New()
	h.Write(padded[:32])
	h.Write(o)
	var pb [4]byte
	binary.LittleEndian.PutUint32(pb[:], p)
	h.Write(pb[:])
	h.Write(id)
	if r >= 4 && !encryptMetadata {
		h.Write([]byte{0xff, 0xff, 0xff, 0xff})
	}
	key := h.Sum(nil)
	if r >= 3 {
		for i := 0; i < 50; i++ {
			sum := md5.Sum(key[:n])
			key = sum[:]
		}
	} else {
		n = 5
	}
	return key[:n]
}

// checkUser is algorithms 4 and 5: does key produce the U objEntry?
func checkUser(key, u, id []byte, r int) bool {
	if r == 2 {
		out := make([]byte, 32)
		c, _ := rc4.NewCipher(key)
		c.XORKeyStream(out, stdPasswordPad)
		return bytes.Equal(out, u[:32])
	}
	h := md5.New()
	h.Write(stdPasswordPad)
	h.Write(id)
	out := h.Sum(nil)
	for i := 0; i <= 19; i++ {
		k := make([]byte, len(key))
		for j := range key {
			k[j] = key[j] ^ byte(i)
		}
		c, _ := rc4.NewCipher(k)
		c.XORKeyStream(out, out)
	}
	return bytes.Equal(out[:16], u[:16])
}

// ownerToUser is algorithm 7: the padded user password recovered from O
// with the given padded owner password.
func ownerToUser(owner, o []byte, r, n int) []byte {
	sum := md5.Sum(owner[:32])
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
	out := append([]byte(nil), o...)
	if r == 2 {
		c, _ := rc4.NewCipher(key)
		c.XORKeyStream(out, out)
		return out
	}
	for i := 19; i >= 0; i-- {
		k := make([]byte, len(key))
		for j := range key {
			k[j] = key[j] ^ byte(i)
		}
		c, _ := rc4.NewCipher(k)
		c.XORKeyStream(out, out)
	}
	return out
}

// aes256Key is algorithms 2.A, 11 and 12 (revisions 5 and 6) with the empty
// password: the file key, from UE as user or from OE as owner.
func aes256Key(r int, o, u, oe, ue []byte) ([]byte, error) {
	if len(u) < 48 || len(o) < 48 || len(ue) < 32 || len(oe) < 32 {
		return nil, errors.New("bad AES-256 encryption dictionary")
	}
	if bytes.Equal(hash2B(r, nil, u[32:40], nil), u[:32]) {
		return aesUnwrap(hash2B(r, nil, u[40:48], nil), ue[:32])
	}
	if bytes.Equal(hash2B(r, nil, o[32:40], u[:48]), o[:32]) {
		return aesUnwrap(hash2B(r, nil, o[40:48], u[:48]), oe[:32])
	}
	return nil, ErrEncrypted
}

// hash2B is algorithm 2.B (revision 6), or plain SHA-256 for revision 5.
func hash2B(r int, pw, salt, udata []byte) []byte {
	h := sha256.New()
	h.Write(pw)
	h.Write(salt)
	h.Write(udata)
	k := h.Sum(nil)
	if r < 6 {
		return k
	}
	for round := 0; ; round++ {
		k1 := make([]byte, 0, 64*(len(pw)+len(k)+len(udata)))
		for i := 0; i < 64; i++ {
			k1 = append(k1, pw...)
			k1 = append(k1, k...)
			k1 = append(k1, udata...)
		}
		block, _ := aes.NewCipher(k[:16])
		e := make([]byte, len(k1))
		cipher.NewCBCEncrypter(block, k[16:32]).CryptBlocks(e, k1)
		sum := 0
		for _, b := range e[:16] {
			sum += int(b)
		}
		var next hash.Hash
		switch sum % 3 {
		case 0:
			next = sha256.New()
		case 1:
			next = sha512.New384()
		default:
			next = sha512.New()
		}
		next.Write(e)
		k = next.Sum(nil)
		if round >= 63 && int(e[len(e)-1]) <= round+1-32 {
			break
		}
	}
	return k[:32]
}

// aesUnwrap decrypts a 32-byte file key with AES-256 in CBC mode and a zero
// initialisation vector.
func aesUnwrap(key, wrapped []byte) ([]byte, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 32)
	cipher.NewCBCDecrypter(block, make([]byte, 16)).CryptBlocks(out, wrapped)
	return out, nil
}

// objectKey is algorithm 1: the key for one object.
func (d *decrypter) objectKey(ref pdfRef, method int) []byte {
	if method == cryptAESV3 {
		return d.key
	}
	h := md5.New()
	h.Write(d.key)
	h.Write([]byte{byte(ref.num), byte(ref.num >> 8), byte(ref.num >> 16), byte(ref.gen), byte(ref.gen >> 8)})
	if method == cryptAESV2 {
		h.Write([]byte("sAlT"))
	}
	k := h.Sum(nil)
	if n := len(d.key) + 5; n < 16 {
		k = k[:n]
	}
	return k
}

// decrypt decrypts data of object ref with the given method.
func (d *decrypter) decrypt(ref pdfRef, method int, data []byte) []byte {
	switch method {
	case cryptRC4:
		out := make([]byte, len(data))
		c, _ := rc4.NewCipher(d.objectKey(ref, method))
		c.XORKeyStream(out, data)
		return out
	case cryptAESV2, cryptAESV3:
		if len(data) < 32 || len(data)%16 != 0 {
			if len(data) >= 32 {
				data = data[:len(data)/16*16] // a stray end of line
			} else {
				return nil
			}
		}
		block, err := aes.NewCipher(d.objectKey(ref, method))
		if err != nil {
			return nil
		}
		out := make([]byte, len(data)-16)
		cipher.NewCBCDecrypter(block, data[:16]).CryptBlocks(out, data[16:])
		if p := int(out[len(out)-1]); p >= 1 && p <= 16 && p <= len(out) {
			out = out[:len(out)-p]
		}
		return out
	}
	return data
}

// decryptObject decrypts the strings and stream data of one object in place.
func (d *decrypter) decryptObject(ref pdfRef, v any) any {
	switch x := v.(type) {
	case pdfString:
		if d.str == cryptNone {
			return x
		}
		return pdfString(d.decrypt(ref, d.str, []byte(x)))
	case pdfArray:
		for i := range x {
			x[i] = d.decryptObject(ref, x[i])
		}
	case pdfDict:
		for k, e := range x {
			x[k] = d.decryptObject(ref, e)
		}
	case *pdfStream:
		if x.dict["Type"] == pdfName("XRef") {
			return x // cross-reference streams are never encrypted
		}
		d.decryptObject(ref, x.dict)
		if x.dict["Type"] == pdfName("Metadata") && !d.encryptMetadata {
			return x
		}
		method := d.stm
		if hasCryptFilter(x.dict) {
			method = cryptNone // an explicit Crypt filter: Identity in practice
			removeCryptFilter(x.dict)
		}
		x.data = d.decrypt(ref, method, x.data)
	}
	return v
}

func hasCryptFilter(d pdfDict) bool {
	for _, f := range filterNames(d) {
		if f == "Crypt" {
			return true
		}
	}
	return false
}
