using Initiativenberatung.BrowserTests.Infrastructure;

namespace Initiativenberatung.BrowserTests;

/// <summary>
/// Starts <see cref="BrowserSite"/> before the first test in this namespace (and below) and stops it after the last.
/// It lives in the root namespace of the test assembly so that it covers every browser test.
/// </summary>
[SetUpFixture]
public sealed class BrowserSiteSetUp
{
    [OneTimeSetUp]
    public Task StartAsync() => BrowserSite.StartAsync();

    [OneTimeTearDown]
    public Task StopAsync() => BrowserSite.StopAsync();
}
