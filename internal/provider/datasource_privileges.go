package provider

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
)

// grants is what a platform's privileges read returns to the frame.
type grants struct {
	// Privileges is every grant the caller holds, in the platform's grammar.
	Privileges []string
	Holder     privilege.Holder
	// ID is the caller's stable id; Principal names the caller in messages.
	ID, Principal string
	// Warnings are shown with the result: a partial answer the check still used.
	Warnings []warningNote
}

// warning is one diagnostic warning.
type warningNote struct{ Summary, Detail string }

// privilegesModel is what every platform's privileges model embeds.
type privilegesModel struct {
	ID         types.String `tfsdk:"id"`
	Privileges types.Set    `tfsdk:"privileges"`
	Required   types.Set    `tfsdk:"required"`
	Missing    types.Set    `tfsdk:"missing"`
	AllGranted types.Bool   `tfsdk:"all_granted"`
	Enforce    types.Bool   `tfsdk:"enforce"`
}

func (m *privilegesModel) common() *privilegesModel { return m }

// privilegesDataSource is whoami_<platform>_current_privileges for any
// platform. M is the platform's model (embedding privilegesModel); read fills
// M's platform-native attributes and returns the grants to check.
type privilegesDataSource[C, M any, PM interface {
	*M
	common() *privilegesModel
}] struct {
	platform *platform[C]
	schema   schema.Schema
	grammar  privilege.Grammar
	read     func(ctx context.Context, client C, model PM) (grants, error)
	pd       *providerData
}

// newPrivilegesDataSource registers a current_privileges data source whose
// schema is the common attributes plus native.
func newPrivilegesDataSource[C, M any, PM interface {
	*M
	common() *privilegesModel
}](p *platform[C], s schema.Schema, g privilege.Grammar, read func(context.Context, C, PM) (grants, error)) func() datasource.DataSource {
	s.Attributes = withPrivilegeAttributes(&p.platformBase, g, s.Attributes)
	return func() datasource.DataSource {
		return &privilegesDataSource[C, M, PM]{platform: p, schema: s, grammar: g, read: read}
	}
}

func (d *privilegesDataSource[C, M, PM]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + d.platform.key + "_current_privileges"
}

func (d *privilegesDataSource[C, M, PM]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = d.schema
}

func (d *privilegesDataSource[C, M, PM]) Configure(_ context.Context, req datasource.ConfigureRequest, _ *datasource.ConfigureResponse) {
	d.pd, _ = req.ProviderData.(*providerData)
}

func (d *privilegesDataSource[C, M, PM]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var model M
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	client, conn, err := d.platform.client(d.pd, "whoami_"+d.platform.key+"_current_privileges")
	if err != nil {
		resp.Diagnostics.Append(diagnose(&d.platform.platformBase, conn, err))
		return
	}
	ctx, cancel := conn.http.WithTimeout(ctx)
	defer cancel()
	g, err := d.read(ctx, client, &model)
	if err != nil {
		resp.Diagnostics.Append(diagnose(&d.platform.platformBase, conn, err))
		return
	}
	for _, w := range g.Warnings {
		resp.Diagnostics.AddWarning(w.Summary, w.Detail)
	}
	resp.Diagnostics.Append(d.check(ctx, PM(&model).common(), g)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}

// check evaluates required against the grants, fills the common attributes,
// and fails the read when enforce is on and something is missing.
func (d *privilegesDataSource[C, M, PM]) check(ctx context.Context, m *privilegesModel, g grants) diag.Diagnostics {
	var required []string
	diags := m.Required.ElementsAs(ctx, &required, false)
	result := privilege.Check(required, g.Holder)
	m.ID = types.StringNull()
	if g.ID != "" {
		m.ID = types.StringValue(g.ID)
	}
	m.Privileges = stringSet(g.Privileges)
	m.Missing = stringSet(result.Missing)
	m.AllGranted = types.BoolValue(result.AllGranted())
	if m.Enforce.IsNull() {
		m.Enforce = types.BoolValue(false)
	}
	if m.Enforce.ValueBool() && !result.AllGranted() {
		diags.AddAttributeError(pathRequired, d.platform.name+" credentials lack required privileges",
			fmt.Sprintf("%s is missing %d of the %d required privileges:\n  - %s\n\nGrant them to the account, or remove them from required.",
				g.Principal, len(result.Missing), len(dedupe(required)), strings.Join(result.Missing, "\n  - ")))
	}
	return diags
}

func dedupe(list []string) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}
