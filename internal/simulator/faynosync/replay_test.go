package faynosync_test

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	simfs "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/faynosync"
)

// The recordings of a real faynoSync v2.1.0 (copied from
// ../shared/api/faynosync/v2.1.0, each one request and the whole answer)
// that the fake serves: every GET and login it answers, replayed against
// Demo and compared with the real answer's status, Content-Type and body.
// The rest change the server (create, update, delete, upload, signup) or
// read what the provider never asks for (/users/list, /token/list,
// /download): the provider sends only GETs and the login.
var served = regexp.MustCompile(`^(/whoami|/login|/health|/nope|/(app|channel|platform|arch|token|users)/list)$`)

// notReplayed are recordings of a path the fake serves, in a state Demo is
// not in.
var notReplayed = map[string]string{
	"whoami-release-bot-after-create.txt": "release-bot after it created a platform; Demo has it before",
	"users-list.txt":                      "four team users; Demo has the eight of the later recordings",
}

func TestReplayRecordings(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("testdata/v2.1.0/*.txt")
	if err != nil || len(files) < 100 {
		t.Fatalf("recordings: %d files, %v", len(files), err)
	}
	replayed := 0
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		command, answer, _ := strings.Cut(string(raw), "\n")
		req := curlRequest(t, strings.TrimPrefix(command, "$ curl "))
		if !served.MatchString(req.URL.Path) || notReplayed[filepath.Base(file)] != "" {
			continue
		}
		replayed++
		t.Run(filepath.Base(file), func(t *testing.T) {
			s := simfs.Demo()
			s.SetDatabaseDown(strings.HasPrefix(filepath.Base(file), "db-down-"))
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, req)
			want, err := http.ReadResponse(bufio.NewReader(strings.NewReader(answer)), req)
			if err != nil {
				t.Fatal(err)
			}
			// A placeholder is shorter than the Content-Length of the real
			// token: the body then runs to the end of the file.
			wantBody, _ := io.ReadAll(want.Body)
			gotBody := tokenPrefix.ReplaceAllString(redactToken(t, rec.Body.String()), `"token_prefix":"fns_<prefix>"`)
			if rec.Code != want.StatusCode || rec.Header().Get("Content-Type") != want.Header.Get("Content-Type") || gotBody != strings.TrimRight(string(wantBody), "\n") {
				t.Errorf("the fake answered\n%d %s\n%s\nthe real server\n%d %s\n%s", rec.Code, rec.Header().Get("Content-Type"), gotBody,
					want.StatusCode, want.Header.Get("Content-Type"), wantBody)
			}
		})
	}
	if replayed < 40 {
		t.Errorf("replayed %d recordings, want at least 40", replayed)
	}
}

var (
	jwtPlaceholder   = regexp.MustCompile(`<JWT ([a-z0-9-]+)(, cut to 100 chars)?>`)
	tokenPlaceholder = regexp.MustCompile(`fns_<redacted: token "([a-z-]+)">`)
	tokenPrefix      = regexp.MustCompile(`"token_prefix":"fns_[0-9a-f]{8}"`)
)

// token is the credential a recording's placeholder stands for.
func token(t *testing.T, name string) string {
	future, past := time.Now().Add(time.Hour).Unix(), time.Now().Add(-time.Hour).Unix()
	switch name {
	case "expired":
		return simfs.SignClaims(simfs.Secret, map[string]any{"username": "admin", "exp": past})
	case "expired-team":
		return simfs.SignClaims(simfs.Secret, map[string]any{"username": "release-bot", "exp": past})
	case "foreign":
		return simfs.SignClaims("another server's secret", map[string]any{"username": "admin", "exp": future})
	case "ghost":
		return simfs.SignClaims(simfs.Secret, map[string]any{"username": "ghost", "exp": future})
	case "nbf":
		return simfs.SignClaims(simfs.Secret, map[string]any{"username": "admin", "exp": future, "nbf": future})
	case "none":
		return simfs.SignClaims("", map[string]any{"username": "admin", "exp": future})
	case "nouser":
		return simfs.SignClaims(simfs.Secret, map[string]any{"exp": future})
	case "ci-upload":
		return simfs.UploadToken
	case "short":
		return simfs.ExpiredToken
	}
	return simfs.SignJWT(simfs.Secret, name, time.Now().Add(time.Hour))
}

// fill replaces the placeholders of a recording's command line with working
// credentials (a JWT placeholder holds spaces: before the line is split).
func fill(t *testing.T, s string) string {
	s = jwtPlaceholder.ReplaceAllStringFunc(s, func(m string) string {
		sub := jwtPlaceholder.FindStringSubmatch(m)
		tok := token(t, sub[1])
		if sub[2] != "" {
			return tok[:100]
		}
		return tok
	})
	s = tokenPlaceholder.ReplaceAllStringFunc(s, func(m string) string { return token(t, tokenPlaceholder.FindStringSubmatch(m)[1]) })
	password := simfs.TeamPassword
	if plain := strings.ReplaceAll(s, `\"`, `"`); strings.Contains(plain, `"username":"admin"`) ||
		strings.Contains(plain, `"username":"admin2"`) || strings.Contains(plain, " admin:") {
		password = simfs.AdminPassword
	}
	return strings.ReplaceAll(s, "<password>", password)
}

// redactToken puts a login answer's JWT back to the recording's placeholder.
func redactToken(t *testing.T, body string) string {
	var login struct{ Token string }
	if json.Unmarshal([]byte(body), &login) != nil || login.Token == "" {
		return body
	}
	parts := strings.Split(login.Token, ".")
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	var claims struct{ Username string }
	if err != nil || json.Unmarshal(raw, &claims) != nil {
		t.Fatalf("login answered %q, not a JWT", login.Token)
	}
	return strings.Replace(body, login.Token, "<JWT "+claims.Username+">", 1)
}

// curlRequest builds the request of a recorded curl command line.
func curlRequest(t *testing.T, line string) *http.Request {
	args := shellWords(fill(t, line))
	method, url, body := "", "", ""
	header := http.Header{}
	for i := 0; i < len(args); i++ {
		switch a := args[i]; a {
		case "-X":
			i++
			method = args[i]
		case "-H":
			i++
			name, value, _ := strings.Cut(args[i], ":")
			header.Set(name, strings.TrimPrefix(value, " "))
		case "-d", "-F":
			i++
			body = args[i]
			if a == "-d" && header.Get("Content-Type") == "" {
				header.Set("Content-Type", "application/x-www-form-urlencoded")
			}
		case "-u":
			i++
			header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(args[i])))
		case "--max-time":
			i++
		default:
			url = a
		}
	}
	if method == "" {
		method = http.MethodGet
		if body != "" {
			method = http.MethodPost
		}
	}
	req := httptest.NewRequest(method, url, strings.NewReader(body))
	req.Header = header
	return req
}

// shellWords splits a command line as bash does for the recordings' quoting:
// backslash escapes and $'...' strings.
func shellWords(line string) []string {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == '\\' && i+1 < len(line):
			i++
			cur.WriteByte(line[i])
			inWord = true
		case c == '$' && i+1 < len(line) && line[i+1] == '\'':
			end := strings.IndexByte(line[i+2:], '\'')
			cur.WriteString(strings.ReplaceAll(line[i+2:i+2+end], `\n`, "\n"))
			i += 2 + end
			inWord = true
		case c == ' ':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}
