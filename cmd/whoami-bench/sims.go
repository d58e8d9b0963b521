package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/platform/mist"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/platform/qumulo"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	simawx "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/awx"
	simece "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/ece"
	simfaynosync "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/faynosync"
	simmist "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/mist"
	simqumulo "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/qumulo"
)

// awxPageSize is the controller's page_size cap for the benchmark: svc-ci's
// seven roles then span two pages, so the plan must follow "next".
const awxPageSize = 4

// siteAcmeLab is a second site of Acme that /self does not mention, so that
// the Mist requirements need two parent lookups (this one and Acme HQ).
const siteAcmeLab = "5e1ab000-7c2d-4e3f-8a9b-0c1d2e3f4a5b"

// sim is one simulated platform and what a plan should cost it.
type sim struct {
	key string
	srv *simulator.Server
	// tokenAttr and token are the credential attribute of the provider block.
	tokenAttr, token string
	// required is the current_privileges data source's required list.
	required []string
	// minimum is the fewest requests the API allows one provider
	// configuration to make for both data sources, token auth; chain is the
	// longest run of requests each of which needs the answer of the one
	// before; why says where the numbers come from.
	minimum, chain int
	why            string
}

// startSims starts the five simulators with their demo fixtures and works out
// each platform's minimum from the fixture and the requirements.
func startSims() ([]*sim, error) {
	sims := []*sim{startQumulo(), startECE()}
	for _, start := range []func() (*sim, error){startMist, startAWX} {
		s, err := start()
		if err != nil {
			closeSims(sims)
			return nil, err
		}
		sims = append(sims, s)
	}
	return append(sims, startFaynosync()), nil
}

func closeSims(sims []*sim) {
	for _, s := range sims {
		if s != nil {
			s.srv.Close()
		}
	}
}

func startQumulo() *sim {
	return &sim{key: "qumulo", tokenAttr: "access_token", token: simqumulo.ServiceToken,
		srv:      simulator.Start(simqumulo.Demo(qumulo.KnownPrivileges).Handler(), simulator.Options{}),
		required: []string{"PRIVILEGE_SMB_SHARE_READ", "PRIVILEGE_QUOTA_WRITE"},
		// current_privileges reports roles, which only /v1/session/roles
		// lists; it does not depend on who-am-i, so both go at once.
		minimum: 2, chain: 1, why: "who-am-i + session roles, in parallel",
	}
}

func startECE() *sim {
	return &sim{key: "ece", tokenAttr: "api_key", token: simece.DeployerAPIKey,
		srv:      simulator.Start(simece.Demo().Handler(), simulator.Options{}),
		required: []string{"create-deployment", "update-deployment", "role:ece_platform_admin"},
		minimum:  1, chain: 1, why: "GET /api/v1/user",
	}
}

func startFaynosync() *sim {
	return &sim{key: "faynosync", tokenAttr: "token", token: simfaynosync.TeamAPIToken,
		srv: simulator.Start(simfaynosync.Demo().Handler(), simulator.Options{}),
		required: []string{"apps:upload:" + simfaynosync.AppDesktop, "channels:edit:" + simfaynosync.ChannelStable,
			"apps:create"},
		minimum: 1, chain: 1, why: "GET /whoami",
	}
}

// startMist serves jsnow (admin of Acme, read on Beta's Berlin site). Of the
// requirements, Acme HQ and Acme Lab are sites /self does not place, so only
// a lookup can show that Acme's admin grant covers them; Berlin is placed
// by /self, and Acme is held directly.
func startMist() (*sim, error) {
	cloud := simmist.Demo()
	cloud.AddSite(siteAcmeLab, simmist.OrgAcme)
	s := &sim{key: "mist", tokenAttr: "api_token", token: simmist.UserToken,
		srv: simulator.Start(cloud.Handler(), simulator.Options{}),
		required: []string{"org:" + simmist.OrgAcme + ":write", "site:" + simmist.SiteAcmeHQ + ":write",
			"site:" + siteAcmeLab + ":read", "site:" + simmist.SiteBerlin + ":write"},
	}
	var self mist.Self
	if err := getJSON(s.srv.URL+"/api/v1/self", "Token "+s.token, &self); err != nil {
		s.srv.Close()
		return nil, fmt.Errorf("mist: %w", err)
	}
	lookups := mistLookups(&self, s.required)
	s.minimum, s.chain = 1+lookups, 1
	if lookups > 0 {
		s.chain = 2 // the lookups need /self's grants, but not one another
	}
	s.why = fmt.Sprintf("/self + %d parent lookups (all independent)", lookups)
	return s, nil
}

