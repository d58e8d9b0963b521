package qumulo_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net/http"
	"reflect"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/platform/qumulo"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	simqumulo "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/qumulo"
)

func startCluster(t *testing.T) (*simulator.Server, *simqumulo.Cluster) {
	t.Helper()
	cluster := simqumulo.Demo(qumulo.KnownPrivileges)
	srv := simulator.Start(cluster.Handler(), simulator.Options{TLS: true})
	t.Cleanup(srv.Close)
	return srv, cluster
}

func newClient(t *testing.T, srv *simulator.Server, cr httpx.Credentials) *qumulo.Client {
	t.Helper()
	hc, err := httpx.New(httpx.Config{
		Platform: qumulo.Name, BaseURL: srv.URL, CACertPEM: srv.CACertPEM(), MaxRetries: 1,
		Auth: qumulo.Authenticator(cr), DecodeError: qumulo.DecodeError,
	})
	if err != nil {
		t.Fatal(err)
	}
	return qumulo.NewClient(hc)
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestWhoAmIWithAccessToken(t *testing.T) {
	t.Parallel()
	srv, _ := startCluster(t)
	c := newClient(t, srv, httpx.Credentials{Token: simqumulo.ServiceToken})
	w, err := c.WhoAmI(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]any{
		"id": deref(w.ID), "name": deref(w.Name), "primary_group": deref(w.PrimaryGroup), "sid": deref(w.SID),
		"uid": deref(w.UID), "home_directory": deref(w.HomeDirectory), "can_change_password": deref(w.CanChangePassword),
		"access_token_id": deref(w.AccessTokenID),
	}
	want := map[string]any{
		"id": "1026", "name": "svc-terraform", "primary_group": "1025", "sid": "S-1-5-21-2147483648-1153213397-3474133447-1026",
		"uid": "2001", "home_directory": "/home/svc-terraform", "can_change_password": false, "access_token_id": "2345678901",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("who-am-i\n got %v\nwant %v", got, want)
	}
	if want := []string{"PRIVILEGE_SMB_SHARE_READ", "PRIVILEGE_SMB_SHARE_WRITE", "PRIVILEGE_QUOTA_READ", "PRIVILEGE_NFS_EXPORT_READ"}; !reflect.DeepEqual(w.Privileges, want) {
		t.Errorf("privileges %q", w.Privileges)
	}
	roles, err := c.Roles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Observers", "Share Operators"}; !reflect.DeepEqual(roles, want) {
		t.Errorf("roles %q, want %q", roles, want)
	}
	if _, err := c.WhoAmI(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := srv.Count("GET", "/v1/session/who-am-i"); n != 1 {
		t.Errorf("%d who-am-i requests for two calls, want 1", n)
	}
	if h := srv.LastHeader().Get("Authorization"); h != "Bearer "+simqumulo.ServiceToken {
		t.Errorf("Authorization %q", h)
	}
}

func TestWhoAmIOmittedFieldsAreNil(t *testing.T) {
	t.Parallel()
	srv, _ := startCluster(t)
	w, err := newClient(t, srv, httpx.Credentials{Token: simqumulo.SparseToken}).WhoAmI(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if w.HomeDirectory != nil || w.CanChangePassword != nil {
		t.Errorf("home_directory %v, can_change_password %v, want both absent", w.HomeDirectory, w.CanChangePassword)
	}
	if deref(w.Name) != "sparse" || deref(w.AccessTokenID) != "3456789012" || !reflect.DeepEqual(w.Privileges, []string{"PRIVILEGE_CLUSTER_READ"}) {
		t.Errorf("who-am-i %+v", w)
	}
}

func TestLoginWithUsernameAndPassword(t *testing.T) {
	t.Parallel()
	srv, cluster := startCluster(t)
	c := newClient(t, srv, httpx.Credentials{Username: "svc-terraform", Password: simqumulo.ServicePassword})
	w, err := c.WhoAmI(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if deref(w.Name) != "svc-terraform" || w.AccessTokenID != nil {
		t.Errorf("name %v, access_token_id %v; want svc-terraform and no token id for a session", deref(w.Name), deref(w.AccessTokenID))
	}
	cluster.ExpireSessions()
	roles, err := c.Roles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(roles) != 2 {
		t.Errorf("roles %q", roles)
	}
	counts := map[string]int{
		"POST /v1/session/login":   srv.Count("POST", "/v1/session/login"),
		"GET /v1/session/who-am-i": srv.Count("GET", "/v1/session/who-am-i"),
		"GET /v1/session/roles":    srv.Count("GET", "/v1/session/roles"),
	}
	want := map[string]int{"POST /v1/session/login": 2, "GET /v1/session/who-am-i": 1, "GET /v1/session/roles": 2}
	if !reflect.DeepEqual(counts, want) {
		t.Errorf("requests %v, want %v", counts, want)
	}
}

func TestLoginWithWrongPassword(t *testing.T) {
	t.Parallel()
	srv, _ := startCluster(t)
	_, err := newClient(t, srv, httpx.Credentials{Username: "svc-terraform", Password: "wrong"}).WhoAmI(context.Background())
	want := "POST " + srv.URL + "/v1/session/login returned 401 Unauthorized: Login failed: invalid username or password (login_failed_error)"
	if err == nil || err.Error() != want {
		t.Fatalf("error %v, want %q", err, want)
	}
	if n := srv.Count("GET", "/v1/session/who-am-i"); n != 0 {
		t.Errorf("%d who-am-i requests, want 0", n)
	}
}

func TestRejectedAccessToken(t *testing.T) {
	t.Parallel()
	srv, _ := startCluster(t)
	_, err := newClient(t, srv, httpx.Credentials{Token: "access-v1:revoked"}).WhoAmI(context.Background())
	want := "GET " + srv.URL + "/v1/session/who-am-i returned 401 Unauthorized: Unauthorized: need to log in (http_unauthorized_error)"
	if err == nil || err.Error() != want {
		t.Fatalf("error %v, want %q", err, want)
	}
	e, ok := httpx.AsError(err)
	if !ok || e.Kind != httpx.KindStatus || e.Status != 401 || !reflect.DeepEqual(e.Codes, []string{"http_unauthorized_error"}) {
		t.Errorf("error %#v", e)
	}
}

func TestDecodeErrorOnTheRealBody(t *testing.T) {
	t.Parallel()
	srv, _ := startCluster(t)
	roots := x509.NewCertPool()
	roots.AppendCertsFromPEM([]byte(srv.CACertPEM()))
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}}}
	res, err := hc.Get(srv.URL + "/v1/no-such-thing")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	msg, codes := qumulo.DecodeError(body, res.Header)
	if msg != "Not Found: /v1/no-such-thing" || !reflect.DeepEqual(codes, []string{"http_not_found_error"}) {
		t.Errorf("DecodeError(%s) = %q, %q", body, msg, codes)
	}
	for _, odd := range []string{"", "<html>", `{"description":"only text"}`, "null"} {
		msg, codes := qumulo.DecodeError([]byte(odd), nil)
		wantMsg := map[string]string{`{"description":"only text"}`: "only text"}[odd]
		if msg != wantMsg || codes != nil {
			t.Errorf("DecodeError(%q) = %q, %q", odd, msg, codes)
		}
	}
}

