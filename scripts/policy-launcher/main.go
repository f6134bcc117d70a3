// Command policy-launcher takes the place of `pulumi-language-nodejs` beside a Pulumi CLI built from the Go module
// proxy, which serves the CLI (github.com/pulumi/pulumi/pkg/v3) but not the Node.js language host's module. Since
// CLI v3.221 a policy pack in a directory starts only through its runtime's language host (the engine calls
// LanguageRuntime.RunPlugin with kind "analyzer"); v3.274.1 has no other launcher. This one does only that: it
// starts the pack's own `@pulumi/pulumi/cmd/run-policy-pack` with node, in the pack's directory, with the
// environment the Node.js host sets, behind the SDK's own PolicyProxy (github.com/pulumi/pulumi/sdk/v3), which
// answers the engine's ConfigureStack before the pack starts and then forwards every Analyzer call to it. The
// requests, their contents and the handling of the answers all stay the real engine's. Every other
// LanguageRuntime call is refused: this is not a host for programs.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"

	"github.com/google/shlex"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"

	sdk "github.com/pulumi/pulumi/sdk/v3"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// version is what GetPluginInfo reports; set with -ldflags to the CLI version it is built beside.
var version = "0.0.0"

type launcher struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
}

func main() {
	// The engine passes logging and tracing flags before the engine address; none of them changes what we run.
	flags := flag.NewFlagSet("pulumi-language-nodejs", flag.ContinueOnError)
	flags.String("tracing", "", "ignored")
	flags.Bool("logtostderr", false, "ignored")
	flags.Int("v", 0, "ignored")
	flags.Bool("logflow", false, "ignored")
	showVersion := flags.Bool("version", false, "print the version and exit")
	if err := flags.Parse(os.Args[1:]); err != nil {
		os.Exit(2)
	}
	if *showVersion {
		// Says what it is, so no report mistakes it for the Node.js language host.
		fmt.Printf("v%s (trailwatch policy launcher, not the Node.js language host)\n", version)
		return
	}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, &launcher{})
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs (trailwatch policy launcher): %v\n", err)
		os.Exit(1)
	}
	// The engine reads the port from the first line of stdout.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs (trailwatch policy launcher): %v\n", err)
		os.Exit(1)
	}
}

func (l *launcher) Handshake(context.Context, *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (l *launcher) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

func (l *launcher) RunPlugin(req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer) error {
	if req.Kind != string(apitype.AnalyzerPlugin) {
		return status.Errorf(codes.Unimplemented,
			"this pulumi-language-nodejs is trailwatch's policy launcher and only starts policy packs, not %q plugins",
			req.Kind)
	}
	ctx := server.Context()
	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(server, false)
	if err != nil {
		return err
	}
	defer closer.Close()

	node, err := exec.LookPath("node")
	if err != nil {
		return fmt.Errorf("node is not on PATH: %w", err)
	}
	dir := req.Info.ProgramDirectory
	options := req.Info.Options.AsMap()

	env := append([]string{}, req.Env...)
	// As the Node.js host: TypeScript unless PulumiPolicy.yaml's runtime options say `typescript: false`.
	if ts, ok := options["typescript"].(bool); !ok || ts {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if tsconfig, ok := options["tsconfig"].(string); ok && tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+tsconfig)
	}
	nodeargs, _ := options["nodeargs"].(string)
	extra, err := shlex.Split(nodeargs)
	if err != nil {
		return fmt.Errorf("PulumiPolicy.yaml runtime option nodeargs: %w", err)
	}

	runPath, err := resolveModule(ctx, node, dir, "@pulumi/pulumi/cmd/run-policy-pack")
	if err != nil {
		return err
	}
	// A pack takes the program directory last (other plugins take it first).
	args := append(append(append([]string{runPath}, extra...), req.Args...), dir)

	// The proxy takes the engine's ConfigureStack, whose contents reach the pack as environment variables.
	proxy, stdout, err := sdk.NewPolicyProxy(ctx, stdout)
	if err != nil {
		return fmt.Errorf("could not start policy pack proxy: %w", err)
	}
	config, err := proxy.AwaitConfiguration(ctx)
	if err != nil {
		return fmt.Errorf("could not get stack configuration: %w", err)
	}
	if config != nil {
		set := func(k, v string) {
			if v != "" {
				env = append(env, k+"="+v)
			}
		}
		set("PULUMI_NODEJS_ORGANIZATION", config.Organization)
		set("PULUMI_NODEJS_PROJECT", config.Project)
		set("PULUMI_NODEJS_STACK", config.Stack)
		set("PULUMI_NODEJS_DRY_RUN", strconv.FormatBool(config.DryRun))
		if len(config.Config) > 0 {
			b, err := json.Marshal(config.Config)
			if err != nil {
				return fmt.Errorf("could not encode stack configuration: %w", err)
			}
			set("PULUMI_CONFIG", string(b))
		}
	}

	cmd := exec.CommandContext(ctx, node, args...)
	cmd.Dir = dir // packs have always run in their own directory
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Start(); err != nil {
		proxy.Abort(err)
		return fmt.Errorf("could not start node: %w", err)
	}
	if err := proxy.Attach(ctx, cmd); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return fmt.Errorf("Program exited with non-zero exit code: %d", exit.ExitCode())
		}
		return err
	}
	return closer.Close()
}

// resolveModule asks node where `mod` resolves from `dir`, as the pack's own require would.
func resolveModule(ctx context.Context, node, dir, mod string) (string, error) {
	cmd := exec.CommandContext(ctx, node, "-e", "process.stdout.write(require.resolve(process.argv[1]))", mod)
	cmd.Dir = dir
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("it looks like the policy pack's dependencies are not installed; "+
			"try running npm install in %q (%s cannot be resolved)", dir, mod)
	}
	return out.String(), nil
}
