package provider

// platforms is the registry: one line per platform.
var platforms = []*platform{
	qumuloPlatform,
	ecePlatform,
	mistPlatform,
	awxPlatform,
	faynosyncPlatform,
}
