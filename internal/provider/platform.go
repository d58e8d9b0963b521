package provider

import (
	"net/http"

	"github.com/hashicorp/terraform-plugin-framework/datasource"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
)

// platformInfo is what the provider frame needs of any platform, whatever its
// client type: enough to build its configuration block, resolve its settings
// and explain its errors.
type platformInfo interface {
	info() *platformBase
	dataSources() []func() datasource.DataSource
}

// platformBase describes one platform to the frame. Adding a platform means
// filling one of these in; nothing else in the frame changes.
type platformBase struct {
	// key is the block name and the data source infix ("qumulo").
	key string
	// name is how messages name the platform ("Qumulo").
	name string
	// tokenAttr names the token credential attribute ("access_token").
	tokenAttr string
	// tokenNoun says what the token is in prose ("access token").
	tokenNoun   string
	defaultPort int
	// defaultEndpoint is used when neither block nor environment gives one.
	defaultEndpoint string
	// endpointHelp documents the endpoint attribute.
	endpointHelp string
	// usernameHelp documents the username attribute when the platform's
	// login name is something specific (Mist's is an email address).
	usernameHelp string
	env          envNames
	// auth turns resolved credentials into an authenticator.
	auth        func(httpx.Credentials) httpx.Authenticator
	decodeError func(body []byte, header http.Header) (string, []string)
	// advice, when set, explains platform-specific failures (ECE's 449, a
	// Mist account that needs a second factor) before the generic mapping;
	// ok is false to fall through.
	advice func(error) (summary, advice string, ok bool)
}

func (p *platformBase) info() *platformBase { return p }

// platform adds the typed client constructor to platformBase.
type platform[C any] struct {
	platformBase
	newClient func(*httpx.Client) C
	// sources lists the platform's data sources.
	sources func(*platform[C]) []func() datasource.DataSource
}

func (p *platform[C]) dataSources() []func() datasource.DataSource { return p.sources(p) }

// client returns this platform's client for the provider instance, or the
// error saying why there is none. Platform clients are thin wrappers: all state
// (sessions, remembered answers) lives in the shared httpx client.
func (p *platform[C]) client(pd *providerData, dataSource string) (C, *connection, error) {
	conn, err := pd.connection(&p.platformBase, dataSource)
	if err != nil {
		var zero C
		return zero, conn, err
	}
	return p.newClient(conn.http), conn, nil
}
