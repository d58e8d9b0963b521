package faynosync

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"
)

// SignJWT issues a JWT for username expiring at exp, signed with secret; tests
// use it to craft expired and foreign tokens.
func SignJWT(secret, username string, exp time.Time) string {
	return SignClaims(secret, map[string]any{"username": username, "exp": exp.Unix()})
}

// SignClaims issues an HS256 JWT of any claims, or, for an empty secret, an
// unsigned one with alg "none" (which faynoSync calls "unverifiable token").
func SignClaims(secret string, claims map[string]any) string {
	enc := base64.RawURLEncoding
	alg := `{"alg":"HS256","typ":"JWT"}`
	if secret == "" {
		alg = `{"alg":"none","typ":"JWT"}`
	}
	raw, _ := json.Marshal(claims)
	unsigned := enc.EncodeToString([]byte(alg)) + "." + enc.EncodeToString(raw)
	if secret == "" {
		return unsigned + "."
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(unsigned))
	return unsigned + "." + enc.EncodeToString(mac.Sum(nil))
}

// checkJWT validates token as faynoSync's golang-jwt v4 parser does and
// returns its username claim, or the message faynoSync's auth middleware
// answers 401 with: a token that does not parse is "malformed token", a bad
// or undecodable signature "invalid token signature" (checked before the
// claims), then "token expired", "token not active yet", and a token without
// a username "username not found in claims".
func checkJWT(secret []byte, token string, now time.Time) (string, string) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return "", "malformed token"
	}
	var header struct{ Alg string }
	var claims map[string]any
	rawHeader, err1 := base64.RawURLEncoding.DecodeString(parts[0])
	rawClaims, err2 := base64.RawURLEncoding.DecodeString(parts[1])
	if err1 != nil || err2 != nil || json.Unmarshal(rawHeader, &header) != nil || json.Unmarshal(rawClaims, &claims) != nil {
		return "", "malformed token"
	}
	if header.Alg != "HS256" {
		return "", "unverifiable token"
	}
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(parts[0] + "." + parts[1]))
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil || !hmac.Equal(sig, mac.Sum(nil)) {
		return "", "invalid token signature"
	}
	if exp, ok := claims["exp"].(float64); ok && now.Unix() >= int64(exp) {
		return "", "token expired"
	}
	if nbf, ok := claims["nbf"].(float64); ok && now.Unix() < int64(nbf) {
		return "", "token not active yet"
	}
	username, ok := claims["username"].(string)
	if !ok {
		return "", "username not found in claims"
	}
	return username, ""
}
