using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Threading.Tasks;
using Polly;

namespace GenesysSync.Diagnostics;

/// <summary>One third-party dependency, exercised for real inside the loaded module.</summary>
public sealed class DependencyStatus
{
    public string Name { get; internal set; } = "";
    public string Version { get; internal set; } = "";
    public string Location { get; internal set; } = "";
    public bool Ok { get; internal set; }
    public string Detail { get; internal set; } = "";
}

/// <summary>
/// Proves every dependency loads and works where the module runs (Test-GenesysConnection shows
/// it; tests call it through an imported module). Each check does real work, not just a load.
/// </summary>
public static class DependencyCheck
{
    public static IReadOnlyList<DependencyStatus> Run()
    {
        return new[]
        {
            Check(typeof(Polly.ResiliencePipeline).Assembly, "Polly.Core", () =>
            {
                var attempts = 0;
                var pipeline = new Polly.ResiliencePipelineBuilder()
                    .AddRetry(new Polly.Retry.RetryStrategyOptions { MaxRetryAttempts = 2, Delay = TimeSpan.Zero })
                    .Build();
                pipeline.Execute(() => { if (++attempts < 2) throw new InvalidOperationException("first attempt fails"); });
                return "retried " + (attempts - 1).ToString(CultureInfo.InvariantCulture) + " time(s)";
            }),
            Check(typeof(PhoneNumbers.PhoneNumberUtil).Assembly, "libphonenumber-csharp", () =>
            {
                var util = PhoneNumbers.PhoneNumberUtil.GetInstance();
                return util.Format(util.Parse("(415) 555-2671", "US"), PhoneNumbers.PhoneNumberFormat.E164);
            }),
            Check(typeof(CsvHelper.CsvReader).Assembly, "CsvHelper", () =>
            {
                using var reader = new StringReader("Id,Name\n1,\"Smith, Jo\"\n");
                using var csv = new CsvHelper.CsvReader(reader, CultureInfo.InvariantCulture);
                csv.Read();
                csv.ReadHeader();
                csv.Read();
                return csv.GetField("Name") ?? "";
            }),
            Check(typeof(System.Text.Json.JsonSerializer).Assembly, "System.Text.Json", () =>
                System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["workEmail"] = "a@example.com" })),
            Check(typeof(Microsoft.Data.Sqlite.SqliteConnection).Assembly, "Microsoft.Data.Sqlite", () =>
            {
                using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "select sqlite_version()";
                return "SQLite " + Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture);
            }),
        };
    }

    private static DependencyStatus Check(Assembly assembly, string name, Func<string> work)
    {
        var status = new DependencyStatus
        {
            Name = name,
            Version = assembly.GetName().Version?.ToString() ?? "",
            Location = assembly.Location,
        };
        try
        {
            status.Detail = work();
            status.Ok = true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            status.Detail = ex.GetType().Name + ": " + ex.Message;
        }
        return status;
    }
}
