namespace GenesysSync.Tests;

public class SmokeTests
{
    [Fact]
    public void ScaledClockRunsFaster()
    {
        var clock = new GenesysSync.Time.ScaledTimeProvider(1000);
        var t0 = clock.GetUtcNow();
        System.Threading.SpinWait.SpinUntil(() => false, 20);
        Assert.True(clock.GetUtcNow() - t0 >= TimeSpan.FromSeconds(10));
    }
}
