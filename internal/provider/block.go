package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
)

// blockSchema is the one shape every platform block has; only the token
// attribute's name and the documentation differ.
func blockSchema(p *platformBase) schema.SingleNestedBlock {
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
	return schema.SingleNestedBlock{
		MarkdownDescription: fmt.Sprintf("Connection to %s. Optional: without it, the environment variables below configure the platform.", p.name),
		Attributes: map[string]schema.Attribute{
			"endpoint": schema.StringAttribute{Optional: true, MarkdownDescription: p.endpointHelp + endpointEnv},
			p.tokenAttr: schema.StringAttribute{Optional: true, Sensitive: true,
				MarkdownDescription: fmt.Sprintf("The %s. Conflicts with `username` and `password`.%s", p.tokenNoun, env(p.env.Token))},
			"username": schema.StringAttribute{Optional: true, Sensitive: true,
				MarkdownDescription: usernameHelp(p) + env(p.env.Username)},
			"password": schema.StringAttribute{Optional: true, Sensitive: true,
				MarkdownDescription: "Password to log in with, together with `username`." + env(p.env.Password)},
			"insecure": schema.BoolAttribute{Optional: true,
				MarkdownDescription: "Skip TLS certificate verification (default `false`; a warning is shown when `true`). Prefer `ca_cert_pem`." + env(p.env.Insecure)},
			"ca_cert_pem": schema.StringAttribute{Optional: true,
				MarkdownDescription: "PEM-encoded CA certificate(s) to trust in addition to the system roots, for servers with self-signed certificates."},
			"timeout": schema.StringAttribute{Optional: true,
				MarkdownDescription: "Time allowed for a whole read, retries included, as a duration such as `\"30s\"` (default) or `\"2m\"`." + env(p.env.Timeout)},
			"max_retries": schema.Int64Attribute{Optional: true,
				MarkdownDescription: "Retries after a connection error or a 429, 500, 502, 503 or 504 answer (default `3`)."},
		},
	}
}

func usernameHelp(p *platformBase) string {
	if p.usernameHelp != "" {
		return p.usernameHelp
	}
	return "User name to log in with, together with `password`."
}

// readBlock reads one platform block into plain values.
func readBlock(ctx context.Context, cfg tfsdk.Config, p *platformBase) (blockValues, diag.Diagnostics) {
	var obj types.Object
	diags := cfg.GetAttribute(ctx, path.Root(p.key), &obj)
	b := blockValues{}
	if diags.HasError() || obj.IsNull() {
		return b, diags
	}
	if obj.IsUnknown() {
		b.Present, b.Unknown = true, []string{p.key}
		return b, diags
	}
	b.Present = true
	attrs := obj.Attributes()
	str := func(name string) *string {
		v, ok := attrs[name].(types.String)
		if !ok || v.IsNull() {
			return nil
		}
		if v.IsUnknown() {
			b.Unknown = append(b.Unknown, name)
			return nil
		}
		s := v.ValueString()
		return &s
	}
	b.Endpoint, b.Token, b.Username, b.Password = str("endpoint"), str(p.tokenAttr), str("username"), str("password")
	b.CACert, b.Timeout = str("ca_cert_pem"), str("timeout")
	if v, ok := attrs["insecure"].(types.Bool); ok && !v.IsNull() {
		if v.IsUnknown() {
			b.Unknown = append(b.Unknown, "insecure")
		} else {
			x := v.ValueBool()
			b.Insecure = &x
		}
	}
	if v, ok := attrs["max_retries"].(types.Int64); ok && !v.IsNull() {
		if v.IsUnknown() {
			b.Unknown = append(b.Unknown, "max_retries")
		} else {
			x := v.ValueInt64()
			b.MaxRetries = &x
		}
	}
	return b, diags
}

