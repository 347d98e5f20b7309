using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Streaming.Deployment.Tests;

/// <summary>kubectl and the node validator (deploy/k8s/validate), run as child processes.</summary>
internal static class Tools
{
    private static readonly Lock NpmGate = new();
    private static readonly string ValidatorDir = Repository.PathOf("deploy/k8s/validate");

    /// <summary>Rendered objects of a kustomization (kubectl kustomize, parsed by js-yaml).</summary>
    public static JsonArray Render(string kustomizationDir) => RunValidator("render", Repository.PathOf(kustomizationDir));

    /// <summary>All documents of a YAML file.</summary>
    public static JsonArray YamlDocuments(string relativeFile) => RunValidator("yaml2json", Repository.PathOf(relativeFile));

    private static JsonArray RunValidator(string command, string argument)
    {
        EnsureNodeModules();
        var output = Run("node", [Path.Combine(ValidatorDir, "validate.mjs"), command, argument], Repository.Root);
        return JsonNode.Parse(output)?.AsArray() ?? throw new InvalidOperationException($"validate.mjs {command} printed no JSON");
    }

    private static void EnsureNodeModules()
    {
        lock (NpmGate)
        {
            if (!File.Exists(Path.Combine(ValidatorDir, "node_modules", "js-yaml", "package.json")))
            {
                Run("npm", ["ci", "--no-audit", "--no-fund"], ValidatorDir);
            }
        }
    }

    public static string Run(string fileName, IReadOnlyList<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"'{fileName}' is needed on PATH for the deployment tests: {ex.Message}", ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in 3 minutes");
            }
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{stderr.Result}");
            }
            return stdout.Result;
        }
    }
}
