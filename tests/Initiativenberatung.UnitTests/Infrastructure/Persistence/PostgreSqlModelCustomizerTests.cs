using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Forms;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.Persistence.PostgreSql;
using Microsoft.EntityFrameworkCore;

namespace Initiativenberatung.UnitTests.Infrastructure.Persistence;

/// <summary>The PostgreSQL model (built without a server): DateTime columns hold UTC as <c>timestamp without time zone</c>.</summary>
[TestFixture]
public sealed class PostgreSqlModelCustomizerTests
{
    private static CmsDbContext Context()
    {
        var builder = new DbContextOptionsBuilder<CmsDbContext>();
        PostgreSqlPersistence.Configure(builder, "Host=localhost;Database=unit;Username=nobody");
        return new CmsDbContext(builder.Options);
    }

    [Test]
    public void Maps_every_DateTime_column_to_timestamp_without_time_zone_When_the_provider_is_PostgreSql()
    {
        using var db = Context();
        var columns = db.Model.GetEntityTypes()
            .Where(t => !t.IsMappedToJson())
            .SelectMany(t => t.GetProperties())
            .Where(p => p.ClrType == typeof(DateTime) || p.ClrType == typeof(DateTime?))
            .ToList();

        Assert.That(columns, Has.Count.GreaterThan(5));
        Assert.That(columns.Select(p => p.GetColumnType()), Has.All.EqualTo(PostgreSqlModelCustomizer.TimestampColumnType));
    }

    [Test]
    public void Stores_UTC_with_the_kind_dropped_When_a_UTC_or_local_time_is_written()
    {
        using var db = Context();
        var converter = db.Model.FindEntityType(typeof(FormEntry))!.FindProperty(nameof(FormEntry.SubmittedOn))!.GetValueConverter()!;
        var utc = new DateTime(2026, 11, 26, 10, 30, 0, DateTimeKind.Utc);

        var fromUtc = (DateTime)converter.ConvertToProvider(utc)!;
        var fromLocal = (DateTime)converter.ConvertToProvider(utc.ToLocalTime())!;
        var unspecified = (DateTime)converter.ConvertToProvider(DateTime.SpecifyKind(utc, DateTimeKind.Unspecified))!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(fromUtc, Is.EqualTo(DateTime.SpecifyKind(utc, DateTimeKind.Unspecified)));
            Assert.That(fromUtc.Kind, Is.EqualTo(DateTimeKind.Unspecified), "Npgsql refuses UTC kinds for timestamp columns");
            Assert.That(fromLocal, Is.EqualTo(fromUtc));
            Assert.That(unspecified, Is.EqualTo(fromUtc));
            Assert.That(db.Model.FindEntityType(typeof(AuditEntry))!.FindProperty(nameof(AuditEntry.Timestamp))!.GetColumnType(),
                Is.EqualTo("timestamp without time zone"));
        }
    }
}
