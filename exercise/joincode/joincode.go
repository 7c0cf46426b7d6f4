// Package joincode is the join-code machinery of a roster: how strong a
// code is, how ttx makes one, and how it is kept (salted argon2id in PHC
// form, or the SHA-256 form earlier versions wrote) and checked.
package joincode

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"math"
	"strings"
	"unicode"

	"golang.org/x/crypto/argon2"
)

// MinBits is how hard a roster's join code must be to guess, in bits
// as Bits estimates them: 40 bits is a million million guesses.
const MinBits = 40

// Bits estimates how many bits a join code carries: the number of
// characters that count, times log2 of the alphabet the code draws on
// (10 for digits, 26 for letters, 36 for both, 33 more for any other
// sign). After Normalize, a character that repeats the one before it
// or continues a run from it (1234, ABCD, 4321) does not count. So 13
// digits, 9 letters or 8 of letters and digits mixed reach 40 bits, and
// 123456 carries 3.
func Bits(code string) float64 {
	rs := []rune(Normalize(code))
	var digits, letters, other bool
	counted := 0
	for i, r := range rs {
		switch {
		case r >= '0' && r <= '9':
			digits = true
		case unicode.IsLetter(r):
			letters = true
		default:
			other = true
		}
		if i > 0 && (r == rs[i-1] || r == rs[i-1]+1 || r == rs[i-1]-1) {
			continue
		}
		counted++
	}
	alphabet := 0
	if digits {
		alphabet += 10
	}
	if letters {
		alphabet += 26
	}
	if other {
		alphabet += 33
	}
	if alphabet < 2 {
		return 0
	}
	return float64(counted) * math.Log2(float64(alphabet))
}

// codeAlphabet is what New draws from: capitals and digits
// without 0, O, 1 and I, which are misread when a code is said aloud or
// copied from a screen. 32 signs: 5 bits each.
const codeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// New returns a fresh random join code, two groups of five from
// codeAlphabet like "K7QMB-XWP9T": 50 bits, and at least MinBits as
// Bits counts them (a draw below that, a run like ABCDE, is drawn
// again).
func New() string {
	b := make([]byte, 10)
	for {
		rand.Read(b)
		for i := range b {
			b[i] = codeAlphabet[int(b[i])%len(codeAlphabet)] // 256 is a multiple of 32: no bias
		}
		code := string(b[:5]) + "-" + string(b[5:])
		if Bits(code) >= MinBits {
			return code
		}
	}
}

// Check returns nil for a join code strong enough to give someone,
// or an error that says how strong it is and what to write instead.
func Check(code string) error {
	if Bits(code) >= MinBits {
		return nil
	}
	return fmt.Errorf("it carries about %.0f bits and needs at least %d: use 13 digits, 9 letters or 8 letters and digits mixed, without repeats or runs such as 1111 or ABCD, for example %s (a fresh random one)",
		Bits(code), MinBits, New())
}

// The cost of hashing a join code: argon2id with 19 MiB of memory, two
// passes, one lane, a 32-byte key (OWASP's first choice for argon2id).
// One hash takes about 35 ms on one core.
const (
	codeTime    = 2
	codeMemory  = 19 * 1024 // KiB
	codeThreads = 1
	codeKeyLen  = 32
	codeSaltLen = 16
)

// Limits on the cost a stored code may ask for: no more than this build
// spends on a code, so that a session file written by hand cannot make
// every guess cost more than one hash of ttx's own.
const (
	maxCodeTime    = codeTime
	maxCodeMemory  = codeMemory
	maxCodeThreads = codeThreads
)

// hashSlots bounds how many join codes are hashed at once, whatever the
// number of connections guessing: memory stays under two hashes' worth.
var hashSlots = make(chan struct{}, 2)

// argonPrefix starts a stored code hashed with argon2id, in the PHC
// string form: $argon2id$v=19$m=19456,t=2,p=1$SALT$HASH (unpadded base64).
const argonPrefix = "$argon2id$"

// legacyPrefix starts a stored code hashed with plain SHA-256 by earlier
// versions of ttx. Such files are still read; ttx no longer writes them.
const legacyPrefix = "sha256:"

// IsStored reports whether code is a join code as a session file
// stores it (hashed) rather than as a person types it.
func IsStored(code string) bool {
	return strings.HasPrefix(code, argonPrefix) || strings.HasPrefix(code, legacyPrefix)
}

// NewSalt returns a fresh random salt for a session's join codes.
func NewSalt() []byte {
	salt := make([]byte, codeSaltLen)
	rand.Read(salt)
	return salt
}

