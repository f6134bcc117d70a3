module trailwatch-go

go 1.23

require (
	example.com/pulumi-trailwatch/sdk/go/trailwatch v0.0.0
	github.com/pulumi/pulumi-aws/sdk/v7 v7.0.0
	github.com/pulumi/pulumi/sdk/v3 v3.159.0
)

// Written by `pulumi package add github.com/<org>/trailwatch.git/component@v0.1.0`, which generates
// the SDK in sdks/trailwatch; run `go mod tidy` after it.
replace example.com/pulumi-trailwatch/sdk/go/trailwatch => ./sdks/trailwatch
