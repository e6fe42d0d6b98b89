using Initiativenberatung.IntegrationTests.Infrastructure;

namespace Initiativenberatung.IntegrationTests.Persistence;

/// <summary>
/// Starts one PostgreSQL server for the tests of this namespace and removes it afterwards. Without PostgreSQL binaries
/// (and without <see cref="PostgreSqlTestServer.ExistingServerVariable"/>) the setup throws, so those tests fail, never skip.
/// </summary>
[SetUpFixture]
public sealed class PostgreSqlTestRun
{
    private static PostgreSqlTestServer? _server;

    public static PostgreSqlTestServer Server =>
        _server ?? throw new InvalidOperationException("Der PostgreSQL-Testserver läuft nicht (OneTimeSetUp von PostgreSqlTestRun fehlgeschlagen).");

    [OneTimeSetUp]
    public async Task StartServer() => _server = await PostgreSqlTestServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopServer()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
            _server = null;
        }
    }
}
