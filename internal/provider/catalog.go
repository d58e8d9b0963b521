package provider

// Block is what tools outside the provider (cmd/whoami-simulator,
// cmd/whoami-bench) need to know of one platform's configuration, so that
// none of them keeps its own table of attribute or variable names.
type Block struct {
	// Key is the block name ("qumulo"); Name is how messages name the platform.
	Key, Name string
	// TokenAttribute is the token credential's attribute ("access_token").
	TokenAttribute string
	// EndpointEnv, TokenEnv, UsernameEnv and PasswordEnv are the variables
	// read for each setting, the first set winning.
	EndpointEnv, TokenEnv, UsernameEnv, PasswordEnv []string
	// CACertEnv are the variables read for the CA certificate.
	CACertEnv []string
	// Environment is every variable the platform reads.
	Environment []string
}

// Blocks describes every platform, in the registry's order.
func Blocks() []Block {
	out := make([]Block, 0, len(platforms))
	for _, p := range platforms {
		out = append(out, Block{Key: p.key, Name: p.name, TokenAttribute: p.tokenAttr,
			EndpointEnv: p.env.Endpoint, TokenEnv: p.env.Token, UsernameEnv: p.env.Username, PasswordEnv: p.env.Password,
			CACertEnv:   p.env.CACert,
			Environment: p.env.all()})
	}
	return out
}