// validateBlock checks what can be checked before any request: credentials
// that conflict, and values that do not parse. Unknown values are skipped.
func validateBlock(p *platformBase, b blockValues) diag.Diagnostics {
	var diags diag.Diagnostics
	at := func(name string) path.Path { return path.Root(p.key).AtName(name) }
	if b.Token != nil && (b.Username != nil || b.Password != nil) {
		other := "username"
		if b.Username == nil {
			other = "password"
		}
		diags.AddAttributeError(at(p.tokenAttr), "Conflicting "+p.name+" credentials",
			fmt.Sprintf("%s.%s and %s.%s cannot both be set: use the %s, or username and password.", p.key, p.tokenAttr, p.key, other, p.tokenNoun))
	}
	if b.Username != nil && b.Password == nil && !contains(b.Unknown, "password") {
		diags.AddAttributeError(at("password"), "Incomplete "+p.name+" credentials",
			fmt.Sprintf("%s.username is set but %s.password is not: set both to log in.", p.key, p.key))
	}
	if b.Password != nil && b.Username == nil && !contains(b.Unknown, "username") {
		diags.AddAttributeError(at("username"), "Incomplete "+p.name+" credentials",
			fmt.Sprintf("%s.password is set but %s.username is not: set both to log in.", p.key, p.key))
	}
	if b.Endpoint != nil {
		if _, err := normalizeEndpoint(*b.Endpoint, p.defaultPort); err != nil {
			diags.AddAttributeError(at("endpoint"), "Invalid "+p.name+" endpoint", err.Error()+".")
		}
	}
	if b.Timeout != nil {
		if _, err := parseTimeout(*b.Timeout); err != nil {
			diags.AddAttributeError(at("timeout"), "Invalid "+p.name+" timeout", fmt.Sprintf("%s.timeout: %v.", p.key, err))
		}
	}
	if b.MaxRetries != nil && (*b.MaxRetries < 0 || *b.MaxRetries > 10) {
		diags.AddAttributeError(at("max_retries"), "Invalid "+p.name+" max_retries",
			fmt.Sprintf("%s.max_retries is %d: use a number from 0 to 10.", p.key, *b.MaxRetries))
	}
	if b.CACert != nil {
		if err := httpx.ValidateCACertPEM(*b.CACert); err != nil {
			diags.AddAttributeError(at("ca_cert_pem"), "Invalid "+p.name+" CA certificate",
				fmt.Sprintf("%s.%v: pass the contents of a PEM file, for example file(\"ca.pem\").", p.key, err))
		}
	}
	return diags
}

// connect resolves a platform's settings and builds its client; a failure is
// kept on the connection for the data sources that use the platform.
func connect(p *platformBase, b blockValues, getenv func(string) string, userAgent string, sleep func(context.Context, time.Duration) bool) *connection {
	if len(b.Unknown) > 0 {
		return &connection{err: fmt.Errorf("%s in the %s block %s not known until apply, and %s data sources are read during plan: "+
			"configure the provider from values known at plan time (variables or literals), not from resources",
			strings.Join(b.Unknown, ", "), p.key, isAre(len(b.Unknown)), p.name)}
	}
	s, err := resolve(p, b, getenv)
	if err != nil {
		return &connection{err: fmt.Errorf("%s configuration: %w", p.name, err)}
	}
	secrets := []string{s.Creds.Token, s.Creds.Password}
	hc, err := httpx.New(httpx.Config{
		Platform: p.name, BaseURL: s.Endpoint, CACertPEM: s.CACertPEM, Insecure: s.Insecure,
		Timeout: s.Timeout, MaxRetries: s.MaxRetries, UserAgent: userAgent,
		Auth: p.auth(s.Creds), DecodeError: p.decodeError, Secrets: secrets, Sleep: sleep,
	})
	if err != nil {
		return &connection{settings: s, err: fmt.Errorf("%s configuration: %w", p.name, err)}
	}
	return &connection{settings: s, http: hc}
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

var _ attr.Value = types.String{}
