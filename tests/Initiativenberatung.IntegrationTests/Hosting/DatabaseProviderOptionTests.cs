using Initiativenberatung.IntegrationTests.Infrastructure;

namespace Initiativenberatung.IntegrationTests.Hosting;

/// <summary><c>Database:Provider</c> at start: known providers only, with a German message naming the choices.</summary>
[TestFixture]
public sealed class DatabaseProviderOptionTests
{
    [Test]
    public void Stops_the_start_with_a_German_message_naming_both_providers_When_the_provider_is_unknown()
    {
        using var factory = new CmsWebApplicationFactory();
        factory.Settings["Database:Provider"] = "Oracle";

        var exception = Assert.Catch(() => factory.CreateClient().Dispose());

        Assert.That(Flatten(exception), Does.Contain("Database:Provider 'Oracle' wird nicht unterstützt").And.Contain("'Sqlite'").And.Contain("'PostgreSql'"));
    }

    [Test]
    public void Stops_the_start_with_a_German_message_When_PostgreSql_has_no_connection_string()
    {
        using var factory = new CmsWebApplicationFactory();
        factory.Settings["Database:Provider"] = "PostgreSql";
        factory.Settings["ConnectionStrings:Default"] = " ";

        var exception = Assert.Catch(() => factory.CreateClient().Dispose());

        Assert.That(Flatten(exception), Does.Contain("ConnectionStrings:Default fehlt").And.Contain("Host="));
    }

    private static string Flatten(Exception? exception)
    {
        var messages = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        return string.Join(" | ", messages);
    }
}
