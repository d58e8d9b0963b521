// Package provider is the Terraform layer: the provider's schema and
// configuration, the data sources, and the mapping of platform errors to
// diagnostics. It asks the platform packages for plain Go values.
package provider

import (
	"context"
	"os"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// whoamiProvider is one provider instance (one per provider block and alias).
type whoamiProvider struct {
	version string
	// getenv is os.Getenv outside tests.
	getenv func(string) string
	// sleep waits between retries; nil (outside tests) means a real timer.
	sleep func(ctx context.Context, d time.Duration) bool
}

var (
	_ provider.Provider                       = (*whoamiProvider)(nil)
	_ provider.ProviderWithValidateConfig     = (*whoamiProvider)(nil)
	_ provider.ProviderWithEphemeralResources = (*whoamiProvider)(nil)
)

// New returns the provider factory for providerserver.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &whoamiProvider{version: version, getenv: os.Getenv} }
}

func (p *whoamiProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "whoami"
	resp.Version = p.version
}

func (p *whoamiProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	blocks := map[string]schema.Block{}
	var names []string
	for _, pl := range platforms {
		blocks[pl.key] = blockSchema(pl)
		names = append(names, pl.name)
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Answers, at plan time, who the configured credentials belong to and what they may do, " +
			"on " + strings.Join(names, ", ") + ". Each platform has an optional block; a platform whose block is absent " +
			"can be configured from its environment variables instead.",
		Blocks: blocks,
	}
}

// ValidateConfig applies the block rules at terraform validate, without the
// environment (which belongs to the plan), so it reports only what the
// configuration itself gets wrong.
func (p *whoamiProvider) ValidateConfig(ctx context.Context, req provider.ValidateConfigRequest, resp *provider.ValidateConfigResponse) {
	noEnvironment := func(string) string { return "" }
	for _, pl := range platforms {
		b, diags := readBlock(ctx, req.Config, pl)
		resp.Diagnostics.Append(diags...)
		if diags.HasError() || !b.Present {
			continue
		}
		_, problems := resolve(pl, b, noEnvironment)
		for _, pr := range problems {
			switch {
			case pr.unset:
			case pr.attr == "":
				resp.Diagnostics.AddAttributeError(path.Root(pl.key), pr.summary, pr.detail)
			default:
				resp.Diagnostics.AddAttributeError(path.Root(pl.key).AtName(pr.attr), pr.summary, pr.detail)
			}
		}
	}
}

func (p *whoamiProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	pd := &providerData{conns: map[string]*connection{}}
	userAgent := "terraform-provider-whoami/" + p.version + " terraform/" + req.TerraformVersion
	for _, pl := range platforms {
		b, diags := readBlock(ctx, req.Config, pl)
		resp.Diagnostics.Append(diags...)
		if diags.HasError() {
			return
		}
		if !b.Present && !anyEnvSet(pl.env.all(), p.getenv) {
			continue
		}
		conn := connect(pl, b, p.getenv, userAgent, p.sleep)
		if !conn.failure.HasError() {
			resp.Diagnostics.Append(transportWarnings(pl, conn.settings)...)
		}
		pd.conns[pl.key] = conn
	}
	resp.DataSourceData = pd
	resp.EphemeralResourceData = pd
}

func (p *whoamiProvider) DataSources(context.Context) []func() datasource.DataSource {
	var all []func() datasource.DataSource
	for _, pl := range platforms {
		all = append(all, pl.dataSources()...)
	}
	return all
}

// EphemeralResources are the current_privileges twins, one per platform.
func (p *whoamiProvider) EphemeralResources(context.Context) []func() ephemeral.EphemeralResource {
	var all []func() ephemeral.EphemeralResource
	for _, pl := range platforms {
		all = append(all, func() ephemeral.EphemeralResource { return &privilegesEphemeral{platform: pl} })
	}
	return all
}

func (p *whoamiProvider) Resources(context.Context) []func() resource.Resource { return nil }

func anyEnvSet(names []string, getenv func(string) string) bool {
	for _, n := range names {
		if getenv(n) != "" {
			return true
		}
	}
	return false
}
