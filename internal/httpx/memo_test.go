package httpx

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
)

// getConcurrently calls Get of path from n goroutines at once.
func getConcurrently(c *Client, path string, n int) ([]person, []error) {
	values, errs := make([]person, n), make([]error, n)
	var ready, done sync.WaitGroup
	ready.Add(1)
	for i := range n {
		done.Add(1)
		go func() {
			defer done.Done()
			ready.Wait()
			errs[i] = c.Get(context.Background(), path, &values[i])
		}()
	}
	ready.Done()
	done.Wait()
	return values, errs
}

func TestMemoOneRequestForConcurrentCallers(t *testing.T) {
	t.Parallel()
	srv := start(t, personHandler("alice"), false)
	srv.SetLatency(100 * time.Millisecond) // every caller arrives while the first request is in flight
	c := newTestClient(t, srv, nil)
	values, errs := getConcurrently(c, "/me", 20)
	for i := range values {
		if errs[i] != nil {
			t.Fatalf("caller %d: %v", i, errs[i])
		}
		if values[i] != (person{Name: "alice", N: 1}) {
			t.Errorf("caller %d decoded %+v", i, values[i])
		}
	}
	if n := srv.Count("GET", "/me"); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
	// Later callers get the remembered answer too.
	var again person
	if err := c.Get(context.Background(), "/me", &again); err != nil || again.N != 1 {
		t.Errorf("later Get: %+v, %v", again, err)
	}
	if n := srv.Count("GET", "/me"); n != 1 {
		t.Errorf("%d requests after a later Get, want 1", n)
	}
}

func TestMemoSharesAnError(t *testing.T) {
	t.Parallel()
	srv := start(t, personHandler("alice"), false)
	srv.SetLatency(100 * time.Millisecond)
	srv.Inject("/me", simulator.Fault{Status: 404})
	c := newTestClient(t, srv, nil)
	_, errs := getConcurrently(c, "/me", 20)
	want := "GET " + srv.URL + "/me returned 404 Not Found"
	for i, err := range errs {
		wantError(t, err, KindStatus, want)
		if err != errs[0] {
			t.Errorf("caller %d got a different error value", i)
		}
	}
	if n := srv.Count("GET", "/me"); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestMemoIsPerPath(t *testing.T) {
	t.Parallel()
	srv := start(t, personHandler("alice"), false)
	c := newTestClient(t, srv, nil)
	var a, b person
	if err := c.Get(context.Background(), "/a", &a); err != nil {
		t.Fatal(err)
	}
	if err := c.Get(context.Background(), "/b", &b); err != nil {
		t.Fatal(err)
	}
	if a.N != 1 || b.N != 2 {
		t.Errorf("decoded %+v and %+v, want two requests", a, b)
	}
}

func TestPostIsNeverRemembered(t *testing.T) {
	t.Parallel()
	srv := start(t, personHandler("alice"), false)
	c := newTestClient(t, srv, nil)
	for range 3 {
		if err := c.Post(context.Background(), "/login", map[string]string{"u": "x"}, nil); err != nil {
			t.Fatal(err)
		}
	}
	if n := srv.Count("POST", "/login"); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
}