// startAWX serves an AAP 2.5 gateway and svc-ci, whose roles span pages.
func startAWX() (*sim, error) {
	ctl := simawx.Demo(simawx.AAP)
	ctl.SetMaxPageSize(awxPageSize)
	s := &sim{key: "awx", tokenAttr: "token", token: simawx.CIToken,
		srv:      simulator.Start(ctl.Handler(), simulator.Options{}),
		required: []string{"job_template:42:execute", "job_template:43:execute", "project:9:admin"},
	}
	var me struct {
		Results []struct{ ID int64 } `json:"results"`
	}
	var roles struct{ Count int }
	base := s.srv.URL + ctl.Prefix()
	if err := getJSON(base+"me/", "Bearer "+s.token, &me); err != nil {
		s.srv.Close()
		return nil, fmt.Errorf("awx: /me/: %w", err)
	}
	if len(me.Results) != 1 {
		s.srv.Close()
		return nil, fmt.Errorf("awx: /me/ listed %d users", len(me.Results))
	}
	if err := getJSON(fmt.Sprintf("%susers/%d/roles/", base, me.Results[0].ID), "Bearer "+s.token, &roles); err != nil {
		s.srv.Close()
		return nil, fmt.Errorf("awx: roles: %w", err)
	}
	pages := max(1, (roles.Count+awxPageSize-1)/awxPageSize)
	// GET /api/ (where the controller API lives) → me/ (the user id) → each
	// roles page (each page's "next" names the following one).
	s.minimum, s.chain = 2+pages, 2+pages
	s.why = fmt.Sprintf("/api/ + me/ + %d roles pages (%d roles, %d a page), one after another", pages, roles.Count, awxPageSize)
	return s, nil
}

// mistLookups is the benchmark's own model of Mist inheritance, independent
// of the provider's: a requirement not held on the object itself costs one
// lookup of that object when some grant one scope up carries a covering role
// and /self does not already say which parent the object has. Each id is
// counted once. (jsnow holds no MSP grant, so the org lookups a site's org
// might need in turn do not arise here.)
func mistLookups(self *mist.Self, required []string) int {
	covers := func(held, need string) bool {
		return held == need || (held == "admin" && slices.Contains(mist.KnownRoles, need)) ||
			((held == "write" || held == "helpdesk") && need == "read")
	}
	grant := func(scope, id, role string) bool {
		for _, p := range self.Privileges {
			pid := map[string]*string{"msp": p.MspID, "org": p.OrgID, "site": p.SiteID}[scope]
			if deref(p.Scope) == scope && (id == "*" || strings.EqualFold(deref(pid), id)) && covers(deref(p.Role), role) {
				return true
			}
		}
		return false
	}
	placed := func(field func(mist.Privilege) *string, id string, parent func(mist.Privilege) *string) bool {
		for _, p := range self.Privileges {
			if strings.EqualFold(deref(field(p)), id) && deref(parent(p)) != "" {
				return true
			}
		}
		return false
	}
	site := func(p mist.Privilege) *string { return p.SiteID }
	org := func(p mist.Privilege) *string { return p.OrgID }
	msp := func(p mist.Privilege) *string { return p.MspID }
	looked := map[string]bool{}
	for _, req := range required {
		r, err := mist.ParseRequirement(req)
		if err != nil || grant(r.Scope, r.ID, r.Role) {
			continue
		}
		switch {
		case r.Scope == "site" && (grant("org", "*", r.Role) || grant("msp", "*", r.Role)) && !placed(site, r.ID, org):
			looked["site:"+r.ID] = true
		case r.Scope == "org" && grant("msp", "*", r.Role) && !placed(org, r.ID, msp):
			looked["org:"+r.ID] = true
		}
	}
	return len(looked)
}

// getJSON reads one answer straight from a simulator, before the measured
// runs (request counts are diffed around each run).
func getJSON(url, authorization string, out any) error {
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", authorization)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, res.Status)
	}
	return json.NewDecoder(res.Body).Decode(out)
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
