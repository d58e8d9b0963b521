package awx

import (
	"strings"
	"testing"
)

func role(id int64, name, typ string, resourceID int64) Role {
	r := Role{ID: &id, Name: &name}
	r.SummaryFields.ResourceType, r.SummaryFields.ResourceID = &typ, &resourceID
	return r
}

func TestNormalizeRole(t *testing.T) {
	for in, want := range map[string]string{"Ad Hoc": "adhoc", "Admin": "admin", "Job Template Admin": "job_template_admin",
		" Execute ": "execute", "Execution Environment Admin": "execution_environment_admin"} {
		if got := NormalizeRole(in); got != want {
			t.Errorf("NormalizeRole(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHolderRules(t *testing.T) {
	f, tr := false, true
	user := &User{IsSuperuser: &f, IsSystemAuditor: &f}
	roles := []Role{role(1, "Execute", "job_template", 42), role(2, "Admin", "inventory", 3), role(3, "Use", "credential", 11)}
	h := Holder(user, roles)
	for req, want := range map[string]bool{
		"job_template:42:execute": true, "job_template:42:read": true, "job_template:42:admin": false,
		"inventory:3:adhoc": true, "inventory:3:update": true, "inventory:4:read": false,
		"credential:11:use": true, "credential:11:admin": false, "superuser": false, "system_auditor": false,
	} {
		if got := h.Satisfies(req); got != want {
			t.Errorf("%s: %t, want %t", req, got, want)
		}
	}
	auditor := Holder(&User{IsSuperuser: &f, IsSystemAuditor: &tr}, nil)
	if !auditor.Satisfies("project:9:read") || auditor.Satisfies("project:9:update") || !auditor.Satisfies("system_auditor") {
		t.Error("a system auditor satisfies every read and nothing else")
	}
	super := Holder(&User{IsSuperuser: &tr}, nil)
	if !super.Satisfies("project:9:admin") || !super.Satisfies("system_auditor") {
		t.Error("a superuser satisfies everything")
	}
	if got := strings.Join(Grants(user, roles), " "); got != "job_template:42:execute inventory:3:admin credential:11:use" {
		t.Errorf("Grants = %s", got)
	}
}

func TestGrammar(t *testing.T) {
	g := Grammar{}
	for _, ok := range []string{"superuser", "system_auditor", "job_template:42:execute", "inventory:3:adhoc"} {
		if err := g.Validate(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "Superuser", "job_template:x:execute", "job_template:42:Execute", "job_template:42"} {
		if g.Validate(bad) == nil {
			t.Errorf("%q validated", bad)
		}
	}
	if unknown, s := g.Unknown("job_templte:42:exeute"); !unknown || s != "job_template:42:execute" {
		t.Errorf("Unknown = %t, %q", unknown, s)
	}
	if unknown, _ := g.Unknown("superuser"); unknown {
		t.Error("superuser is known")
	}
}
