// Package registry lists the simulated platforms, in the provider registry's
// order: the one list the tests, the demo, the benchmark and
// cmd/whoami-simulator range over. A new platform adds one line here.
package registry

import (
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/awx"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/ece"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/faynosync"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/mist"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/qumulo"
)

// Platforms is every simulated platform.
var Platforms = []simulator.Platform{
	qumulo.Platform,
	ece.Platform,
	mist.Platform,
	awx.Platform,
	faynosync.Platform,
}

// Get returns the platform with key, and false when there is none.
func Get(key string) (simulator.Platform, bool) {
	for _, p := range Platforms {
		if p.Key == key {
			return p, true
		}
	}
	return simulator.Platform{}, false
}
