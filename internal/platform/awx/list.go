package awx

import (
	"context"
	"fmt"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
)

// concurrency bounds the requests one read sends at once.
const concurrency = 8

// listAll reads every page of a list: the first with page_size at the
// controller's usual maximum (200), then, the count known, every other page
// at once. A server whose count does not fit its pages is followed by next.
func listAll[T any](ctx context.Context, hc *httpx.Client, path string) ([]T, error) {
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	first := fmt.Sprintf("%s%spage_size=%d", path, sep, pageSize)
	var p page[T]
	if err := hc.Get(ctx, first, &p); err != nil {
		return nil, err
	}
	if p.Next == nil || *p.Next == "" {
		return p.Results, nil
	}
	size := len(p.Results) // the server's maximum, when below ours
	if p.Count == nil || size == 0 {
		return followNext(ctx, hc, p)
	}
	pages := int((*p.Count + int64(size) - 1) / int64(size))
	if pages > maxPages {
		return nil, fmt.Errorf("GET %s: the list counts %d entries, more than %d pages of %d", hc.URL(first), *p.Count, maxPages, size)
	}
	rest := make([][]T, pages)
	rest[0] = p.Results
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(concurrency)
	for n := 2; n <= pages; n++ {
		g.Go(func() error {
			var q page[T]
			if err := hc.Get(gctx, fmt.Sprintf("%s&page=%d", first, n), &q); err != nil {
				return err
			}
			rest[n-1] = q.Results
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	out := make([]T, 0, *p.Count)
	for _, r := range rest {
		out = append(out, r...)
	}
	return out, nil
}

// followNext reads the pages after p one by one, by their next links.
func followNext[T any](ctx context.Context, hc *httpx.Client, p page[T]) ([]T, error) {
	out := p.Results
	seen := map[string]bool{}
	for pages := 1; p.Next != nil && *p.Next != ""; pages++ {
		next := hc.Relative(*p.Next)
		switch {
		case next == "":
			return nil, fmt.Errorf("the list's next page %q is on another host; refusing to follow it", *p.Next)
		case pages == maxPages || seen[next]:
			return nil, fmt.Errorf("GET %s: the list did not end after %d pages", hc.URL(next), pages)
		}
		seen[next] = true
		p = page[T]{}
		if err := hc.Get(ctx, next, &p); err != nil {
			return nil, err
		}
		out = append(out, p.Results...)
	}
	return out, nil
}
