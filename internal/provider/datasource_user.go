package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

// userDataSource is whoami_<platform>_current_user for any platform: C is the
// platform's client, M the Terraform model its who-am-i answer maps into.
type userDataSource[C, M any] struct {
	platform *platform[C]
	schema   schema.Schema
	read     func(ctx context.Context, client C) (M, error)
	pd       *providerData
}

// newUserDataSource registers a current_user data source.
func newUserDataSource[C, M any](p *platform[C], s schema.Schema, read func(context.Context, C) (M, error)) func() datasource.DataSource {
	return func() datasource.DataSource { return &userDataSource[C, M]{platform: p, schema: s, read: read} }
}

func (d *userDataSource[C, M]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + d.platform.key + "_current_user"
}

func (d *userDataSource[C, M]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = d.schema
}

func (d *userDataSource[C, M]) Configure(_ context.Context, req datasource.ConfigureRequest, _ *datasource.ConfigureResponse) {
	d.pd, _ = req.ProviderData.(*providerData)
}

func (d *userDataSource[C, M]) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	client, conn, err := d.platform.client(d.pd, "whoami_"+d.platform.key+"_current_user")
	if err != nil {
		resp.Diagnostics.Append(diagnose(&d.platform.platformBase, conn, err))
		return
	}
	ctx, cancel := conn.http.WithTimeout(ctx)
	defer cancel()
	model, err := d.read(ctx, client)
	if err != nil {
		resp.Diagnostics.Append(diagnose(&d.platform.platformBase, conn, err))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}
