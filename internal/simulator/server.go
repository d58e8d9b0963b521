// Package simulator runs faithful fakes of the platforms' APIs on loopback for
// the tests, the demo and the benchmark. Server is the part every fake shares:
// HTTP or HTTPS serving, request counting and fault injection; each platform's
// API lives in a subpackage as a plain http.Handler.
package simulator

import (
	"bytes"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"time"
)

// Fault replaces the platform's answer to one request.
type Fault struct {
	// Status and Body are sent as they are; ContentType defaults to
	// application/json when Body is set.
	Status      int
	Body        string
	ContentType string
	Header      map[string]string
	// Hang holds the request open until the client gives up.
	Hang bool
	// Reset closes the connection without an answer.
	Reset bool
	// Truncate announces the full body length but sends half and hangs up.
	Truncate bool
}

// Options configure a Server.
type Options struct {
	// TLS serves HTTPS with a self-signed certificate (see CACertPEM).
	TLS bool
}

// Server serves one platform's handler with counting and faults.
type Server struct {
	URL string

	srv     *httptest.Server
	handler http.Handler

	mu       sync.Mutex
	counts   map[string]int
	arrivals map[string][]time.Time
	faults   map[string][]Fault
	latency  time.Duration
	// lastHeader is the header of the latest request, for User-Agent checks.
	lastHeader http.Header
}

// Start serves handler on 127.0.0.1.
func Start(handler http.Handler, opts Options) *Server {
	s := &Server{handler: handler, counts: map[string]int{}, arrivals: map[string][]time.Time{}, faults: map[string][]Fault{}}
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	if opts.TLS {
		s.srv.StartTLS()
	} else {
		s.srv.Start()
	}
	s.URL = s.srv.URL
	return s
}

// Close stops the server, ending hanging requests.
func (s *Server) Close() {
	s.srv.CloseClientConnections()
	s.srv.Close()
}

// CACertPEM is the PEM of the self-signed certificate of a TLS server.
func (s *Server) CACertPEM() string {
	if s.srv.Certificate() == nil {
		return ""
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: s.srv.Certificate().Raw}))
}

// Inject queues faults for path ("" matches any path); each answers one
// request, in order, before the platform answers normally again.
func (s *Server) Inject(path string, faults ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[path] = append(s.faults[path], faults...)
}

// SetLatency delays every answer by d.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// Count returns how many requests reached method and path ("GET", "/v1/...").
func (s *Server) Count(method, path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.counts[method+" "+path]
}

// Arrivals returns when each request to method and path arrived, in order.
func (s *Server) Arrivals(method, path string) []time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Time(nil), s.arrivals[method+" "+path]...)
}

// LastHeader returns the headers of the latest request.
func (s *Server) LastHeader() http.Header {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lastHeader.Clone()
}

// Total returns how many requests the server received.
func (s *Server) Total() int { return sum(s.Counts()) }

func sum(counts map[string]int) int {
	n := 0
	for _, c := range counts {
		n += c
	}
	return n
}

// Counts returns a copy of the per-request counters, keyed "METHOD /path".
func (s *Server) Counts() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int, len(s.counts))
	for k, v := range s.counts {
		out[k] = v
	}
	return out
}

// RequestsPath answers GET with the server's counters as JSON, for tools
// outside this process (a benchmark talking to cmd/whoami-simulator):
// {"total": 3, "requests": {"GET /v1/session/who-am-i": 2, ...}}. No platform
// has a path under /_simulator/; requests to it are not counted, delayed or
// faulted, so reading the counters does not change them.
const RequestsPath = "/_simulator/requests"

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == RequestsPath && r.Method == http.MethodGet {
		counts := s.Counts()
		WriteJSON(w, http.StatusOK, map[string]any{"total": sum(counts), "requests": counts})
		return
	}
	s.mu.Lock()
	s.counts[r.Method+" "+r.URL.Path]++
	s.arrivals[r.Method+" "+r.URL.Path] = append(s.arrivals[r.Method+" "+r.URL.Path], time.Now())
	latency := s.latency
	s.lastHeader = r.Header.Clone()
	fault, ok := s.nextFault(r.URL.Path)
	s.mu.Unlock()
	if latency > 0 {
		select {
		case <-time.After(latency):
		case <-r.Context().Done():
			return
		}
	}
	if ok {
		fault.write(w, r)
		return
	}
	s.handler.ServeHTTP(w, r)
}

func (s *Server) nextFault(path string) (Fault, bool) {
	for _, key := range []string{path, ""} {
		if q := s.faults[key]; len(q) > 0 {
			s.faults[key] = q[1:]
			return q[0], true
		}
	}
	return Fault{}, false
}

func (f Fault) write(w http.ResponseWriter, r *http.Request) {
	switch {
	case f.Hang:
		<-r.Context().Done()
		return
	case f.Reset:
		hangUp(w, nil)
		return
	}
	for k, v := range f.Header {
		w.Header().Set(k, v)
	}
	if f.Body != "" && w.Header().Get("Content-Type") == "" {
		ct := f.ContentType
		if ct == "" {
			ct = "application/json"
		}
		w.Header().Set("Content-Type", ct)
	}
	status := f.Status
	if status == 0 {
		status = http.StatusOK
	}
	if f.Truncate {
		var head bytes.Buffer
		head.WriteString("HTTP/1.1 " + strconv.Itoa(status) + " " + http.StatusText(status) + "\r\n")
		head.WriteString("Content-Type: " + w.Header().Get("Content-Type") + "\r\n")
		head.WriteString("Content-Length: " + strconv.Itoa(len(f.Body)) + "\r\n\r\n")
		head.WriteString(f.Body[:len(f.Body)/2])
		hangUp(w, head.Bytes())
		return
	}
	w.WriteHeader(status)
	_, _ = w.Write([]byte(f.Body))
}

// hangUp writes raw bytes, if any, and closes the connection.
func hangUp(w http.ResponseWriter, raw []byte) {
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic("simulator: cannot hijack the connection: " + err.Error())
	}
	if raw != nil {
		_, _ = buf.Write(raw)
		_ = buf.Flush()
	}
	_ = conn.Close()
}
