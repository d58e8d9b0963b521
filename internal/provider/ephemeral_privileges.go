package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
)

// privilegesEphemeral is ephemeral "whoami_<platform>_current_privileges":
// the data source's twin, opened while Terraform plans and again while it
// applies, each time with that phase's provider configuration, and never
// stored in the plan or the state. It reads and decides exactly as the data
// source does (checkPrivileges), and shares its answers with the data
// sources of the same provider configuration.
type privilegesEphemeral struct {
	platform *platform
	pd       *providerData
}

var (
	_ ephemeral.EphemeralResourceWithConfigure      = (*privilegesEphemeral)(nil)
	_ ephemeral.EphemeralResourceWithValidateConfig = (*privilegesEphemeral)(nil)
)

func (e *privilegesEphemeral) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + e.platform.key + "_current_privileges"
}

func (e *privilegesEphemeral) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	s, err := ephemeralSchema(privilegesSchema(e.platform))
	if err != nil {
		resp.Diagnostics.AddError("Cannot build the ephemeral schema", err.Error())
		return
	}
	s.MarkdownDescription = "The apply-time twin of the `whoami_" + e.platform.key + "_current_privileges` data source: the " +
		"same arguments, attributes and rules, opened while Terraform plans and again while it applies, each time with " +
		"that phase's credentials, and never written to the plan or the state. With `enforce`, it fails whichever phase " +
		"it is opened in. " + s.MarkdownDescription
	resp.Schema = s
}

func (e *privilegesEphemeral) Configure(_ context.Context, req ephemeral.ConfigureRequest, _ *ephemeral.ConfigureResponse) {
	e.pd, _ = req.ProviderData.(*providerData)
}

// ValidateConfig is the data source's: see validateRequired.
func (e *privilegesEphemeral) ValidateConfig(ctx context.Context, req ephemeral.ValidateConfigRequest, resp *ephemeral.ValidateConfigResponse) {
	resp.Diagnostics.Append(validateRequired(ctx, e.platform, e.pd != nil, req.Config)...)
}

func (e *privilegesEphemeral) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	resp.Diagnostics.Append(checkPrivileges(ctx, e.platform, e.pd, req.Config, &resp.Result.Raw)...)
}
