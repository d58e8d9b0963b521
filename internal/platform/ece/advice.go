package ece

import (
	"net/http"
	"slices"
	"strings"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
)

// StatusElevationRequired is ECE's status for an operation that needs the
// caller's elevated permissions switched on.
const StatusElevationRequired = 449

// invalidConfiguration is old ECE's (2.1, 2.3) 500 answer for an endpoint
// its configuration does not serve.
const invalidConfiguration = "Current configuration is invalid for this endpoint"

// Final marks old ECE's 500 "Current configuration is invalid for this
// endpoint": the installation's configuration, not a passing fault, so a
// retry cannot change it.
func Final(e *httpx.Error) bool {
	return e.Status == http.StatusInternalServerError && strings.Contains(e.Message, invalidConfiguration)
}

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
			"The user must have elevated permissions turned on for this request: turn on elevated permissions in the Cloud UI " +
				"and plan again while they last, or use an API key of a user that does not need them.", true
	case Final(e):
		return Name + " does not serve this endpoint in its configuration",
			"ECE answered that its current configuration is invalid for this endpoint, as older releases (2.1, 2.3) answer " +
				"for the current user; a retry cannot change that, so none was made. Check the ECE release and configuration " +
				"with its administrators: the provider needs GET /api/v1/user.", true
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
