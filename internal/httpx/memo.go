package httpx

import (
	"context"
	"sync"
)

// memo remembers one answer per GET path and lets concurrent callers wait for
// the request already in flight instead of sending their own. A provider
// instance lives for one plan or apply, which is the snapshot we want.
type memo struct {
	mu    sync.Mutex
	calls map[string]*call
}

type call struct {
	done chan struct{}
	res  *response
	err  error
}

// answer is the remembered answer for key, nil when there is none (yet).
func (m *memo) answer(key string) *response {
	m.mu.Lock()
	c, ok := m.calls[key]
	m.mu.Unlock()
	if !ok {
		return nil
	}
	select {
	case <-c.done:
		return c.res
	default:
		return nil
	}
}

func (m *memo) do(ctx context.Context, key string, fetch func() (*response, error)) (*response, error) {
	m.mu.Lock()
	if m.calls == nil {
		m.calls = map[string]*call{}
	}
	if c, ok := m.calls[key]; ok {
		m.mu.Unlock()
		select {
		case <-c.done:
			return c.res, c.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	c := &call{done: make(chan struct{})}
	m.calls[key] = c
	m.mu.Unlock()
	c.res, c.err = fetch()
	close(c.done)
	return c.res, c.err
}
