using System;
using System.Collections.Generic;
using System.Linq;

namespace GenesysSync.Http;

/// <summary>
/// A Genesys Cloud region: a short name (as the SDKs' region enums, with dashes) and the domain
/// under which the org's api/login/apps hosts live.
/// </summary>
public sealed class GenesysRegion
{
    private GenesysRegion(string name, string domain)
    {
        Name = name;
        Domain = domain;
    }

    /// <summary>Short name, e.g. "us-east-1".</summary>
    public string Name { get; }

    /// <summary>Domain, e.g. "mypurecloud.com".</summary>
    public string Domain { get; }

    public Uri ApiBaseUri => new("https://api." + Domain);
    public Uri LoginBaseUri => new("https://login." + Domain);
    /// <summary>Host of the multipart upload endpoints (contact-list CSV import).</summary>
    public Uri AppsBaseUri => new("https://apps." + Domain);

    /// <summary>Every known region, in the SDKs' order.</summary>
    public static IReadOnlyList<GenesysRegion> All { get; } = new[]
    {
        new GenesysRegion("us-east-1", "mypurecloud.com"),
        new GenesysRegion("us-east-2", "use2.us-gov-pure.cloud"), // FedRAMP
        new GenesysRegion("us-west-2", "usw2.pure.cloud"),
        new GenesysRegion("ca-central-1", "cac1.pure.cloud"),
        new GenesysRegion("sa-east-1", "sae1.pure.cloud"),
        new GenesysRegion("mx-central-1", "mxc1.pure.cloud"),
        new GenesysRegion("eu-west-1", "mypurecloud.ie"),
        new GenesysRegion("eu-west-2", "euw2.pure.cloud"),
        new GenesysRegion("eu-central-1", "mypurecloud.de"),
        new GenesysRegion("eu-central-2", "euc2.pure.cloud"),
        new GenesysRegion("eusc-de-east-1", "edee1.eusc-pure.cloud"),
        new GenesysRegion("me-central-1", "mec1.pure.cloud"),
        new GenesysRegion("ap-south-1", "aps1.pure.cloud"),
        new GenesysRegion("ap-southeast-1", "apse1.pure.cloud"),
        new GenesysRegion("ap-southeast-2", "mypurecloud.com.au"),
        new GenesysRegion("ap-northeast-1", "mypurecloud.jp"),
        new GenesysRegion("ap-northeast-2", "apne2.pure.cloud"),
        new GenesysRegion("ap-northeast-3", "apne3.pure.cloud"),
    };

    /// <summary>Short names, for tab completion and error messages.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(r => r.Name).ToArray();

    /// <summary>
    /// Finds a region by short name ("eu-central-1", also "eu_central_1"), domain ("mypurecloud.de"),
    /// host ("api.mypurecloud.de", "login.mypurecloud.de") or URL ("https://api.mypurecloud.de/").
    /// </summary>
    /// <exception cref="ArgumentException">Unknown region; the message lists the valid names.</exception>
    public static GenesysRegion Resolve(string nameOrDomain)
    {
        if (TryResolve(nameOrDomain, out var region)) return region;
        throw new ArgumentException(
            $"Unknown Genesys Cloud region '{nameOrDomain}'. Use a region name ({string.Join(", ", Names)}) " +
            "or its domain (for example mypurecloud.com or usw2.pure.cloud).",
            nameof(nameOrDomain));
    }

    public static bool TryResolve(string? nameOrDomain, out GenesysRegion region)
    {
        region = null!;
        if (string.IsNullOrWhiteSpace(nameOrDomain)) return false;
        var text = nameOrDomain!.Trim().TrimEnd('/', '.').ToLowerInvariant();

        var byName = All.FirstOrDefault(r => r.Name == text.Replace('_', '-'));
        if (byName != null) { region = byName; return true; }

        // Accept a URL or a bare host; strip a known host prefix to get the domain.
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host)) text = uri.Host;
        foreach (var prefix in new[] { "api.", "login.", "apps." })
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal) && All.Any(r => r.Domain == text.Substring(prefix.Length)))
            {
                text = text.Substring(prefix.Length);
                break;
            }
        }

        var byDomain = All.FirstOrDefault(r => r.Domain == text);
        if (byDomain == null) return false;
        region = byDomain;
        return true;
    }

    public override string ToString() => $"{Name} ({Domain})";
}
