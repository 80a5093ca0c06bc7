using GenesysSync.Http;

namespace GenesysSync.Tests.Client;

public sealed class RegionAndOptionsTests
{
    public static readonly TheoryData<string, string> Regions = new()
    {
        { "us-east-1", "mypurecloud.com" },
        { "us-east-2", "use2.us-gov-pure.cloud" },
        { "us-west-2", "usw2.pure.cloud" },
        { "ca-central-1", "cac1.pure.cloud" },
        { "sa-east-1", "sae1.pure.cloud" },
        { "mx-central-1", "mxc1.pure.cloud" },
        { "eu-west-1", "mypurecloud.ie" },
        { "eu-west-2", "euw2.pure.cloud" },
        { "eu-central-1", "mypurecloud.de" },
        { "eu-central-2", "euc2.pure.cloud" },
        { "eusc-de-east-1", "edee1.eusc-pure.cloud" },
        { "me-central-1", "mec1.pure.cloud" },
        { "ap-south-1", "aps1.pure.cloud" },
        { "ap-southeast-1", "apse1.pure.cloud" },
        { "ap-southeast-2", "mypurecloud.com.au" },
        { "ap-northeast-1", "mypurecloud.jp" },
        { "ap-northeast-2", "apne2.pure.cloud" },
        { "ap-northeast-3", "apne3.pure.cloud" },
    };

    [Theory]
    [MemberData(nameof(Regions))]
    public void Every_region_resolves_by_name_domain_host_and_url(string name, string domain)
    {
        foreach (var input in new[] { name, name.ToUpperInvariant(), name.Replace('-', '_'), domain, "api." + domain, "login." + domain, $"https://api.{domain}/", $" {domain}. " })
        {
            var region = GenesysRegion.Resolve(input);
            Assert.Equal(name, region.Name);
            Assert.Equal(domain, region.Domain);
            Assert.Equal(new Uri($"https://api.{domain}"), region.ApiBaseUri);
            Assert.Equal(new Uri($"https://login.{domain}"), region.LoginBaseUri);
        }
    }

    [Fact]
    public void Region_list_is_complete_and_unique()
    {
        Assert.Equal(Regions.Count(), GenesysRegion.All.Count);
        Assert.Equal(GenesysRegion.All.Count, GenesysRegion.All.Select(r => r.Domain).Distinct().Count());
    }

    [Theory]
    [InlineData("us-east-9")]
    [InlineData("example.com")]
    [InlineData("api.example.com")]
    [InlineData("")]
    public void Unknown_region_names_the_valid_ones(string input)
    {
        var ex = Assert.Throws<ArgumentException>(() => GenesysRegion.Resolve(input));
        Assert.Contains("us-east-1", ex.Message);
        Assert.Contains("ap-southeast-2", ex.Message);
        Assert.Contains("Unknown Genesys Cloud region", ex.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("http://localhost:8080")]
    [InlineData("http://[::1]:9000")]
    [InlineData("https://api.mypurecloud.com")]
    [InlineData("https://emulator.example")]
    public void Https_or_loopback_http_is_accepted(string url)
        => ValidOptions(url).Validate();

    [Theory]
    [InlineData("http://api.mypurecloud.com")]
    [InlineData("http://10.0.0.5:5000")]
    [InlineData("http://localhost.evil.com")]
    [InlineData("ftp://127.0.0.1")]
    public void Plain_http_to_a_remote_host_is_refused(string url)
    {
        var ex = Assert.Throws<ArgumentException>(() => ValidOptions(url).Validate());
        Assert.Contains("must use https", ex.Message);
    }

    [Fact]
    public async Task Connect_refuses_http_before_sending_anything()
    {
        using var f = new ClientFixture();
        f.Options.ApiBaseUri = new Uri("http://api.mypurecloud.de");
        await Assert.ThrowsAsync<ArgumentException>(f.ConnectAsync);
        Assert.Equal(0, f.Fake.TokenCalls);
    }

    [Fact]
    public void Options_need_a_credential_and_sane_numbers()
    {
        var o = ValidOptions("https://api.mypurecloud.com");
        o.Credentials = Array.Empty<OAuthClientCredential>();
        Assert.Contains("credential", Assert.Throws<ArgumentException>(o.Validate).Message);
        o = ValidOptions("https://api.mypurecloud.com");
        o.RequestsPerMinute = 0;
        Assert.Contains("RequestsPerMinute", Assert.Throws<ArgumentException>(o.Validate).Message);
    }

    [Fact]
    public void UseRegion_sets_api_login_and_apps_hosts()
    {
        var o = new GenesysClientOptions().UseRegion(GenesysRegion.Resolve("eu-central-1"));
        Assert.Equal("https://api.mypurecloud.de/", o.ApiBaseUri!.ToString());
        Assert.Equal("https://login.mypurecloud.de/", o.LoginBaseUri!.ToString());
        Assert.Equal("https://apps.mypurecloud.de/", o.AppsBaseUri!.ToString());
    }

    private static GenesysClientOptions ValidOptions(string api) => new()
    {
        ApiBaseUri = new Uri(api),
        LoginBaseUri = new Uri(api),
        Credentials = new[] { new OAuthClientCredential("id", "secret") },
    };
}
