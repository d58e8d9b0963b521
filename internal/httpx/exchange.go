package httpx

import (
	"context"
	"crypto/tls"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// exchange sends one logical request: it retries transient failures, renews a
// login session once on 401, and returns the body of a 2xx answer or an *Error.
func (c *Client) exchange(ctx context.Context, method, path string, payload []byte, authenticate bool) (*response, error) {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = c.WithTimeout(ctx)
		defer cancel()
	}
	renewed := false
	retries := 0
	for attempt := 1; ; attempt++ {
		req, err := c.newRequest(ctx, method, path, payload)
		if err != nil {
			return nil, err
		}
		generation := 0
		if authenticate && c.cfg.Auth != nil {
			if generation, err = c.cfg.Auth.Authorize(ctx, c, req); err != nil {
				return nil, err
			}
		}
		res, failure := c.roundTrip(ctx, req, attempt)
		if failure == nil && res.status/100 == 2 {
			if !looksLikeJSON(res.contentType, res.body) {
				e := c.newError(KindNotJSON, req, res)
				e.Snippet, e.Attempts = snippet(res.body), attempt
				return nil, e
			}
			return res, nil
		}
		if failure == nil && res.status == http.StatusUnauthorized && authenticate && c.cfg.Auth != nil && !renewed {
			renewed = true
			fresh, err := c.cfg.Auth.Renew(ctx, c, generation)
			if err != nil {
				return nil, err
			}
			if fresh {
				continue
			}
		}
		if failure == nil {
			failure = c.statusError(req, res)
		}
		failure.Attempts = attempt
		if !retryable(failure) || retries >= c.cfg.MaxRetries {
			return nil, failure
		}
		wait := backoff(c.cfg.BackoffBase, retries)
		if res != nil && res.retryAfter > 0 {
			wait = res.retryAfter
		}
		if !c.cfg.Sleep(ctx, wait) {
			return nil, c.timeoutError(req, failure)
		}
		retries++
	}
}

// response is what one attempt brought back.
type response struct {
	status      int
	header      http.Header
	contentType string
	body        []byte
	retryAfter  time.Duration
}

// roundTrip sends req once and reads its capped body. A failure with no usable
// answer comes back as an *Error.
func (c *Client) roundTrip(ctx context.Context, req *http.Request, attempt int) (*response, *Error) {
	start := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		c.logAttempt(ctx, req, attempt, 0, time.Since(start), err)
		return nil, c.transportError(ctx, req, err)
	}
	defer resp.Body.Close()
	body, tooLarge, err := readCapped(resp.Body)
	c.logAttempt(ctx, req, attempt, resp.StatusCode, time.Since(start), err)
	res := &response{
		status:      resp.StatusCode,
		header:      resp.Header,
		contentType: resp.Header.Get("Content-Type"),
		body:        body,
		retryAfter:  parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()),
	}
	switch {
	case err != nil:
		// The connection broke mid-body: as transient as a refused connection.
		e := c.transportError(ctx, req, err)
		e.Status = resp.StatusCode
		return res, e
	case tooLarge:
		return res, c.newError(KindTooLarge, req, res)
	}
	return res, nil
}

func (c *Client) newError(kind Kind, req *http.Request, res *response) *Error {
	e := &Error{Kind: kind, Platform: c.cfg.Platform, Method: req.Method, URL: redactURL(req.URL)}
	if res != nil {
		e.Status = res.status
		e.ContentType = res.contentType
		e.RetryAfter = res.retryAfter
	}
	return e
}

func (c *Client) statusError(req *http.Request, res *response) *Error {
	e := c.newError(KindStatus, req, res)
	if looksLikeJSON(res.contentType, res.body) && c.cfg.DecodeError != nil {
		e.Message, e.Codes = c.cfg.DecodeError(res.body, res.header)
	} else if c.cfg.DecodeError != nil {
		_, e.Codes = c.cfg.DecodeError(nil, res.header)
	}
	if e.Message == "" && len(res.body) > 0 {
		e.Snippet = snippet(res.body)
	}
	return e
}

func (c *Client) transportError(ctx context.Context, req *http.Request, err error) *Error {
	e := c.newError(KindConnection, req, nil)
	e.Err = unwrapURLError(err)
	var certErr *tls.CertificateVerificationError
	var redirect *redirectError
	switch {
	case ctx.Err() != nil:
		e.Kind = KindTimeout
		e.Timeout = c.cfg.Timeout
	case errors.As(err, &certErr):
		e.Kind = KindTLS
	case errors.As(err, &redirect):
		e.Kind = KindRedirect
	}
	return e
}

// timeoutError reports that the budget ran out while waiting to retry last.
func (c *Client) timeoutError(req *http.Request, last *Error) *Error {
	e := *last
	e.Kind = KindTimeout
	e.Timeout = c.cfg.Timeout
	e.URL = redactURL(req.URL)
	return &e
}

func retryable(e *Error) bool {
	switch e.Kind {
	case KindConnection:
		return true
	case KindStatus:
		switch e.Status {
		case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout, http.StatusInternalServerError:
			return true
		}
	}
	return false
}

func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// redactURL drops user info and query values: neither belongs in a message.
func redactURL(u *url.URL) string {
	r := *u
	r.User = nil
	if r.RawQuery != "" {
		q := r.Query()
		for k := range q {
			if strings.Contains(strings.ToLower(k), "token") || strings.Contains(strings.ToLower(k), "key") {
				q.Set(k, "REDACTED")
			}
		}
		r.RawQuery = q.Encode()
	}
	return r.String()
}
