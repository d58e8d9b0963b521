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

// Holder evaluates requirements by exact membership in who-am-i privileges.
// Qumulo states no implication between privileges (a _WRITE does not grant the
// matching _READ), so neither does the provider; roles are reported, not
// evaluated, because a role's privileges are not visible to its holder.
func Holder(w *WhoAmI) privilege.Holder { return privilege.NewSet(w.Privileges) }
