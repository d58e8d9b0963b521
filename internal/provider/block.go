package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
)

// blockSchema is the one shape every platform block has; only the token
// attribute's name and the documentation differ.
func blockSchema(p *platform) schema.SingleNestedBlock {
	env := func(names []string) string {
		if len(names) == 0 {
			return ""
		}
		return " Environment: `" + strings.Join(names, "`, `") + "` (first set wins)."
	}
	endpointEnv := env(p.env.Endpoint)
	if len(p.env.Host) > 0 {
		endpointEnv = strings.TrimSuffix(endpointEnv, ".") + ", or `" + strings.Join(p.env.Host, "`/`") + "` with `" + strings.Join(p.env.Port, "`/`") + "`."
	}
	usernameHelp := p.usernameHelp
	if usernameHelp == "" {
		usernameHelp = "User name to log in with, together with `password`."
	}
	return schema.SingleNestedBlock{
		MarkdownDescription: fmt.Sprintf("Connection to %s. Optional: without it, the environment variables below configure the platform. "+
			"Surrounding whitespace is removed from every value, block or variable (a secret read with `file()` or from a vault "+
			"often ends in a line break).", p.name),
		Attributes: map[string]schema.Attribute{
			"endpoint": schema.StringAttribute{Optional: true, MarkdownDescription: p.endpointHelp + endpointEnv},
			p.tokenAttr: schema.StringAttribute{Optional: true, Sensitive: true,
				MarkdownDescription: fmt.Sprintf("The %s. Conflicts with `username` and `password`.%s", p.tokenNoun, env(p.env.Token))},
			// Not sensitive: a user name is no secret, and messages name it.
			"username": schema.StringAttribute{Optional: true,
				MarkdownDescription: usernameHelp + env(p.env.Username)},
			"password": schema.StringAttribute{Optional: true, Sensitive: true,
				MarkdownDescription: "Password to log in with, together with `username`." + env(p.env.Password)},
			"insecure": schema.BoolAttribute{Optional: true,
				MarkdownDescription: "Skip TLS certificate verification (default `false`; a warning is shown when `true`). Prefer `ca_cert_pem`." +
					env(p.env.Insecure) + verifyEnv(p.env.VerifySSL)},
			"ca_cert_pem": schema.StringAttribute{Optional: true,
				MarkdownDescription: "PEM-encoded CA certificate(s) to trust in addition to the system roots (which Go reads from " +
					"`SSL_CERT_FILE` and `SSL_CERT_DIR` when set), for servers with self-signed certificates." +
					strings.TrimSuffix(env(p.env.CACert), ".") + ": the PEM text, or the path of a file holding it."},
			"timeout": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Time allowed for a whole read, retries included, as a duration such as `\"30s\"` (default) or `\"2m\"`, " +
					"or a number of seconds (`\"2.5\"`); `\"0\"` means no limit beyond Terraform's own." + env(p.env.Timeout)},
			"max_retries": schema.Int64Attribute{Optional: true,
				MarkdownDescription: fmt.Sprintf("Retries after %s (default `%d`, at most %d).", httpx.RetriedDescription(), defaultMaxRetries, maxMaxRetries) +
					env(p.env.MaxRetries)},
		},
	}
}

// blockModel is one platform block as Terraform values. The token attribute
// is named per platform (access_token, api_key, ...), which a struct tag
// cannot express, so readBlock fills the model from the block's attributes.
type blockModel struct {
	// Present is false when the configuration has no such block.
	Present                                                 bool
	Endpoint, Token, Username, Password, CACertPEM, Timeout types.String
	Insecure                                                types.Bool
	MaxRetries                                              types.Int64
}

// readBlock reads one platform block. A block that is itself unknown (a
// dynamic block) reads as present with every attribute unknown.
func readBlock(ctx context.Context, cfg tfsdk.Config, p *platform) (blockModel, diag.Diagnostics) {
	var obj types.Object
	diags := cfg.GetAttribute(ctx, path.Root(p.key), &obj)
	if diags.HasError() || obj.IsNull() {
		return blockModel{}, diags
	}
	if obj.IsUnknown() {
		s, b := types.StringUnknown(), types.BoolUnknown()
		return blockModel{Present: true, Endpoint: s, Token: s, Username: s, Password: s, CACertPEM: s, Timeout: s,
			Insecure: b, MaxRetries: types.Int64Unknown()}, diags
	}
	a := obj.Attributes()
	str := func(name string) types.String { v, _ := a[name].(types.String); return v }
	m := blockModel{Present: true, Endpoint: str("endpoint"), Token: str(p.tokenAttr), Username: str("username"),
		Password: str("password"), CACertPEM: str("ca_cert_pem"), Timeout: str("timeout")}
	m.Insecure, _ = a["insecure"].(types.Bool)
	m.MaxRetries, _ = a["max_retries"].(types.Int64)
	return m, diags
}

// unknownAttributes names the block's attributes whose values are not known
// until apply.
func (m blockModel) unknownAttributes(p *platform) []string {
	var names []string
	for _, a := range []struct {
		name string
		v    interface{ IsUnknown() bool }
	}{
		{"endpoint", m.Endpoint}, {p.tokenAttr, m.Token}, {"username", m.Username}, {"password", m.Password},
		{"ca_cert_pem", m.CACertPEM}, {"timeout", m.Timeout}, {"insecure", m.Insecure}, {"max_retries", m.MaxRetries},
	} {
		if a.v.IsUnknown() {
			names = append(names, a.name)
		}
	}
	return names
}

// verifyEnv documents variables that mean the opposite of insecure.
func verifyEnv(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return " Also `" + strings.Join(names, "`, `") + "` set to `false`, as the vendors' tools spell it."
}