func TestGrammar(t *testing.T) {
	t.Parallel()
	if err := qumulo.Grammar.Validate("PRIVILEGE_SMB_SHARE_READ"); err != nil {
		t.Error(err)
	}
	err := qumulo.Grammar.Validate("smb_share_read")
	want := `"smb_share_read" is not a privilege name: expected PRIVILEGE_ followed by upper-case letters, digits or underscores, as Qumulo spells it (PRIVILEGE_SMB_SHARE_READ)`
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %q", err, want)
	}
	cases := []struct {
		req        string
		unknown    bool
		suggestion string
	}{
		{"PRIVILEGE_QUOTA_READ", false, ""},
		{"PRIVILEGE_SMB_SHARE_RAED", true, "PRIVILEGE_SMB_SHARE_READ"},
		{"PRIVILEGE_SNAPSHOTS_READ", true, "PRIVILEGE_SNAPSHOT_READ"},
		{"PRIVILEGE_FLUX_CAPACITOR", true, ""},
	}
	for _, c := range cases {
		unknown, suggestion := qumulo.Grammar.Unknown(c.req)
		if unknown != c.unknown || suggestion != c.suggestion {
			t.Errorf("Unknown(%q) = %t, %q; want %t, %q", c.req, unknown, suggestion, c.unknown, c.suggestion)
		}
	}
}

func TestHolderIsExactMembership(t *testing.T) {
	t.Parallel()
	srv, _ := startCluster(t)
	w, err := newClient(t, srv, httpx.Credentials{Token: simqumulo.ServiceToken}).WhoAmI(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	r := privilege.Check([]string{"PRIVILEGE_SMB_SHARE_WRITE", "PRIVILEGE_QUOTA_WRITE", "PRIVILEGE_QUOTA_READ", "PRIVILEGE_NFS_EXPORT_WRITE"}, qumulo.Holder(w))
	if want := []string{"PRIVILEGE_NFS_EXPORT_WRITE", "PRIVILEGE_QUOTA_WRITE"}; !reflect.DeepEqual(r.Missing, want) {
		t.Errorf("missing %q, want %q", r.Missing, want)
	}
	admin, err := newClient(t, srv, httpx.Credentials{Token: simqumulo.AdminToken}).WhoAmI(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if r := privilege.Check(qumulo.KnownPrivileges, qumulo.Holder(admin)); !r.AllGranted() {
		t.Errorf("admin misses %q", r.Missing)
	}
}
