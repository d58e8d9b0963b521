package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
)

// privilegesDataSource is whoami_<platform>_current_privileges for any platform.
type privilegesDataSource struct {
	platform *platform
	pd       *providerData
}

var _ datasource.DataSourceWithValidateConfig = (*privilegesDataSource)(nil)

func (d *privilegesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + d.platform.key + "_current_privileges"
}

func (d *privilegesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = privilegesSchema(d.platform)
}

func (d *privilegesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, _ *datasource.ConfigureResponse) {
	d.pd, _ = req.ProviderData.(*providerData)
}

// ValidateConfig runs after Configure, so d.pd is nil only in the validation
// of a provider that was never configured (see validateRequired).
func (d *privilegesDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	resp.Diagnostics.Append(validateRequired(ctx, d.platform, d.pd != nil, req.Config)...)
}

func (d *privilegesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	resp.Diagnostics.Append(checkPrivileges(ctx, d.platform, d.pd, req.Config, &resp.State.Raw)...)
}
