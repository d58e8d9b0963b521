package provider

import (
	"context"
	"net/http"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
)

// platform describes one platform to the frame: its block, its environment
// variables, how it authenticates and explains errors, and its two data
// sources. Adding a platform means filling one of these in and adding it to
// the registry; nothing else in the frame changes.
type platform struct {
	// key is the block name and the data source infix ("qumulo").
	key string
	// name is how messages name the platform ("Qumulo").
	name string
	// tokenAttr names the token credential attribute ("access_token");
	// tokenNoun says what the token is in prose ("access token").
	tokenAttr, tokenNoun string
	defaultPort          int
	// defaultEndpoint is used when neither block nor environment gives one.
	defaultEndpoint string
	// bareScheme is the scheme a bare host or host:port gets; "" is https.
	bareScheme string
	// endpointHelp documents the endpoint attribute; usernameHelp the
	// username attribute, when the login name is something specific (Mist's
	// is an email address).
	endpointHelp, usernameHelp string
	env                        envNames
	auth                       func(httpx.Credentials) httpx.Authenticator
	decodeError                func(body []byte, header http.Header) (message string, codes []string)
	// final, when set, marks answers of a retried status the platform knows
	// a retry cannot change (httpx.Config.Final).
	final func(*httpx.Error) bool
	// advice, when set, explains platform-specific failures (ECE's 449, a
	// Mist account that needs a second factor) before the generic mapping;
	// ok is false to fall through.
	advice func(error) (summary, advice string, ok bool)
	// refused, when set, replaces httpx.Refused in deciding whether err is
	// the server refusing the credentials, so that advice names where they
	// came from: AWX adds its gateway's refusal of Basic, faynoSync takes out
	// the 401 it gives a wrong path.
	refused func(error) bool

	user       userSource
	privileges privilegesSource
}

// blockAttr names an attribute as advice does, where no attribute path is
// shown: "timeout in the ece block"; the one spelling, so that a source can
// be compared with it.
func (p *platform) blockAttr(attr string) string { return attr + " in the " + p.key + " block" }

// userSource is a platform's whoami_<key>_current_user.
type userSource struct {
	schema schema.Schema
	// read returns the state: a pointer to a struct whose tfsdk tags match schema.
	read func(ctx context.Context, hc *httpx.Client) (any, error)
}

// privilegesSource is a platform's whoami_<key>_current_privileges: the
// frame adds the attributes every platform shares (required, missing, ...)
// to schema's platform-native ones.
type privilegesSource struct {
	schema  schema.Schema
	grammar privilege.Grammar
	// read fetches what the caller holds; required is already validated
	// against grammar and decoded once by the frame.
	read func(ctx context.Context, hc *httpx.Client, required []string) (grants, error)
}

// grants is what a privileges read returns to the frame.
type grants struct {
	// Privileges is every grant the caller holds, in the platform's grammar.
	Privileges []string
	Holder     privilege.Holder
	// ID is the caller's stable id ("" for none); Principal names the caller
	// in messages.
	ID, Principal string
	// Native holds the platform-native attributes by name: an attr.Value, or
	// a pointer to a struct or a slice of structs with tfsdk tags (nil for
	// null), which the frame converts to the attribute's type.
	Native map[string]any
	// Warnings are shown with the result: a partial answer the check still used.
	Warnings []readWarning
}

// readWarning is one diagnostic warning a read returns with its result.
type readWarning struct{ Summary, Detail string }

func (p *platform) dataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{
		func() datasource.DataSource { return &userDataSource{platform: p} },
		func() datasource.DataSource { return &privilegesDataSource{platform: p} },
	}
}
