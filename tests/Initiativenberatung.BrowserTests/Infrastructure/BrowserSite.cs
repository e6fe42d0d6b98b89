using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace Initiativenberatung.BrowserTests.Infrastructure;

/// <summary>
/// Once per test run: the site on Kestrel with a fresh temporary database, Playwright's driver and one headless
/// Debian Chromium. Tests open their own browser contexts (cheap) against <see cref="BaseAddress"/>.
/// A missing browser or axe-core fails the run with a clear message; nothing is skipped.
/// </summary>
public static class BrowserSite
{
    private static SiteFactory? _factory;
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;
    private static string? _dataDirectory;
    private static Uri? _baseAddress;

    public static Uri BaseAddress => _baseAddress ?? throw NotStarted();

    public static IBrowser Browser => _browser ?? throw NotStarted();

    public static IPlaywright Playwright => _playwright ?? throw NotStarted();

    /// <summary>The running site's services (e.g. to create a back-office user for a test).</summary>
    public static IServiceProvider Services => _factory?.Services ?? throw NotStarted();

    public static string AxeScript { get; private set; } = "";

    internal static async Task StartAsync()
    {
        // Check the prerequisites first: a clear message beats a stack trace from deep inside Playwright.
        var chromium = TestEnvironment.RequireChromium();
        AxeScript = await File.ReadAllTextAsync(TestEnvironment.RequireAxeScript());

        _dataDirectory = Path.Combine(Path.GetTempPath(), "initiativenberatung-browsertests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dataDirectory);
        _factory = new SiteFactory(TestEnvironment.RepositoryRoot, _dataDirectory);
        _baseAddress = _factory.Start();
        await TestContext.Progress.WriteLineAsync($"Site on {_baseAddress} (content root {TestEnvironment.RepositoryRoot}, data {_dataDirectory})");
        await WarmUpAsync(_baseAddress);

        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = TestEnvironment.ChromiumArgs,
        });
        await TestContext.Progress.WriteLineAsync($"Chromium {_browser.Version} from {chromium}");
    }

    /// <summary>
    /// Requests the main pages once before the first test, so no test pays for the cold start (first JIT, view
    /// activation, client bundle from disk) within its own timeouts on a busy machine.
    /// </summary>
    private static async Task WarmUpAsync(Uri baseAddress)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        foreach (var path in new[] { "/", "/umbraco/login", "/umbraco/lib/uui.js", "/css/site.css" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.That(response.IsSuccessStatusCode, Is.True, $"warm-up GET {path} answered {(int)response.StatusCode}");
        }
    }

    internal static async Task StopAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            await _browser.DisposeAsync();
            _browser = null;
        }

        _playwright?.Dispose();
        _playwright = null;

        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            _factory = null;
        }

        if (_dataDirectory is not null)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException exception)
            {
                await TestContext.Progress.WriteLineAsync($"Could not delete {_dataDirectory}: {exception.Message}");
            }

            _dataDirectory = null;
        }
    }

    /// <summary>A fresh browser context on the site: own cookies, CSP bypassed so axe-core can be injected.</summary>
    public static async Task<IBrowserContext> NewContextAsync(bool javaScriptEnabled = true, int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            JavaScriptEnabled = javaScriptEnabled,
            BypassCSP = true,
            Locale = "de-DE",
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });

        // Pages are server-rendered from an in-memory snapshot: anything slower than this is a hang, not a slow page.
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(30_000);
        return context;
    }

    private static InvalidOperationException NotStarted() =>
        new("The browser test site is not running: BrowserSiteSetUp.OneTimeSetUp failed or did not run (see its error).");
}
