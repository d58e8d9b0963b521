package ece

import (
	"net/http"
	"slices"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
)

// StatusElevationRequired is ECE's status for an operation that needs the
// caller's elevated permissions switched on.
const StatusElevationRequired = 449

// Advice explains the ECE answers whose cause the generic mapping cannot
// know; ok is false for the others.
func Advice(err error) (summary, advice string, ok bool) {
	e, isHTTP := httpx.AsError(err)
	if !isHTTP {
		return "", "", false
	}
	has := func(code string) bool { return slices.Contains(e.Codes, code) }
	switch {
	case e.Status == StatusElevationRequired:
		return Name + " requires elevated permissions",
			"The user must switch on elevated permissions before this request: elevate in the ECE console " +
				"(or POST /api/v1/users/auth/_elevate) and plan again, or use an API key of a user that does not need them.", true
	case e.Status == http.StatusNotFound && has("user.not_found"):
		return Name + " user not found",
			"The credentials were accepted but ECE has no user record for them (user.not_found): " +
				"the user behind the API key may have been deleted. Create a new API key for an existing user.", true
	case e.Status == http.StatusForbidden && has("root.unauthorized.rbac"):
		return Name + " denied the request",
			"The user's roles do not allow reading the current user (root.unauthorized.rbac). " +
				"Give the user at least the ece_deployment_viewer role.", true
	}
	return "", "", false
}
