using Initiativenberatung.Core.Auditing;
using Initiativenberatung.Core.Content;
using Initiativenberatung.Infrastructure.Auditing;
using Initiativenberatung.Infrastructure.Content;
using Initiativenberatung.Infrastructure.Persistence;
using Initiativenberatung.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Initiativenberatung.IntegrationTests.Content;

/// <summary>Restoring from the recycle bin: the document comes back unpublished, without stale schedules.</summary>
[TestFixture]
public sealed class RestoreScheduleTests
{
    private static readonly Guid Home = new("5f0c7a2e-3b1d-4e8a-9c6f-2d4b8e1a7c30");
    private static readonly Actor Editor = new(null, "redaktion@example.org");
    private CmsWebApplicationFactory _factory = null!;

    [SetUp]
    public void StartSite() => _factory = new CmsWebApplicationFactory();

    [TearDown]
    public void StopSite() => _factory.Dispose();

    [Test]
    public async Task Clears_the_planned_unpublish_and_past_publish_dates_but_keeps_a_future_publish_When_a_page_is_restored()
    {
        var parent = await CreatePublishedPageAsync("Aktion Herbst");
        var child = await CreatePublishedPageAsync("Aktion Herbst Programm", parent);
        var now = DateTime.UtcNow;
        await using (var db = await DbAsync())
        {
            db.ContentSchedules.AddRange(
                new ContentSchedule { ContentKey = parent, Action = ContentScheduleAction.Expire, Date = now.AddDays(30), CreatedBy = Editor.UserName },
                new ContentSchedule { ContentKey = child, Action = ContentScheduleAction.Expire, Date = now.AddDays(10), CreatedBy = Editor.UserName },
                new ContentSchedule { ContentKey = parent, Action = ContentScheduleAction.Release, Date = now.AddDays(-1), CreatedBy = Editor.UserName },
                new ContentSchedule { ContentKey = parent, Action = ContentScheduleAction.Release, Date = now.AddDays(5), CreatedBy = Editor.UserName });
            await db.SaveChangesAsync();
        }

        var structure = _factory.Services.GetRequiredService<ContentStructureService>();
        Assert.That((await structure.TrashAsync(parent, Editor)).Success, Is.True);
        var restored = await structure.RestoreAsync(parent, Editor);

        await using var check = await DbAsync();
        var left = await check.ContentSchedules.AsNoTracking().Where(s => s.ContentKey == parent || s.ContentKey == child).ToListAsync();
        var audit = await _factory.Services.GetRequiredService<AuditService>().ForEntityAsync(parent);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(restored.Success, Is.True);
            Assert.That(left.Select(s => (s.ContentKey, s.Action)), Is.EqualTo(new[] { (parent, ContentScheduleAction.Release) }), "only the future publish stays");
            Assert.That(left.Single().Date, Is.GreaterThan(now));
            Assert.That(audit[0].Details, Does.Contain("3 veraltete Planungen wurden aufgehoben"));
        }
    }

    private async Task<CmsDbContext> DbAsync() =>
        await _factory.Services.GetRequiredService<IDbContextFactory<CmsDbContext>>().CreateDbContextAsync();

    private async Task<Guid> CreatePublishedPageAsync(string name, Guid? parent = null)
    {
        var key = Guid.NewGuid();
        var result = await _factory.Services.GetRequiredService<ContentService>().SaveAndPublishAsync(
            new SaveContentCommand(key, parent ?? Home, "contentPage", name, new Dictionary<string, string?> { ["headline"] = name }), Editor);
        Assert.That(result.Errors, Is.Empty, string.Join("; ", result.Errors.Select(e => e.Message)));
        return key;
    }
}
