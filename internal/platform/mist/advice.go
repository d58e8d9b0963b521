package mist

import (
	"errors"
	"net/http"
	"strings"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/httpx"
)

// Advice explains the Mist answers the generic mapping cannot; ok is false
// for the others.
func Advice(err error) (summary, advice string, ok bool) {
	if errors.Is(err, ErrSecondFactor) {
		return Name + " login needs a second factor",
			"The provider cannot complete two-factor authentication. Create an API token for the account " +
				"(Mist console: My Profile → API Token) and set api_token or MIST_API_TOKEN instead of username and password.", true
	}
	e, isHTTP := httpx.AsError(err)
	if isHTTP && e.Kind == httpx.KindStatus && e.Status == http.StatusBadRequest && strings.HasSuffix(e.URL, loginPath) {
		return Name + " rejected the credentials",
			"The email and password were not accepted by POST " + loginPath + "; check them, or use an API token.", true
	}
	return "", "", false
}
