package qumulo

import (
	"regexp"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
)

// Grammar is the requirement grammar: a privilege name exactly as the API spells it.
var Grammar = privilege.NameGrammar{
	Pattern: regexp.MustCompile(`^PRIVILEGE_[A-Z0-9_]+$`),
	Shape:   "PRIVILEGE_ followed by upper-case letters, digits or underscores, as Qumulo spells it (PRIVILEGE_SMB_SHARE_READ)",
	Known:   KnownPrivileges,
}

// Holder decides requirements by exact membership in who-am-i's privileges.
// Qumulo states no implication between privileges (a _WRITE does not grant the
// matching _READ), so neither does the provider; roles are reported, not
// evaluated, because a role's privileges are not visible to its holder. An
// answer without a privileges list says nothing either way: unknown.
func Holder(w *WhoAmI) privilege.Holder {
	if w.Privileges == nil {
		return privilege.HolderFunc(func(string) privilege.Decision {
			return privilege.Undecided("who-am-i answered without a privileges list")
		})
	}
	return privilege.Membership(w.Privileges, "who-am-i's privileges")
}

// Grants is who-am-i's privileges sorted and without repeats, empty entries
// or names the grammar rejects.
func Grants(w *WhoAmI) []string { return privilege.Clean(w.Privileges, privilege.Valid(Grammar)) }
