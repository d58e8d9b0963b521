package provider

// platforms is the registry: one line per platform.
var platforms = []platformInfo{
	qumuloPlatform,
	ecePlatform,
	mistPlatform,
	awxPlatform,
	faynosyncPlatform,
}
