using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Initiativenberatung.Persistence.PostgreSql;

/// <summary>
/// PostgreSQL specifics on top of the provider-neutral model: every <see cref="DateTime"/> column is
/// <c>timestamp without time zone</c> holding UTC, like the SQLite text columns. The app writes UTC
/// (<see cref="DateTimeKind.Utc"/>) and compares with dates of <see cref="DateTimeKind.Unspecified"/>; Npgsql refuses
/// a UTC value for a <c>timestamp</c> column and an unspecified one for <c>timestamptz</c>, so values are stored with
/// their kind dropped (a local time is converted to UTC first) and read back as <see cref="DateTimeKind.Unspecified"/>,
/// exactly as SQLite returns them.
/// </summary>
public sealed class PostgreSqlModelCustomizer(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
{
    public const string TimestampColumnType = "timestamp without time zone";

    private static readonly ValueConverter<DateTime, DateTime> UtcAsTimestamp = new(
        ToStored(),
        v => v);

    public override void Customize(ModelBuilder modelBuilder, DbContext context)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        base.Customize(modelBuilder, context);
        foreach (var entityType in modelBuilder.Model.GetEntityTypes().Where(t => !t.IsMappedToJson()))
        {
            foreach (var property in entityType.GetProperties().Where(p => p.ClrType == typeof(DateTime) || p.ClrType == typeof(DateTime?)))
            {
                property.SetColumnType(TimestampColumnType);
                property.SetValueConverter(UtcAsTimestamp);
            }
        }
    }

    /// <summary>The stored value: the UTC time with its kind dropped.</summary>
    private static Expression<Func<DateTime, DateTime>> ToStored() =>
        v => DateTime.SpecifyKind(v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : v, DateTimeKind.Unspecified);
}
