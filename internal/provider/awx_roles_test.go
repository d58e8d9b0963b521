package provider

import (
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/platform/awx"
)

// A roles line names what the controller sent and nothing it did not: a
// role on no resource (System Administrator on old controllers) has no "on",
// an unnamed one says so, and names are quoted so a quote in one cannot fake
// a team.
func TestAWXRoleText(t *testing.T) {
	t.Parallel()
	name, typ, res, team := "Execute", "job_template", `Deploy "web"`, "Ops"
	id := int64(42)
	for _, c := range []struct {
		role awx.Role
		want string
	}{
		{awx.Role{Name: ptr("System Administrator")}, "System Administrator"},
		{roleOn(&name, &typ, &id, &res, nil), `Execute on job_template 42 "Deploy \"web\""`},
		{roleOn(&name, &typ, &id, nil, &team), `Execute on job_template 42 through team "Ops"`},
		{roleOn(nil, &typ, nil, nil, nil), "(unnamed role) on job_template"},
	} {
		if got := awxRoleText(c.role); got != c.want {
			t.Errorf("awxRoleText = %q, want %q", got, c.want)
		}
	}
}

func roleOn(name, typ *string, id *int64, resource, team *string) awx.Role {
	r := awx.Role{Name: name, Team: team}
	r.SummaryFields.ResourceType, r.SummaryFields.ResourceID, r.SummaryFields.ResourceName = typ, id, resource
	return r
}
