using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Initiativenberatung.Persistence.Sqlite;

/// <summary>
/// Sets <c>busy_timeout</c> on every opened connection, so a writer that finds the database locked waits inside SQLite
/// (which retries after 1, 2, 5 … 100 ms) instead of Microsoft.Data.Sqlite's own retry loop, which sleeps 150 ms per
/// attempt and made concurrent survey posts and sign-ins wait far longer than the lock was held.
/// </summary>
public sealed class SqliteConnectionPragmas(int busyTimeoutMilliseconds) : DbConnectionInterceptor
{
    public const int DefaultBusyTimeoutMilliseconds = 5000;

    public int BusyTimeoutMilliseconds { get; } = busyTimeoutMilliseconds;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = CreateCommand(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private void Apply(DbConnection connection)
    {
        using var command = CreateCommand(connection);
        command.ExecuteNonQuery();
    }

    private DbCommand CreateCommand(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout={BusyTimeoutMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture)};";
        return command;
    }
}
