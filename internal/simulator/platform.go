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
	// Token is the demo account that authenticates with a token; the demo
	// and the benchmark configure the provider with it.
	Token Identity
	// Login is the demo account that authenticates with username and password.
	Login Identity
	// Accounts are further demo accounts by name ("admin"), for a demo that
	// switches between them (Qumulo's enforce step); cmd/whoami-simulator
	// exports their credentials as WHOAMI_DEMO_<KEY>_<NAME>_TOKEN and so on.
	Accounts map[string]Identity
	// LoginPath is the path of the login POST, "" when username and password
	// travel on every request (AWX's HTTP Basic) and there is no session.
	LoginPath string
	// UserPath is the who-am-i path: the first authenticated request, and the
	// one whose 401 makes a session log in again.
	UserPath string
	// Bench is the platform's part of cmd/whoami-bench.
	Bench Bench
}

// Identity is one demo account and what the provider reports for it.
type Identity struct {
	// Token, or Username and Password: the credential of the account.
	Token, Username, Password string
	// ID is the id whoami_<key>_current_user reports, "" when it reports
	// null (faynoSync's team users, whose id the server sends as all zeros).
	ID string
	// Name is the account's name in the platform's who-am-i answer (Qumulo's
	// name, ECE's user_name, Mist's email, AWX's and faynoSync's username).
	Name string
	// Requests is what reading current_user costs, logins not counted.
	Requests int
}

// Bench is what cmd/whoami-bench plans against: it lives beside the fake,
// which knows what its own API makes a client send.
type Bench struct {
	// New, when set, replaces Platform.New: a fixture tuned so that a plan
	// shows the platform's costs (AWX's roles spread over pages).
	New func() http.Handler
	// Required is the current_privileges data source's required list, in the
	// platform's grammar: some held, some missing, and those whose checking
	// costs the platform's extra requests.
	Required []string
	// Cost is what one provider configuration must send for both data
	// sources of the Token identity with required, worked out from the
	// fixture by a model of the API that is independent of the provider's
	// code: the benchmark judges the provider against it.
	Cost func(required []string) Cost
	// Grants, when set, returns a fixture whose one account holds n grants
	// (privileges, permissions, roles), and that account's token: the
	// benchmark times reading answers of 10,000 and 100,000 grants.
	Grants func(n int) (h http.Handler, token string)
}

// Cost is the fewest requests a platform's API allows.
type Cost struct {
	// Minimum is the number of requests; Chain is the longest run of them
	// each of which needs the answer of the one before; Why says where the
	// numbers come from, for the report.
	Minimum, Chain int
	Why            string
}

// BenchHandler returns a fresh handler for the benchmark: Bench.New's, else
// New's.
func (p Platform) BenchHandler() http.Handler {
	if p.Bench.New != nil {
		return p.Bench.New()
	}
	return p.New()
}
