package mist

import (
	"context"
	"fmt"
	"testing"

	"github.com/whoami-terraform/terraform-provider-whoami/internal/privilege"
	"github.com/whoami-terraform/terraform-provider-whoami/internal/simulator"
	simmist "github.com/whoami-terraform/terraform-provider-whoami/internal/simulator/mist"
)

// The benchmarks of this file keep their names: `benchstat old.txt new.txt`
// compares runs by name (make bench writes .tools/bench/go-bench.txt).

// BenchmarkDecodeMist decodes the simulator's GET /api/v1/self answer for
// jsnow (four privilege objects, personal fields) into Self.
func BenchmarkDecodeMist(b *testing.B) {
	body := simulator.Answer(b, simmist.Demo().Handler(), selfPath, "Token "+simmist.UserToken)
	simulator.BenchDecode[Self](b, body)
}

// BenchmarkMistHolder1000Privileges lists the grants of, and checks 300
// requirements against, a caller with 1,000 privilege objects: write on 100
// orgs of one MSP and read on 900 of their sites. Every parent is placed by
// /self, so no lookup is made: the client has no HTTP layer, and a lookup
// would panic rather than go unnoticed. Of the requirements, 100 site writes
// are satisfied through their org, 100 site reads and 50 org reads directly,
// and 50 org admins are missing (no MSP grant could cover them).
func BenchmarkMistHolder1000Privileges(b *testing.B) {
	uuid := func(kind, i int) string { return fmt.Sprintf("%08x-0000-4000-8000-%012x", kind, i) }
	str := func(s string) *string { return &s }
	msp := uuid(1, 0)
	s := &Self{}
	for i := 0; i < 100; i++ {
		s.Privileges = append(s.Privileges, Privilege{Scope: str("org"), Role: str("write"), OrgID: str(uuid(2, i)), MspID: str(msp)})
	}
	for j := 0; j < 900; j++ {
		s.Privileges = append(s.Privileges, Privilege{Scope: str("site"), Role: str("read"), SiteID: str(uuid(3, j)), OrgID: str(uuid(2, j%100))})
	}
	var required []string
	for j := 0; j < 100; j++ {
		required = append(required, "site:"+uuid(3, j)+":write", "site:"+uuid(3, 100+j)+":read")
	}
	for i := 0; i < 50; i++ {
		required = append(required, "org:"+uuid(2, i)+":read", "org:"+uuid(2, 50+i)+":admin")
	}
	ctx, client := context.Background(), &Client{}
	b.ReportAllocs()
	for b.Loop() {
		if grants := Grants(s); len(grants) != 1000 {
			b.Fatalf("%d grants, want 1000", len(grants))
		}
		h, err := client.Holder(ctx, s, required)
		if err != nil {
			b.Fatal(err)
		}
		if r := privilege.Check(required, h); len(r.Missing) != 50 {
			b.Fatalf("%d missing, want 50", len(r.Missing))
		}
	}
}
