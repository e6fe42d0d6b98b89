using System.Data.Common;
using Initiativenberatung.Core.Forms;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Initiativenberatung.Persistence.Sqlite;

/// <summary>
/// Registers <c>ib_form_entry_search_text(valuesJson)</c> on every opened connection: the .NET case folding of
/// <see cref="FormEntrySearch"/> as an SQL function (SQLite's own <c>lower()</c> knows ASCII only). The migration that adds
/// <c>FormEntries.SearchText</c> fills existing entries with it, so old and new entries are folded alike.
/// </summary>
public sealed class SqliteSearchTextFunction : DbConnectionInterceptor
{
    public const string FunctionName = "ib_form_entry_search_text";

    public static SqliteSearchTextFunction Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Register(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Register(connection);
        return Task.CompletedTask;
    }

    private static void Register(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
        {
            sqlite.CreateFunction<string?, string>(FunctionName, FormEntrySearch.TextOf, isDeterministic: true);
        }
    }
}
