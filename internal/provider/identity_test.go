package provider

import (
	"net/http"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
)

// identityFields is what each platform's who-am-i answer must carry at least
// one of to name the caller, as the error says.
var identityFields = map[string]string{
	"qumulo":    "id and no name",
	"ece":       "user_name",
	"mist":      "admin_id, email or name",
	"awx":       "user with an id",
	"faynosync": "username",
}

// A 200 answer of null or {} to who-am-i is not an identity: the read fails
// and says what came back, instead of a user with every attribute null.
func TestIdentity_nullOrEmptyAnswerIsNotAnIdentity(t *testing.T) {
	t.Parallel()
	forEachPlatform(t, func(t *testing.T, p simulator.Platform, b Block) {
		fields, ok := identityFields[p.Key]
		if !ok {
			t.Fatalf("no identity fields for %s", p.Key)
		}
		for _, body := range []string{"null", "{}"} {
			srv := serve(t, p.New(), false)
			srv.Inject(p.UserPath, simulator.Fault{Status: http.StatusOK, Body: body})
			expectPlanError(t, whoConfig(p.Key, tokenAttrs(p.Key, srv.URL)), diagnostic(b.Name+" answered without an identity",
				"The answer to who-am-i names no caller. This is usually a proxy or a stub server answering in the "+b.Name+
					" API's place: check that the endpoint points at the "+b.Name+" API; if it does, report this with the server's version. "+
					"GET "+srv.URL+p.UserPath+" returned 200 without an identity (it has no "+fields+`); the body starts with "`+body+`"`))
		}
	})
}