// Hash returns how a session file keeps a join code: the argon2id
// hash of the normalised code with salt, in PHC form. A session uses one
// salt for all its codes, so that checking a typed code costs one hash
// however long the roster.
func Hash(code string, salt []byte) string {
	return formatArgon(salt, codeTime, codeMemory, codeThreads, argonKey(code, salt, codeTime, codeMemory, codeThreads))
}

func formatArgon(salt []byte, t, m uint32, p uint8, key []byte) string {
	enc := base64.RawStdEncoding
	return fmt.Sprintf("%sv=%d$m=%d,t=%d,p=%d$%s$%s", argonPrefix, argon2.Version, m, t, p, enc.EncodeToString(salt), enc.EncodeToString(key))
}

func argonKey(code string, salt []byte, t, m uint32, p uint8) []byte {
	hashSlots <- struct{}{}
	defer func() { <-hashSlots }()
	return argon2.IDKey([]byte(Normalize(code)), salt, t, m, p, codeKeyLen)
}

// legacyHash is the SHA-256 form earlier versions of ttx stored.
func legacyHash(code string) string {
	sum := sha256.Sum256([]byte(Normalize(code)))
	return legacyPrefix + hex.EncodeToString(sum[:])
}

// SaltText returns the part of a stored code that says how to hash a
// typed code to compare with it (the method, cost and salt), or "" for a
// stored form ttx cannot read. Codes that share it are checked with one
// hash.
func SaltText(stored string) string {
	if strings.HasPrefix(stored, legacyPrefix) {
		return legacyPrefix
	}
	if _, _, _, _, ok := parseArgon(stored); !ok {
		return ""
	}
	return stored[:strings.LastIndexByte(stored, '$')]
}

// HashLike hashes a typed code the way stored was made (same method,
// cost and salt), or returns "" when stored is not a form ttx can read.
// The result equals stored exactly when the code is the one stored.
func HashLike(stored, code string) string {
	if strings.HasPrefix(stored, legacyPrefix) {
		return legacyHash(code)
	}
	salt, t, m, p, ok := parseArgon(stored)
	if !ok {
		return ""
	}
	return formatArgon(salt, t, m, p, argonKey(code, salt, t, m, p))
}

// Matches reports whether a typed code is the one stored.
func Matches(stored, code string) bool {
	h := HashLike(stored, code)
	return h != "" && subtle.ConstantTimeCompare([]byte(h), []byte(stored)) == 1
}

// Salt returns the salt of an argon2id stored code, or nil.
func Salt(stored string) []byte {
	salt, _, _, _, ok := parseArgon(stored)
	if !ok {
		return nil
	}
	return salt
}

// parseArgon reads $argon2id$v=19$m=M,t=T,p=P$SALT$HASH, within the
// cost limits.
func parseArgon(s string) (salt []byte, t, m uint32, p uint8, ok bool) {
	rest, found := strings.CutPrefix(s, argonPrefix)
	if !found {
		return nil, 0, 0, 0, false
	}
	parts := strings.Split(rest, "$")
	if len(parts) != 4 || parts[0] != fmt.Sprintf("v=%d", argon2.Version) {
		return nil, 0, 0, 0, false
	}
	var pp uint32
	if n, err := fmt.Sscanf(parts[1], "m=%d,t=%d,p=%d", &m, &t, &pp); n != 3 || err != nil ||
		fmt.Sprintf("m=%d,t=%d,p=%d", m, t, pp) != parts[1] {
		return nil, 0, 0, 0, false
	}
	if t < 1 || t > maxCodeTime || pp < 1 || pp > maxCodeThreads || m < 8*pp || m > maxCodeMemory {
		return nil, 0, 0, 0, false
	}
	enc := base64.RawStdEncoding
	salt, err := enc.DecodeString(parts[2])
	if err != nil || len(salt) < 8 {
		return nil, 0, 0, 0, false
	}
	if key, err := enc.DecodeString(parts[3]); err != nil || len(key) != codeKeyLen {
		return nil, 0, 0, 0, false
	}
	return salt, t, m, uint8(pp), true
}

// MinLength is the shortest join code any version of ttx accepted: a
// typed code shorter than this is refused without hashing it. Strength is
// MinBits.
const MinLength = 6

// Normalize makes a typed join code comparable: spaces and dashes
// dropped, letters in upper case, so "abc-123" matches "ABC 123".
func Normalize(code string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r) || r == '-':
			return -1
		}
		return unicode.ToUpper(r)
	}, code)
}

// Stored returns how the session's state keeps a roster code read
// from a session file: a stored (hashed) code as it is, "" for none, and
// a typed code (in a file written by hand) as the SHA-256 form of earlier
// versions, which the fold can compute at no cost. ttx writes only
// argon2id forms (ForJournal, Hash).
func Stored(code string) string {
	if code == "" || IsStored(code) {
		return code
	}
	return legacyHash(code)
}
