using System.Net;
using Initiativenberatung.Core.Users;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Initiativenberatung.Web.BackOffice.Users;
using Initiativenberatung.Web.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.BackOffice.Users;

/// <summary>The CLI verbs <c>users add</c> and <c>users list</c> against the real database.</summary>
[TestFixture]
public sealed class UsersCommandsTests
{
    private CmsWebApplicationFactory _factory = null!;

    [OneTimeSetUp]
    public void StartSite() => _factory = new CmsWebApplicationFactory();

    [OneTimeTearDown]
    public void StopSite() => _factory.Dispose();

    [Test]
    public async Task Creates_a_user_who_can_sign_in_When_users_add_gets_valid_arguments()
    {
        var (code, output) = await RunAsync<UsersAddCommand>("--email", "betrieb.cli@example.org", "--password", "Ringelblume-Feldweg-42", "--role", "editor", "--name", "Betrieb CLI");

        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain("Benutzer betrieb.cli@example.org angelegt (Rolle Editor"));
        Assert.That(await _factory.RolesOfAsync("betrieb.cli@example.org"), Is.EqualTo(new[] { BackOfficeRoles.Editor }));
        using var client = _factory.NewClient();
        using var login = await client.PostLoginAsync("betrieb.cli@example.org", "Ringelblume-Feldweg-42");
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
    }

    [Test]
    public async Task Exits_with_1_and_one_german_message_per_problem_When_the_rules_fail()
    {
        var (code, output) = await RunAsync<UsersAddCommand>("--email", "kaputt", "--password", "passwort", "--role", "Chef");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(output, Does.Contain("Fehler: Die E-Mail-Adresse „kaputt“ ist ungültig"));
            Assert.That(output, Does.Contain("Fehler: Die Rolle „Chef“ gibt es nicht."));
            Assert.That(output, Does.Contain("Fehler: Das Passwort muss mindestens 12 Zeichen lang sein."));
        });
    }

    [Test]
    public async Task Exits_with_1_When_the_email_is_taken()
    {
        await _factory.AddUserAsync("doppelt@example.org", BackOfficeRoles.Staff);

        var (code, output) = await RunAsync<UsersAddCommand>("--email", "doppelt@example.org", "--password", "Ringelblume-Feldweg-43", "--role", "Staff");

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain("wird bereits von einem anderen Benutzer verwendet"));
    }

    [TestCase(new[] { "--email", "x@example.org", "--role", "Editor" }, "--password fehlt")]
    [TestCase(new[] { "--email", "x@example.org", "--password", "Ringelblume-Feldweg-44", "--role" }, "--role fehlt")]
    [TestCase(new[] { "--email", "x@example.org", "--password", "Ringelblume-Feldweg-44", "--role", "Editor", "--admin" }, "Unbekannte Option „--admin“")]
    [TestCase(new[] { "extra", "--email", "x@example.org" }, "Unerwartetes Argument „extra“")]
    public void Reports_bad_arguments_for_exit_code_2_When_options_are_missing_or_unknown(string[] args, string message)
    {
        // CliHost turns an ArgumentException into exit code 2 with the usage line.
        var exception = Assert.ThrowsAsync<ArgumentException>(() => RunAsync<UsersAddCommand>(args));

        Assert.That(exception!.Message, Does.Contain(message));
    }

    [Test]
    public async Task Lists_users_with_role_and_state_When_users_list_runs()
    {
        await _factory.AddUserAsync("liste@example.org", BackOfficeRoles.Staff);

        var (code, output) = await RunAsync<UsersListCommand>();

        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain("liste@example.org").And.Contain("Staff").And.Contain("aktiv").And.Contain("nie"));
    }

    [Test]
    public void Knows_the_users_verb_When_the_process_starts_with_it() =>
        Assert.That(CliHost.IsCliInvocation(["users", "add"], CliHost.KnownVerbs), Is.True);

    private async Task<(int Code, string Output)> RunAsync<TCommand>(params string[] args)
        where TCommand : ICliCommand
    {
        var command = _factory.Services.GetServices<ICliCommand>().OfType<TCommand>().Single();
        await using var scope = _factory.Services.CreateAsyncScope();
        await using var output = new StringWriter();
        var code = await command.RunAsync(new CliArguments(args), scope.ServiceProvider, output, CancellationToken.None);
        return (code, output.ToString());
    }
}
