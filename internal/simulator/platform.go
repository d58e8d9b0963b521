package simulator

import "net/http"

// Platform is what one simulator package says about itself, once: the tests,
// the demo, the benchmark and cmd/whoami-simulator range over
// registry.Platforms instead of keeping tables of their own.
type Platform struct {
	// Key is the provider's block name for the platform ("qumulo").
	Key string
	// New returns a fresh handler serving the demo accounts.
	New func() http.Handler
	// Token is the demo account that authenticates with a token.
	Token Identity
	// Login is the demo account that authenticates with username and password.
	Login Identity
	// LoginPath is the path of the login POST, "" when username and password
	// travel on every request (AWX's HTTP Basic) and there is no session.
	LoginPath string
	// UserPath is the who-am-i path: the first authenticated request, and the
	// one whose 401 makes a session log in again.
	UserPath string
}

// Identity is one demo account and what the provider reports for it.
type Identity struct {
	// Token, or Username and Password: the credential of the account.
	Token, Username, Password string
	// ID is the id whoami_<key>_current_user reports.
	ID string
	// Requests is what reading current_user costs, logins not counted.
	Requests int
}
