using System.Globalization;
using GenesysSync.Bench.Children;
using GenesysSync.Bench.Infrastructure;

namespace GenesysSync.Bench.Scenarios;

/// <summary>
/// Scenario 7: the same first sync of N rows through the real cmdlet in a hosted PowerShell 7 engine (the built
/// module folder imported like a user would), once fed through the pipeline as PSCustomObjects and once with
/// -Path on the CSV file. Each run is its own process, starts from an empty org and has its own state.
/// </summary>
public static class PipelineVsPath
{
    public static async Task RunAsync(BenchContext ctx)
    {
        var n = ctx.Args.Rows;
        var csv = ctx.EnsureCsv(ctx.Dataset(n), ctx.CsvPath(n, "v1"));
        if (!File.Exists(PowerShellChild.ModuleManifest))
            throw new FileNotFoundException("The module is not built; run: dotnet build src/GenesysSync", PowerShellChild.ModuleManifest);

        await using var emulator = await EmulatorProcess.StartAsync(timeScale: 1, rateLimitPerMinute: 0, ctx.Args.Seed);
        foreach (var via in new[] { "pipeline", "path" })
        {
            await emulator.Control.ResetAsync();
            var state = BenchContext.FreshState(ctx.TempPath($"state-ps-{via}-{n}.db"));
            await ctx.MeasureChildAsync(via == "pipeline" ? "pipeline-vs-path: pipeline" : "pipeline-vs-path: -Path", emulator, n, PowerShellChild.Flag, new[]
            {
                "--via", via, "--csv", csv, "--state", state, "--rows", n.ToString(CultureInfo.InvariantCulture), "--seed", ctx.Args.Seed.ToString(CultureInfo.InvariantCulture),
            });
        }
    }
}
