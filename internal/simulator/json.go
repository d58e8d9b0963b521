package simulator

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"
)

// WriteJSON answers with v as JSON.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// WriteMessage answers with the one-field error body most platforms send:
// {"detail": "..."} (Django REST framework: Mist, AWX) or {"error": "..."}
// (faynoSync).
func WriteMessage(w http.ResponseWriter, status int, field, message string) {
	WriteJSON(w, status, map[string]string{field: message})
}

// BearerToken returns the token of an "Authorization: Bearer <t>" header.
func BearerToken(r *http.Request) (string, bool) { return Credential(r, "Bearer") }

// Credential returns the credential of an "Authorization: <scheme> <c>" header.
func Credential(r *http.Request, scheme string) (string, bool) {
	got, credential, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(got, scheme) || credential == "" {
		return "", false
	}
	return credential, true
}

// RandomHex returns n random bytes in hex, for session tokens and cookies.
func RandomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
