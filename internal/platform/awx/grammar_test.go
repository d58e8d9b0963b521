package awx

import (
	"strings"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
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
	direct := func(need, object string) privilege.Decision {
		return privilege.Undecided("the controller's user_capabilities do not answer " + need + " on " + object + ", and no role the " +
			"user or its teams hold on it includes it; an organization role or a custom role definition may still grant it")
	}
	h := Holder(user, roles, "")
	for req, want := range map[string]privilege.Decision{
		"job_template:42:execute": privilege.Grant("held through Execute on job_template 42"),
		"job_template:42:read":    privilege.Grant("held through Execute on job_template 42, which includes Read"),
		"job_template:42:admin":   direct("admin", "job_template 42"),
		"inventory:3:adhoc":       privilege.Grant("held through Admin on inventory 3, which includes every role on it"),
		"inventory:3:update":      privilege.Grant("held through Admin on inventory 3, which includes every role on it"),
		"inventory:4:read":        direct("read", "inventory 4"),
		"credential:11:use":       privilege.Grant("held through Use on credential 11"),
		"credential:11:admin":     direct("admin", "credential 11"),
		"superuser":               privilege.Lack("is_superuser is false"),
		"system_auditor":          privilege.Lack("is_system_auditor is false"),
	} {
		if got := h.Decide(req); got != want {
			t.Errorf("%s: %+v, want %+v", req, got, want)
		}
	}
	auditor := Holder(&User{IsSuperuser: &f, IsSystemAuditor: &tr}, nil, "the controller refused to list the user's roles (403 Forbidden)")
	for req, want := range map[string]privilege.Decision{
		"project:9:read": privilege.Grant("a system auditor may read everything"),
		"project:9:update": privilege.Undecided("the controller refused to list the user's roles (403 Forbidden), " +
			"and the object's user_capabilities do not answer update"),
		"system_auditor": privilege.Grant("is_system_auditor is true"),
	} {
		if got := auditor.Decide(req); got != want {
			t.Errorf("auditor %s: %+v, want %+v", req, got, want)
		}
	}
	super := Holder(&User{IsSuperuser: &tr}, nil, "")
	for _, req := range []string{"project:9:admin", "system_auditor", "superuser"} {
		if got, want := super.Decide(req), privilege.Grant("the user is a superuser"); got != want {
			t.Errorf("superuser %s: %+v, want %+v", req, got, want)
		}
	}
	if got := strings.Join(Grants(user, roles), " "); got != "credential:11:use inventory:3:admin job_template:42:execute" {
		t.Errorf("Grants = %s", got)
	}
	// A role listed twice is one grant.
	if got := strings.Join(Grants(user, append(roles, roles[0])), " "); got != "credential:11:use inventory:3:admin job_template:42:execute" {
		t.Errorf("Grants with a repeat = %s", got)
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
