package mist

import (
	"net/http"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
)

// The demo cloud: one MSP with two orgs, an org outside it, and their sites.
const (
	MspID      = "b9d42c2e-88ee-41f8-b798-f009ce7fe909"
	OrgAcme    = "a97c1b22-a4e9-411e-9bfd-d8695a0f9e61" // in the MSP
	OrgCobalt  = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" // in the MSP
	OrgBeta    = "6d2c8f1e-3b5a-4c7d-9e0f-1a2b3c4d5e6f" // no MSP
	SiteAcmeHQ = "441a1214-6928-442a-8e92-e1d34b8ec6a6"
	SiteAcmeDC = "7f3e2d1c-0b9a-4876-a5b4-c3d2e1f0a9b8"
	// SiteAcmeLab is a site of Acme that no grant of /self names, like HQ.
	SiteAcmeLab = "5e1ab000-7c2d-4e3f-8a9b-0c1d2e3f4a5b"
	SiteBerlin  = "c0ffee00-1234-4abc-8def-0123456789ab" // in Beta
	OrgGroup    = "832b1d74-9531-409b-ae37-4d7f3edbde92"
	// SiteGroupEU is a site group of Beta holding the Berlin site.
	SiteGroupEU = "581328b6-e382-f54e-c9dc-999983183a34"

	UserToken      = "rvwZ3kP0Xh7sQ2mT9yLcB4nF6dJ8gA1eU5iO0pR3tY7wE2qS9xV4zK6bN8mH1jC"
	OrgToken       = "Kx1Lm2Nn3Op4Pq5Qr6Rs7St8Tu9Uv0Vw1Wx2Xy3Yz4Za5Ab6Bc7Cd8De9Ef0Fg"
	MspAdminEmail  = "msp-admin@example.com"
	MspAdminPass   = "Msp-Adm1n-Passw0rd!"
	TwoFactorEmail = "secure@example.com"
	TwoFactorPass  = "Tw0-Fact0r-Passw0rd!"
)

// Demo returns the demo cloud with four identities:
//   - jsnow (UserToken): admin of Acme (in the MSP and its org group), read on
//     the Berlin site of Beta (in the site group SiteGroupEU), a newer
//     "observer_plus" role on Acme's DC site, and an orggroup grant;
//   - the org API token "terraform-ci" (OrgToken): write on Beta, no personal fields;
//   - the MSP admin (email/password login);
//   - an account that owes a second factor (email/password login).
func Demo() *Cloud {
	c := New()
	c.AddOrg(OrgAcme, MspID)
	c.AddOrg(OrgCobalt, MspID)
	c.AddOrg(OrgBeta, "")
	c.AddSite(SiteAcmeHQ, OrgAcme)
	c.AddSite(SiteAcmeDC, OrgAcme)
	c.AddSite(SiteAcmeLab, OrgAcme)
	c.AddSite(SiteBerlin, OrgBeta, SiteGroupEU)
	c.AddAdmin(&Admin{Self: map[string]any{
		"admin_id": "456b7016-a916-a4b1-78dd-72b947c152b7", "email": "jsnow@example.com",
		"first_name": "John", "last_name": "Snow", "phone": "14085551234", "phone2": "",
		"enable_two_factor": true, "two_factor_verified": true, "oauth_google": false, "via_sso": false,
		"no_tracking": nil, "password_modified_time": 1656353525, "session_expiry": 1440,
		"tags": []string{"netops", "terraform"},
		"privileges": []Privilege{
			{"scope": "org", "role": "admin", "org_id": OrgAcme, "name": "Acme Corp", "msp_id": MspID, "msp_name": "Northwind MSP",
				"msp_url": "https://northwind.example.com", "msp_logo_url": "https://northwind.example.com/logo.png",
				// As org privileges of MSP orgs carry them (self_msp_org_site_guide_example.json).
				"orggroup_ids": []string{OrgGroup}},
			{"scope": "site", "role": "read", "site_id": SiteBerlin, "org_id": OrgBeta, "name": "Berlin Office", "org_name": "Beta Org",
				"sitegroup_ids": []string{}, "views": []string{"reporting"}},
			{"scope": "site", "role": "observer_plus", "site_id": SiteAcmeDC, "org_id": OrgAcme, "name": "Acme DC", "org_name": "Acme Corp"},
			{"scope": "orggroup", "role": "read", "orggroup_ids": []string{OrgGroup}, "msp_id": MspID, "name": "EMEA orgs"},
		},
	}}, UserToken)
	c.AddAdmin(&Admin{Self: map[string]any{
		"name": "terraform-ci",
		"privileges": []Privilege{
			{"scope": "org", "role": "write", "org_id": OrgBeta, "name": "Beta Org"},
		},
	}}, OrgToken)
	c.AddAdmin(&Admin{Email: MspAdminEmail, Password: MspAdminPass, Self: map[string]any{
		"admin_id": "0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a", "email": MspAdminEmail, "first_name": "Mia", "last_name": "Provider",
		"enable_two_factor": false, "via_sso": false,
		"privileges": []Privilege{
			{"scope": "msp", "role": "admin", "msp_id": MspID, "name": "Northwind MSP"},
		},
	}}, "")
	c.AddAdmin(&Admin{Email: TwoFactorEmail, Password: TwoFactorPass, TwoFactor: true}, "")
	return c
}

// Platform describes the demo cloud to the tests, the demo and the benchmark.
var Platform = simulator.Platform{
	Key:       "mist",
	New:       func() http.Handler { return Demo().Handler() },
	Token:     simulator.Identity{Token: UserToken, ID: "456b7016-a916-a4b1-78dd-72b947c152b7", Name: "jsnow@example.com", Requests: 1},
	Login:     simulator.Identity{Username: MspAdminEmail, Password: MspAdminPass, ID: "0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a", Name: MspAdminEmail, Requests: 1},
	LoginPath: loginPath,
	UserPath:  selfPath,
	Bench: simulator.Bench{
		// jsnow holds write on Acme directly; HQ and Lab are Acme's sites
		// that /self does not place, so only a lookup shows that the Acme
		// admin grant covers them; Berlin is placed by /self (in Beta, where
		// jsnow may only read).
		Required: []string{"org:" + OrgAcme + ":write", "site:" + SiteAcmeHQ + ":write",
			"site:" + SiteAcmeLab + ":read", "site:" + SiteBerlin + ":write"},
		Cost: func(required []string) simulator.Cost { return benchCost(Demo(), UserToken, required) },
	},
}
