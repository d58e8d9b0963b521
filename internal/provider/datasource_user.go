package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
)

// userDataSource is whoami_<platform>_current_user for any platform.
type userDataSource struct {
	platform *platform
	pd       *providerData
}

func (d *userDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + d.platform.key + "_current_user"
}

func (d *userDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = d.platform.user.schema
}

func (d *userDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, _ *datasource.ConfigureResponse) {
	d.pd, _ = req.ProviderData.(*providerData)
}

func (d *userDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	conn, diags := d.pd.connection(d.platform, "whoami_"+d.platform.key+"_current_user")
	if resp.Diagnostics.Append(diags...); diags.HasError() {
		return
	}
	ctx, cancel := conn.http.WithTimeout(ctx)
	defer cancel()
	model, err := d.platform.user.read(ctx, conn.http)
	if err != nil {
		resp.Diagnostics.Append(diagnose(d.platform, conn, err))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, model)...)
}
