package main

import (
	"fmt"
	"slices"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/provider"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/registry"
)

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

// startSims starts every platform of the registry with its benchmark fixture,
// configured through the provider block's token attribute with the Token demo
// account. Each simulator package knows its benchmark requirements and what
// its API makes them cost (simulator.Platform's Bench).
func startSims() ([]*sim, error) {
	blocks := provider.Blocks()
	var sims []*sim
	for _, p := range registry.Platforms {
		i := slices.IndexFunc(blocks, func(b provider.Block) bool { return b.Key == p.Key })
		if i < 0 || p.Bench.Cost == nil {
			closeSims(sims)
			return nil, fmt.Errorf("the simulated platform %q needs a provider block and a Bench.Cost", p.Key)
		}
		cost := p.Bench.Cost(p.Bench.Required)
		sims = append(sims, &sim{key: p.Key, srv: simulator.Start(p.BenchHandler(), simulator.Options{}),
			tokenAttr: blocks[i].TokenAttribute, token: p.Token.Token, required: p.Bench.Required,
			minimum: cost.Minimum, chain: cost.Chain, why: cost.Why})
	}
	return sims, nil
}

func closeSims(sims []*sim) {
	for _, s := range sims {
		s.srv.Close()
	}
}
