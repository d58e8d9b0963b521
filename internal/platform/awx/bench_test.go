package awx

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	simawx "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/awx"
)

// The benchmarks of this file keep their names: `benchstat old.txt new.txt`
// compares runs by name (make bench writes .tools/bench/go-bench.txt).

const bulkToken = "bulk-roles-token-for-the-benchmarks"

// get serves one GET from the controller simulator and returns the body.
func get(b *testing.B, h http.Handler, path, token string) []byte {
	return simulator.Answer(b, h, path, "Bearer "+token)
}

// bulkController serves user 50, who holds n roles: ten resource types with
// n/10 resources each, the roles cycling through admin, execute, use, update
// and read, one page for all of them.
func bulkController(n int) http.Handler {
	types := []string{"credential", "execution_environment", "instance_group", "inventory", "job_template",
		"notification_template", "organization", "project", "team", "workflow_job_template"}
	names := []string{"Admin", "Execute", "Use", "Update", "Read"}
	u := &simawx.User{ID: 50, Username: "bulk"}
	for i := 0; i < n; i++ {
		u.Roles = append(u.Roles, simawx.Role{ID: int64(1000 + i), Name: names[i%len(names)],
			ResourceType: types[i%len(types)], ResourceName: fmt.Sprintf("resource %d", i/len(types)), ResourceID: int64(i / len(types))})
	}
	c := simawx.New(simawx.AWX)
	c.SetMaxPageSize(n)
	c.AddUser(u, bulkToken)
	return c.Handler()
}

// BenchmarkDecodeAWX decodes GET /api/controller/v2/me/ for svc-ci into its
// one-user page.
func BenchmarkDecodeAWX(b *testing.B) {
	ctl := simawx.Demo(simawx.AAP)
	body := get(b, ctl.Handler(), ctl.Prefix()+"me/", simawx.CIToken)
	if p := decodePage[User](b, body); len(p.Results) != 1 {
		b.Fatalf("me/ has %d users, want 1", len(p.Results))
	}
	simulator.BenchDecode[page[User]](b, body)
}

// BenchmarkDecodeAWXRolesPage decodes one full page (200, the page size the
// client asks for) of /users/<id>/roles/.
func BenchmarkDecodeAWXRolesPage(b *testing.B) {
	body := get(b, bulkController(pageSize), fmt.Sprintf("/api/v2/users/50/roles/?page_size=%d", pageSize), bulkToken)
	if p := decodePage[Role](b, body); len(p.Results) != pageSize {
		b.Fatalf("the roles page has %d roles, want %d", len(p.Results), pageSize)
	}
	simulator.BenchDecode[page[Role]](b, body)
}

// BenchmarkAWXHolder2000Roles does what a privileges read does with a caller
// holding 2,000 roles: list the grants, build the holder and check 500
// requirements, of which the 100 admin requirements on resources held with
// another role are missing.
func BenchmarkAWXHolder2000Roles(b *testing.B) {
	const n = 2000
	var p page[Role]
	if err := json.Unmarshal(get(b, bulkController(n), fmt.Sprintf("/api/v2/users/50/roles/?page_size=%d", n), bulkToken), &p); err != nil {
		b.Fatal(err)
	}
	if len(p.Results) != n {
		b.Fatalf("%d roles, want %d", len(p.Results), n)
	}
	id, no := int64(50), false
	u := &User{ID: &id, IsSuperuser: &no, IsSystemAuditor: &no}
	on := func(r Role, role string) string {
		return fmt.Sprintf("%s:%d:%s", *r.SummaryFields.ResourceType, *r.SummaryFields.ResourceID, role)
	}
	var required []string
	for i := 0; i < 100; i++ {
		// Role i is Admin when i%5 == 0 and Execute when i%5 == 1 (see
		// bulkController), and each resource holds exactly one role.
		r0, r1 := p.Results[5*i], p.Results[5*i+1]
		required = append(required,
			on(r0, "admin"), on(r0, "execute"), // held; admin covers execute
			on(r1, "execute"), on(r1, "read"), // held; any role covers read
			on(r1, "admin")) // not shown: unknown
	}
	b.ReportAllocs()
	for b.Loop() {
		if grants := Grants(u, p.Results); len(grants) != n {
			b.Fatalf("%d grants, want %d", len(grants), n)
		}
		if r := privilege.Check(required, Holder(u, p.Results, "")); len(r.Unknown) != 100 {
			b.Fatalf("%d unknown, want 100", len(r.Unknown))
		}
	}
}

// decodePage checks a sample body once before it is benchmarked.
func decodePage[T any](b *testing.B, body []byte) page[T] {
	b.Helper()
	var p page[T]
	if err := json.Unmarshal(body, &p); err != nil {
		b.Fatal(err)
	}
	return p
}
