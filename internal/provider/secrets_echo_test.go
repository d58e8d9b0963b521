package provider

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
)

// echoed is everything a request carried, headers (Authorization, Cookie)
// and body (a login's password), as a hostile or debugging server repeats it.
func echoed(r *http.Request) string {
	var b strings.Builder
	_ = r.Header.Write(&b)
	body, _ := io.ReadAll(r.Body)
	b.Write(body)
	return b.String()
}

// echoFault says how the hostile server answers at its path.
type echoFault int

const (
	// echo401 repeats the request in a 401 JSON body, in the message field
	// of every platform's error shape.
	echo401 echoFault = iota
	// echo500 repeats it in a 500 plain-text body (quoted as a snippet).
	echo500
	// echoHTML repeats it in a 200 HTML page.
	echoHTML
	// loginHTML passes the request to the platform, then sends its answer
	// (the session token just issued, its cookies) as a 200 HTML page.
	loginHTML
)

// hostile serves p's simulator, but answers requests to path as fault says
// and collects every credential it saw and issued into secrets.
type hostile struct {
	real  http.Handler
	path  string
	fault echoFault
	// mu guards secrets: requests arrive concurrently.
	mu      sync.Mutex
	secrets map[string]string
}

// collected is a copy of the secrets seen so far.
func (h *hostile) collected() map[string]string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return maps.Clone(h.secrets)
}

func (h *hostile) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	if _, cred, ok := strings.Cut(r.Header.Get("Authorization"), " "); ok {
		addCredential(h.secrets, "credential sent in the Authorization header", cred)
	}
	for _, c := range r.Cookies() {
		h.secrets["cookie "+c.Name] = c.Value
	}
	h.mu.Unlock()
	if r.URL.Path != h.path {
		h.real.ServeHTTP(w, r)
		return
	}
	var d string
	if h.fault != loginHTML {
		d = echoed(r)
	}
	switch h.fault {
	case echo401:
		body, _ := json.Marshal(map[string]any{"detail": d, "error": d, "description": d, "error_class": "echo",
			"errors": []map[string]string{{"code": "echo", "message": d}}})
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write(body)
	case echo500:
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = io.WriteString(w, d)
	case echoHTML:
		w.Header().Set("Content-Type", "text/html")
		_, _ = io.WriteString(w, "<html><body><pre>"+d+"</pre></body></html>")
	case loginHTML:
		rec := httptest.NewRecorder()
		h.real.ServeHTTP(rec, r)
		var answer map[string]any
		h.mu.Lock()
		if json.Unmarshal(rec.Body.Bytes(), &answer) == nil {
			for k, v := range answer {
				if s, ok := v.(string); ok && strings.Contains(k, "token") {
					addCredential(h.secrets, "login answer's "+k, s)
				}
			}
		}
		for _, c := range rec.Result().Cookies() {
			if len(c.Value) >= 8 {
				h.secrets["issued cookie "+c.Name] = c.Value
			}
			http.SetCookie(w, c)
		}
		h.mu.Unlock()
		w.Header().Set("Content-Type", "text/html")
		_, _ = io.WriteString(w, "<html><body>Welcome! "+rec.Body.String()+"</body></html>")
	}
}

// A server that repeats what it received, in an error body, an HTML page or
// a login answer it garbles, never gets a credential into the output, the
// logs (TF_LOG=trace, where terraform-plugin-go also logs every diagnostic)
// or the state: not the token, the password, the Basic credentials, the
// session cookie, nor the session token a login just returned.
func TestSecrets_echoedByTheServerNeverShown(t *testing.T) {
	t.Parallel()
	forEachPlatform(t, func(t *testing.T, p simulator.Platform, b Block) {
		loginPath, loginAnswer := p.LoginPath, loginHTML
		if loginPath == "" {
			// AWX: the Basic credentials go with every request; no login answer.
			loginPath, loginAnswer = p.UserPath, echoHTML
		}
		cases := []struct {
			name  string
			login bool
			path  string
			fault echoFault
		}{
			{"token, 401 echo", false, p.UserPath, echo401},
			{"token, HTML echo", false, p.UserPath, echoHTML},
			{"login, 401 echo of the login", true, loginPath, echo401},
			{"login, HTML login answer", true, loginPath, loginAnswer},
			{"login, 500 echo after the login", true, p.UserPath, echo500},
		}
		for _, c := range cases {
			h := &hostile{real: p.New(), path: c.path, fault: c.fault, secrets: map[string]string{}}
			srv := serve(t, h, false)
			env := map[string]string{b.EndpointEnv[0]: srv.URL}
			if c.login {
				env[b.UsernameEnv[0]] = p.Login.Username
				env[b.PasswordEnv[0]] = p.Login.Password
				h.secrets["password"] = p.Login.Password
				h.secrets["Basic credentials"] = base64.StdEncoding.EncodeToString([]byte(p.Login.Username + ":" + p.Login.Password))
			} else {
				env[b.TokenEnv[0]] = p.Token.Token
				addCredential(h.secrets, "token", p.Token.Token)
			}
			out, code := applyWithTrace(t, traceConfig(p.Key), c.path, env)
			if code == 0 {
				t.Errorf("%s: the apply succeeded, want a failure:\n%s", c.name, out)
				continue
			}
			if !strings.Contains(out, "Error: ") {
				t.Errorf("%s: no error diagnostic in the output:\n%s", c.name, out)
			}
			for what, secret := range h.collected() {
				if strings.Contains(out, secret) {
					t.Errorf("%s: the %s appears in the logs, output or state", c.name, what)
				} else if len(secret) >= 32 && strings.Contains(out, secret[:24]) {
					// A body quoted up to a cut can leak a credential's first part.
					t.Errorf("%s: the start of the %s appears in the logs, output or state", c.name, what)
				}
			}
		}
	})
}
