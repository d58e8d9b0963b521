package httpx

// Credentials are what the user configured for one platform: a token, or a
// username and password. Every platform's authenticator takes this one type.
type Credentials struct {
	Token, Username, Password string
}
