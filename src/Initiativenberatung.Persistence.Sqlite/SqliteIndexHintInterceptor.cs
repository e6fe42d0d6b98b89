using System.Data.Common;
using Initiativenberatung.Infrastructure.Forms.Entries;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Initiativenberatung.Persistence.Sqlite;

/// <summary>
/// Turns the query tag <see cref="FormEntryQueryHints.StateIndexTag"/> into SQLite's <c>INDEXED BY</c>, because SQLite's
/// planner prefers the date index for a state-and-date query and then tests every row of the range for the state
/// (measured: 2.5–3 s per entries page sorted by state with 1,000,000 entries; with the hint a few milliseconds).
/// Only tagged commands are touched.
/// </summary>
public sealed class SqliteIndexHintInterceptor : DbCommandInterceptor
{
    public static readonly SqliteIndexHintInterceptor Instance = new();

    private const string Marker = "-- " + FormEntryQueryHints.StateIndexTag;
    private const string From = "FROM \"FormEntries\" AS \"f\"";
    private const string Hinted = From + " INDEXED BY \"" + FormEntryQueryHints.StateIndexName + "\"";

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Apply(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Apply(command);
        return ValueTask.FromResult(result);
    }

    /// <summary>Adds the hint to a tagged command (once); returns whether it did.</summary>
    public static bool Apply(DbCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var text = command.CommandText;
        if (!text.StartsWith(Marker, StringComparison.Ordinal) || text.Contains(Hinted, StringComparison.Ordinal))
        {
            return false;
        }

        var at = text.IndexOf(From, StringComparison.Ordinal);
        if (at < 0)
        {
            return false;
        }

        command.CommandText = string.Concat(text.AsSpan(0, at), Hinted, text.AsSpan(at + From.Length));
        return true;
    }
}
