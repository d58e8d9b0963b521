package httpx

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
)

// tlsConfig trusts the system roots plus caPEM, or nothing at all when insecure.
func tlsConfig(caPEM string, insecure bool) (*tls.Config, error) {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if insecure {
		cfg.InsecureSkipVerify = true //nolint:gosec // the user asked for it and is warned at plan time
		return cfg, nil
	}
	if caPEM == "" {
		return cfg, nil
	}
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM([]byte(caPEM)) {
		return nil, errors.New("ca_cert_pem holds no PEM-encoded certificate")
	}
	cfg.RootCAs = pool
	return cfg, nil
}

// ValidateCACertPEM reports whether pem holds at least one certificate, so the
// provider can reject a bad value at validate time.
func ValidateCACertPEM(pem string) error {
	if !x509.NewCertPool().AppendCertsFromPEM([]byte(pem)) {
		return errors.New("ca_cert_pem holds no PEM-encoded certificate")
	}
	return nil
}
