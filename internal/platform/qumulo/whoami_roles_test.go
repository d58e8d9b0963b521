package qumulo_test

import (
	"context"
	"net/http"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/platform/qumulo"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	simqumulo "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/qumulo"
)

const (
	whoAmIPath = "/v1/session/who-am-i"
	rolesPath  = "/v1/session/roles"
)

// forbidden is a Qumulo 403 body with the given description.
func forbidden(description string) simulator.Fault {
	return simulator.Fault{Status: http.StatusForbidden,
		Body: `{"module":"qumulo.rest.session","error_class":"http_forbidden_error","description":"` + description + `"}`}
}

func TestWhoAmIAndRoles(t *testing.T) {
	t.Parallel()
	type want struct {
		name  any // who-am-i's name, nil when no who-am-i is returned
		roles []string
		err   string // "" for none; the server's URL is prefixed
	}
	cases := []struct {
		name   string
		faults map[string]simulator.Fault
		want   want
	}{
		{
			name: "both answered",
			want: want{name: "svc-terraform", roles: []string{"Observers", "Share Operators"}},
		},
		{
			name:   "a roles failure comes with who-am-i",
			faults: map[string]simulator.Fault{rolesPath: forbidden("roles denied")},
			want: want{name: "svc-terraform",
				err: rolesPath + " returned 403 Forbidden: roles denied (http_forbidden_error)"},
		},
		{
			name:   "a who-am-i failure returns nothing else",
			faults: map[string]simulator.Fault{whoAmIPath: forbidden("who-am-i denied")},
			want:   want{err: whoAmIPath + " returned 403 Forbidden: who-am-i denied (http_forbidden_error)"},
		},
		{
			name:   "when both fail, who-am-i's error wins",
			faults: map[string]simulator.Fault{whoAmIPath: forbidden("who-am-i denied"), rolesPath: forbidden("roles denied")},
			want:   want{err: whoAmIPath + " returned 403 Forbidden: who-am-i denied (http_forbidden_error)"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			srv, _ := startCluster(t)
			for path, f := range c.faults {
				srv.Inject(path, f)
			}
			w, roles, err := newClient(t, srv, httpx.Credentials{Token: simqumulo.ServiceToken}).WhoAmIAndRoles(context.Background())
			var gotErr string
			if err != nil {
				gotErr = err.Error()
			}
			if wantErr := c.want.err; wantErr != "" {
				c.want.err = "GET " + srv.URL + wantErr
			}
			var name any
			if w != nil {
				name = deref(w.Name)
			}
			got := want{name: name, roles: roles, err: gotErr}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("WhoAmIAndRoles\n got %#v\nwant %#v", got, c.want)
			}
			// Neither request is canceled by the other's failure, and each is sent once.
			counts := map[string]int{whoAmIPath: srv.Count("GET", whoAmIPath), rolesPath: srv.Count("GET", rolesPath)}
			if want := map[string]int{whoAmIPath: 1, rolesPath: 1}; !reflect.DeepEqual(counts, want) {
				t.Errorf("requests %v, want %v", counts, want)
			}
		})
	}
}

// The two requests are in flight together: who-am-i is answered only once the
// roles request has arrived, which a client sending one after the other
// would never see.
func TestWhoAmIAndRolesInParallel(t *testing.T) {
	t.Parallel()
	cluster := simqumulo.Demo(qumulo.KnownPrivileges)
	var (
		once         sync.Once
		rolesArrived = make(chan struct{})
		waited       = make(chan bool, 1)
	)
	h := cluster.Handler()
	srv := simulator.Start(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case rolesPath:
			once.Do(func() { close(rolesArrived) })
		case whoAmIPath:
			select {
			case <-rolesArrived:
				waited <- true
			case <-time.After(10 * time.Second):
				waited <- false
			}
		}
		h.ServeHTTP(w, r)
	}), simulator.Options{TLS: true})
	t.Cleanup(srv.Close)
	w, roles, err := newClient(t, srv, httpx.Credentials{Token: simqumulo.ServiceToken}).WhoAmIAndRoles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !<-waited {
		t.Error("who-am-i arrived and no roles request followed while it was open")
	}
	if deref(w.Name) != "svc-terraform" || len(roles) != 2 {
		t.Errorf("who-am-i %v, roles %q", deref(w.Name), roles)
	}
}

// Only a refusal, a missing endpoint or a server failure leaves who-am-i's
// answer usable without roles; a 401 or a failure without a status does not.
func TestRolesUnavailable(t *testing.T) {
	t.Parallel()
	for status, want := range map[int]bool{403: true, 404: true, 500: true, 503: true, 401: false, 400: false, 429: false} {
		_, got := qumulo.RolesUnavailable(&httpx.Error{Kind: httpx.KindStatus, Status: status})
		if got != want {
			t.Errorf("RolesUnavailable(%d) = %v, want %v", status, got, want)
		}
	}
	if _, got := qumulo.RolesUnavailable(&httpx.Error{Kind: httpx.KindTimeout, Status: 503}); got {
		t.Error("a timeout counts as unavailable roles")
	}
	if _, got := qumulo.RolesUnavailable(nil); got {
		t.Error("no error counts as unavailable roles")
	}
}
