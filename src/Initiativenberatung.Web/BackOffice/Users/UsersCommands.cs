using Initiativenberatung.Infrastructure.Users;
using System.Globalization;
using Initiativenberatung.Core.Time;
using Initiativenberatung.Core.Users;
using Initiativenberatung.Web.Cli;

namespace Initiativenberatung.Web.BackOffice.Users;

/// <summary>
/// <c>users add --email E --password P --role R [--name N]</c>: creates a back-office user with the same rules as the
/// users section. Exit code 0 when created, 1 when a rule failed (one message per problem), 2 for wrong arguments.
/// </summary>
public sealed class UsersAddCommand : ICliCommand
{
    private static readonly string[] Options = ["email", "password", "role", "name"];

    public IReadOnlyList<string> Verb { get; } = ["users", "add"];

    public string Usage => $"users add --email E-MAIL --password PASSWORT --role {string.Join('|', BackOfficeRoles.All)} [--name NAME]   legt einen Backoffice-Benutzer an";

    public async Task<int> RunAsync(CliArguments arguments, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        UsersCommandArguments.RejectUnknown(arguments, Options);
        var email = UsersCommandArguments.Required(arguments, "email");
        var password = UsersCommandArguments.Required(arguments, "password");
        var role = UsersCommandArguments.Required(arguments, "role");
        var name = arguments.Has("name") ? UsersCommandArguments.Required(arguments, "name") : "";

        var administration = services.GetRequiredService<UserAdministration>();
        var result = await administration.CreateAsync(BackOfficeActor.CommandLine, new NewBackOfficeUser(email, name, role, password), cancellationToken);
        if (!result.Succeeded)
        {
            await output.WriteLineAsync($"Benutzer {email} wurde nicht angelegt:");
            foreach (var error in result.Errors)
            {
                await output.WriteLineAsync("  Fehler: " + error.Message);
            }

            return 1;
        }

        var canonicalRole = BackOfficeRoles.All.First(r => string.Equals(r, role.Trim(), StringComparison.OrdinalIgnoreCase));
        await output.WriteLineAsync($"Benutzer {result.User!.Email} angelegt (Rolle {canonicalRole} – {BackOfficeRoles.DisplayName(canonicalRole)}).");
        return 0;
    }
}

/// <summary><c>users list</c>: every back-office user with role and state.</summary>
public sealed class UsersListCommand : ICliCommand
{
    public IReadOnlyList<string> Verb { get; } = ["users", "list"];

    public string Usage => "users list   zeigt alle Backoffice-Benutzer mit Rolle und Status";

    public async Task<int> RunAsync(CliArguments arguments, IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        UsersCommandArguments.RejectUnknown(arguments, []);
        var all = await services.GetRequiredService<UserAdministration>().ListAsync(cancellationToken);
        if (all.Count == 0)
        {
            await output.WriteLineAsync("Noch keine Benutzer. Anlegen mit: users add --email … --password … --role Administrator");
            return 0;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{"E-Mail",-40} {"Name",-30} {"Rolle",-14} {"Status",-12} Letzte Anmeldung"));
        foreach (var user in all)
        {
            var state = user.IsDisabled ? "deaktiviert" : user.IsLockedOut ? "gesperrt" : "aktiv";
            var lastLogin = GermanTime.Format(user.LastLoginAt, "nie");
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{user.Email,-40} {user.DisplayName,-30} {user.Role,-14} {state,-12} {lastLogin}"));
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{all.Count} Benutzer."));
        return 0;
    }
}

internal static class UsersCommandArguments
{
    /// <exception cref="ArgumentException">Positional arguments or options the command does not know (exit code 2).</exception>
    public static void RejectUnknown(CliArguments arguments, IReadOnlyCollection<string> allowed)
    {
        if (arguments.Positional.Count > 0)
        {
            throw new ArgumentException($"Unerwartetes Argument „{arguments.Positional[0]}“.");
        }

        if (arguments.OptionNames.FirstOrDefault(n => !allowed.Contains(n, StringComparer.OrdinalIgnoreCase)) is { } unknown)
        {
            throw new ArgumentException($"Unbekannte Option „--{unknown}“.");
        }
    }

    /// <exception cref="ArgumentException">The option is missing or has no value (exit code 2).</exception>
    public static string Required(CliArguments arguments, string name)
    {
        var value = arguments.Get(name);
        return string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"--{name} fehlt oder hat keinen Wert.") : value;
    }
}
