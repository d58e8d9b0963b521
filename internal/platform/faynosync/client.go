package faynosync

import (
	"context"
	"errors"
	"strings"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
)

const (
	// Name is how messages name the platform.
	Name = "faynoSync"
	// DefaultPort is the server's default listening port.
	DefaultPort = 9000

	whoAmIPath = "/whoami"
	loginPath  = "/login"
)

// ListPaths are the list endpoints by the resource type they answer.
var ListPaths = map[string]string{"apps": "/app/list", "channels": "/channel/list", "platforms": "/platform/list", "archs": "/arch/list"}

// ListLimit is the most objects a list endpoint answers (faynoSync's
// mongod/list.go: SetLimit(100)); a list that long may be cut short.
const ListLimit = 100

// Client reads the caller's identity from one faynoSync server.
type Client struct{ http *httpx.Client }

// NewClient wraps an httpx client.
func NewClient(hc *httpx.Client) *Client { return &Client{http: hc} }

// WhoAmI returns the caller. Repeated calls share one request. A failure
// comes back as a *CredentialError, which says what kind of credential
// the server refused.
func (c *Client) WhoAmI(ctx context.Context) (*WhoAmI, error) {
	w, err := httpx.GetAs[WhoAmI](ctx, c.http, whoAmIPath)
	if err != nil {
		return nil, &CredentialError{Kind: KindOf(c.http), Err: err}
	}
	if w.Username == nil || *w.Username == "" {
		// Not an identity (null, {}): no username.
		return nil, c.http.NoIdentity(whoAmIPath, "username")
	}
	return w, nil
}

// Listing is what one list endpoint says the caller may see: the ids of
// the objects of the caller's owner (for an admin, its own), or why the
// provider could not read them.
type Listing struct {
	IDs map[string]bool
	// Full is true when the answer may have been cut at ListLimit.
	Full bool
	Err  error
}

// Owned reads resource's list endpoint once per client (one request per
// resource type, shared by every data source).
func (c *Client) Owned(ctx context.Context, resource string) *Listing {
	a, err := httpx.GetAs[ListAnswer](ctx, c.http, ListPaths[resource])
	if err != nil {
		return &Listing{Err: err}
	}
	objects := map[string][]Object{"apps": a.Apps, "channels": a.Channels, "platforms": a.Platforms, "archs": a.Archs}[resource]
	l := &Listing{IDs: make(map[string]bool, len(objects)), Full: len(objects) >= ListLimit}
	for _, o := range objects {
		if o.ID != nil {
			l.IDs[*o.ID] = true
		}
	}
	return l
}

// CredentialKind is what the configured credential is.
type CredentialKind string

const (
	// KindLogin is a username and password the provider logs in with.
	KindLogin CredentialKind = "login"
	// KindJWT is a token that is not an fns_ API token: a login JWT.
	KindJWT CredentialKind = "jwt"
	// KindAPIToken is an fns_ API token, which faynoSync lets only upload.
	KindAPIToken CredentialKind = "api_token"
)

// KindFor decides the kind from the credentials as configured.
func KindFor(cr httpx.Credentials) CredentialKind {
	switch {
	case cr.Token == "":
		return KindLogin
	case strings.HasPrefix(cr.Token, "fns_"):
		return KindAPIToken
	}
	return KindJWT
}

// KindOf is the kind of credential hc sends, "" when its authenticator is
// not this package's.
func KindOf(hc *httpx.Client) CredentialKind {
	if a, ok := hc.Auth().(kindAuthenticator); ok {
		return a.kind
	}
	return ""
}

// Authenticator sends a JWT or fns_ API token as Bearer, or logs in at
// POST /login and sends the JWT it returns, logging in again once when the
// server answers 401 (a JWT lives 24 hours). It carries the credential's
// kind for KindOf: the data sources' reads get the client, not the
// configuration.
func Authenticator(cr httpx.Credentials) httpx.Authenticator {
	return kindAuthenticator{kind: KindFor(cr), Authenticator: httpx.TokenOr("Bearer", cr, httpx.TokenLogin(loginPath, "token", cr.Username, cr.Password))}
}

type kindAuthenticator struct {
	kind CredentialKind
	httpx.Authenticator
}

// CredentialError is a failed /whoami with the kind of credential sent, so
// that Advice can tell an expired API token from an expired JWT.
type CredentialError struct {
	Kind CredentialKind
	Err  error
}

func (e *CredentialError) Error() string { return e.Err.Error() }
func (e *CredentialError) Unwrap() error { return e.Err }

// kindIn is the credential kind an error carries, "" for none.
func kindIn(err error) CredentialKind {
	var ce *CredentialError
	if errors.As(err, &ce) {
		return ce.Kind
	}
	return ""
}

// DecodeError reads {"error": "..."}.
var DecodeError = httpx.MessageField("error")
